import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { REPORT_STATUS_LABELS, ZReportData, type ReportData } from "./completion-data.ts";
import { formatDeadlineMoment } from "./format-local.ts";
import type { CampaignTask } from "./types.ts";

export type CorrectionCheck = { ok: true } | { ok: false; code: "not_correctable" | "deadline_passed"; message: Bilingual };

/** Whether a submitted report can still be corrected: a report task, until its deadline (after it, the office decides). */
export function mayCorrectReport(task: Pick<CampaignTask, "kind" | "title" | "dueAt">, now: Date, zone: string): CorrectionCheck {
  if (task.kind !== "report") {
    return {
      ok: false,
      code: "not_correctable",
      message: { zh: `“${task.title.zh}”不是报告，不能更正。`, en: `“${task.title.en}” is not a report and cannot be corrected.` },
    };
  }
  if (now < task.dueAt) return { ok: true };
  return {
    ok: false,
    code: "deadline_passed",
    message: {
      zh: `“${task.title.zh}”已于${formatDeadlineMoment(task.dueAt, zone, "zh", now)}截止，报告不能再更正；如需更正请联系安委办。`,
      en: `The deadline of “${task.title.en}” (${formatDeadlineMoment(task.dueAt, zone, "en", now)}) has passed; the report can no longer be corrected. Please contact the safety office if it must change.`,
    },
  };
}

/** A stored report, or null when the row holds something else (a row from before the schema, a hand edit). */
export function readReport(data: unknown): ReportData | null {
  const parsed = ZReportData.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Whether two reports say the same thing (a retried submission of the same correction). */
export function sameReport(a: ReportData | null, b: ReportData | null): boolean {
  if (!a || !b) return a === b;
  return a.status === b.status && a.hazardsFound === b.hazardsFound && a.hazardsRectified === b.hazardsRectified && a.note === b.note;
}

/** What a correction changed, one phrase per field: "发现隐患 3 → 5 处", "说明已修改". Empty when nothing did. */
export function reportChanges(before: ReportData | null, after: ReportData | null, lang: Lang): string[] {
  if (!after) return [];
  const zh = lang === "zh";
  if (!before) return [zh ? "报告内容已替换" : "report replaced"];
  const out: string[] = [];
  if (before.status !== after.status)
    out.push(
      zh
        ? `整改状态 ${REPORT_STATUS_LABELS[before.status].zh} → ${REPORT_STATUS_LABELS[after.status].zh}`
        : `status ${REPORT_STATUS_LABELS[before.status].en} → ${REPORT_STATUS_LABELS[after.status].en}`,
    );
  if (before.hazardsFound !== after.hazardsFound)
    out.push(
      zh ? `发现隐患 ${before.hazardsFound} → ${after.hazardsFound} 处` : `hazards found ${before.hazardsFound} → ${after.hazardsFound}`,
    );
  if (before.hazardsRectified !== after.hazardsRectified)
    out.push(
      zh
        ? `已整改 ${before.hazardsRectified} → ${after.hazardsRectified} 处`
        : `rectified ${before.hazardsRectified} → ${after.hazardsRectified}`,
    );
  if ((before.note ?? "") !== (after.note ?? ""))
    out.push(zh ? (after.note ? "说明已修改" : "说明已删除") : after.note ? "note changed" : "note removed");
  return out;
}
