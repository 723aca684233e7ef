import { z } from "zod";
import type { Bilingual } from "../../lib/i18n.ts";
import { DaySchema } from "../calendar/working-days.ts";

/** What the report form's status means: the state of rectification of the hazards the department found. */
export const REPORT_STATUSES = ["all-rectified", "rectifying", "none-found"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, Bilingual> = {
  "all-rectified": { zh: "已全部整改到位", en: "All rectified" },
  rectifying: { zh: "正在整改", en: "Rectification in progress" },
  "none-found": { zh: "未发现隐患", en: "No hazards found" },
};

export const MAX_NOTE_LENGTH = 2000;
export const MAX_HAZARDS = 1_000_000;
export const MAX_ATTENDEES = 100_000;

export interface ReportData {
  status: ReportStatus;
  hazardsFound: number;
  hazardsRectified: number;
  note: string | null;
}

export type ReportField = "status" | "hazardsFound" | "hazardsRectified";

/**
 * The rules across fields of a report, each problem on the field a person should change: more rectified than
 * found, "no hazards found" with hazards counted, "all rectified" with some still open.
 */
export function reportProblems(
  report: Pick<ReportData, "status" | "hazardsFound" | "hazardsRectified">,
): Partial<Record<ReportField, Bilingual>> {
  const { status, hazardsFound: found, hazardsRectified: rectified } = report;
  if (rectified > found) {
    return {
      hazardsRectified: {
        zh: `已整改数（${rectified}）不能多于排查发现的隐患数（${found}）。`,
        en: `Hazards rectified (${rectified}) cannot exceed hazards found (${found}).`,
      },
    };
  }
  if (status === "none-found" && found > 0) {
    return {
      status: {
        zh: `填写了 ${found} 处隐患，不能选择“未发现隐患”。`,
        en: `You entered ${found} hazards found, so "No hazards found" does not fit.`,
      },
    };
  }
  if (status === "all-rectified" && rectified < found) {
    return {
      status: {
        zh: `仍有 ${found - rectified} 处隐患未整改，不能选择“已全部整改到位”。`,
        en: `${found - rectified} hazards are still open, so "All rectified" does not fit.`,
      },
    };
  }
  return {};
}

const count = (max: number) => z.number().int().min(0).max(max);

/** A report as stored in `Completion.data`. */
export const ZReportData = z
  .strictObject({
    status: z.enum(REPORT_STATUSES),
    hazardsFound: count(MAX_HAZARDS),
    hazardsRectified: count(MAX_HAZARDS),
    note: z.string().max(MAX_NOTE_LENGTH).nullable(),
  })
  .superRefine((report, ctx) => {
    for (const [field, message] of Object.entries(reportProblems(report))) {
      ctx.addIssue({ code: "custom", path: [field], message: `${message.zh} / ${message.en}` });
    }
  });

export interface EducationSessionData {
  /** The local day the warning-education session was held, YYYY-MM-DD. */
  heldOn: string;
  attendees: number;
  location: string;
  note: string | null;
}

/** An education session as stored in `Completion.data`. */
export const ZEducationSessionData = z.strictObject({
  heldOn: DaySchema,
  attendees: z.number().int().min(1).max(MAX_ATTENDEES),
  location: z.string().trim().min(1).max(200),
  note: z.string().max(MAX_NOTE_LENGTH).nullable(),
});
