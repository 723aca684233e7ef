import type { Bilingual, Lang } from "../../lib/i18n.ts";
import { REPORT_STATUS_LABELS, ZEducationSessionData, ZReportData } from "../../domain/campaigns/completion-data.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import type { TaskState } from "../../domain/campaigns/task-state.ts";
import type { CampaignTask, CompletionRecord, TaskKind } from "../../domain/campaigns/types.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";

export const KIND_LABELS: Record<TaskKind, Bilingual> = {
  acknowledge: { zh: "确认收到", en: "Acknowledgement" },
  report: { zh: "报告", en: "Report" },
  "education-session": { zh: "警示教育", en: "Warning education" },
  pledge: { zh: "安全承诺", en: "Safety pledge" },
};

export const BUTTON_LABELS: Record<TaskKind, Bilingual> = {
  acknowledge: { zh: "收到", en: "Acknowledge" },
  report: { zh: "提交报告", en: "Report" },
  "education-session": { zh: "填报警示教育", en: "Report education session" },
  pledge: { zh: "签署承诺", en: "Sign pledge" },
};

export const SIGN_AGAIN_LABEL: Bilingual = { zh: "重新签署", en: "Sign again" };
export const CORRECT_LABEL: Bilingual = { zh: "更正报告", en: "Correct the report" };

/** "已更正（李四 5月27日 10:00）", "已更正 2 次（…）": a report the department corrected; empty otherwise. */
export function correctionNote(completion: Pick<CompletionRecord, "correction">, zone: string, lang: Lang, now: Date): string {
  const c = completion.correction;
  if (!c) return "";
  const zh = lang === "zh";
  const times = c.revision > 1 ? (zh ? ` ${c.revision} 次` : ` ${c.revision} times`) : "";
  const who = `${escapeMrkdwn(c.byName)} ${formatInstant(c.at, zone, lang, now)}`;
  return zh ? `已更正${times}（${who}）` : `corrected${times} (${who})`;
}

const DONE_LABELS: Record<TaskKind, Bilingual> = {
  acknowledge: { zh: "已确认收到", en: "Acknowledged" },
  report: { zh: "已提交报告", en: "Report submitted" },
  "education-session": { zh: "已填报", en: "Session reported" },
  pledge: { zh: "已签署", en: "Signed" },
};

export const STATE_ICONS = { done: "✅", open: "⬜", overdue: "🔴", upcoming: "⏳" } as const;

/** "张三（科长）" / "Zhang San (Section Chief)", escaped for mrkdwn. */
export function personName(completion: Pick<CompletionRecord, "userName" | "userTitle">, lang: Lang): string {
  const name = escapeMrkdwn(completion.userName);
  if (!completion.userTitle) return name;
  return lang === "zh" ? `${name}（${escapeMrkdwn(completion.userTitle)}）` : `${name} (${escapeMrkdwn(completion.userTitle)})`;
}

/** A task's short name among the campaign's tasks: its kind, numbered when the campaign has two of a kind. */
export function taskLabel(task: CampaignTask, tasks: readonly CampaignTask[], lang: Lang): string {
  const same = tasks.filter((t) => t.kind === task.kind);
  const label = KIND_LABELS[task.kind][lang];
  return same.length > 1 ? `${label}${same.indexOf(task) + 1}` : label;
}

/** What a form said, in a few words: "发现隐患 12 处，已整改 10 处（正在整改）". Empty for other kinds. */
export function completionDetail(task: CampaignTask, completion: CompletionRecord, lang: Lang): string {
  if (task.kind === "report") {
    const r = ZReportData.safeParse(completion.data);
    if (!r.success) return "";
    const d = r.data;
    return lang === "zh"
      ? `发现隐患 ${d.hazardsFound} 处，已整改 ${d.hazardsRectified} 处（${REPORT_STATUS_LABELS[d.status].zh}）`
      : `${d.hazardsFound} hazards found, ${d.hazardsRectified} rectified (${REPORT_STATUS_LABELS[d.status].en})`;
  }
  if (task.kind === "education-session") {
    const s = ZEducationSessionData.safeParse(completion.data);
    if (!s.success) return "";
    const d = s.data;
    return lang === "zh"
      ? `${d.heldOn} 于${escapeMrkdwn(d.location)}举行，${d.attendees} 人参加`
      : `held ${d.heldOn} at ${escapeMrkdwn(d.location)}, ${d.attendees} attended`;
  }
  if (task.kind === "pledge" && completion.pledgeVersion !== null)
    return lang === "zh" ? `承诺书第 ${completion.pledgeVersion} 版` : `pledge version ${completion.pledgeVersion}`;
  return "";
}

/**
 * One department's state on one task as a line: "✅ 已确认收到：张三（科长）· 5月28日 10:02",
 * "🔴 已逾期 2 个工作日 · 5月31日（周日）24:00前", "⏳ 6月1日 09:00起开放".
 */
export function describeState(cell: TaskState & { task: CampaignTask }, now: Date, zone: string, lang: Lang): string {
  const { task } = cell;
  const due = formatDeadline(task.dueAt, zone, lang, now);
  const sep = lang === "zh" ? "：" : ": ";
  let line: string;
  switch (cell.state) {
    case "done": {
      const c = cell.completion!;
      const detail = completionDetail(task, c, lang);
      const late = cell.late ? (lang === "zh" ? "（逾期完成）" : " (late)") : "";
      line = `${STATE_ICONS.done} ${DONE_LABELS[task.kind][lang]}${sep}${personName(c, lang)} · ${formatInstant(c.completedAt, zone, lang, now)}${late}`;
      if (detail) line += ` · ${detail}`;
      const corrected = correctionNote(c, zone, lang, now);
      if (corrected) line += ` · ✏️ ${corrected}`;
      break;
    }
    case "overdue": {
      const days = cell.overdueWorkingDays;
      const overdue =
        lang === "zh"
          ? `已逾期${days > 0 ? ` ${days} 个工作日` : ""}`
          : `Overdue${days > 0 ? ` by ${days} working day${days === 1 ? "" : "s"}` : ""}`;
      line = `${STATE_ICONS.overdue} ${overdue} · ${lang === "zh" ? `截止${due}` : `was due ${due}`}`;
      break;
    }
    case "upcoming":
      line = `${STATE_ICONS.upcoming} ${lang === "zh" ? `${formatInstant(task.opensAt, zone, lang, now)}起开放 · 截止${due}` : `Opens ${formatInstant(task.opensAt, zone, lang, now)} · due ${due}`}`;
      break;
    case "open":
      line = `${STATE_ICONS.open} ${lang === "zh" ? `待完成 · 截止${due}` : `To do · due ${due}`}`;
      break;
  }
  if (cell.stalePledge) line += `\n⚠️ ${cell.stalePledge.message[lang]}`;
  return line;
}
