import type { AbsenceRecord, MissedMeeting } from "../../../domain/meetings/absence-record.ts";
import type { RegisteredHead } from "../../../domain/meetings/types.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { joinList } from "../../../lib/i18n.ts";
import { periodText, personText } from "./people-text.ts";

/** One 缺席记录 row per mandatory meeting a head missed in person. */
export interface AbsenceRow {
  head: string;
  title: string;
  department: string;
  meeting: string;
  startsAt: Date;
  attendedBy: string;
  period: string;
  /** Null for a department with no registered head: there is nobody to count misses for. */
  periodMisses: number | null;
  summons: string;
}

export const ABSENCE_COLUMNS = [
  "head",
  "title",
  "department",
  "meeting",
  "startsAt",
  "attendedBy",
  "period",
  "periodMisses",
  "summons",
] as const;
export type AbsenceColumn = (typeof ABSENCE_COLUMNS)[number];

const HEADERS: Record<Lang, Record<AbsenceColumn, string>> = {
  zh: {
    head: "主要负责人",
    title: "职务",
    department: "单位",
    meeting: "会议",
    startsAt: "会议时间",
    attendedBy: "代参会人",
    period: "期间",
    periodMisses: "期间内未本人参会次数",
    summons: "是否列入约谈名单",
  },
  en: {
    head: "Principal head",
    title: "Title",
    department: "Department",
    meeting: "Meeting",
    startsAt: "Meeting time",
    attendedBy: "Attended instead by",
    period: "Period",
    periodMisses: "Misses in period",
    summons: "On summons list?",
  },
};

export function absenceHeaders(lang: Lang): string[] {
  return ABSENCE_COLUMNS.map((c) => HEADERS[lang][c]);
}

function row(head: RegisteredHead | null, m: MissedMeeting, periodMisses: number | null, flagged: boolean, lang: Lang): AbsenceRow {
  const zh = lang === "zh";
  const onLeave = m.status === "on_leave";
  return {
    head: head ? head.name : zh ? "（未登记主要负责人）" : "(no registered head)",
    title: head?.title ?? "",
    department: zh ? m.nameZh : m.nameEn,
    meeting: m.title,
    startsAt: m.startsAt,
    attendedBy:
      (onLeave
        ? (zh
            ? `请假（已批准${m.leaveReason ? `：${m.leaveReason}` : ""}）`
            : `on approved leave${m.leaveReason ? ` (${m.leaveReason})` : ""}`) + (m.attendedBy.length ? (zh ? "；" : "; ") : "")
        : "") +
      (m.attendedBy.length > 0
        ? joinList(
            m.attendedBy.map((p) => personText(p, lang)),
            lang,
          )
        : onLeave
          ? ""
          : zh
            ? "无人参会"
            : "nobody"),
    period: periodText(m.period, lang),
    periodMisses,
    summons: onLeave
      ? zh
        ? "否（已批准请假，不计入）"
        : "No (approved leave, not counted)"
      : flagged
        ? zh
          ? "是"
          : "Yes"
        : zh
          ? "否"
          : "No",
  };
}

/** Heads in the record's order, each head's misses by date; then misses nobody can be named for. */
export function absenceRows(record: AbsenceRecord, lang: Lang): AbsenceRow[] {
  const rows: AbsenceRow[] = [];
  for (const h of record.heads) {
    const perPeriod = new Map(h.missesByPeriod.map((p) => [p.period, p.count]));
    for (const m of h.missed) {
      const count = perPeriod.get(m.period) ?? 0;
      rows.push(row(h.head, m, count, count >= record.threshold, lang));
    }
    for (const m of h.onLeave) rows.push(row(h.head, m, perPeriod.get(m.period) ?? 0, false, lang));
  }
  for (const m of record.withoutRegisteredHead) rows.push(row(null, m, null, false, lang));
  return rows;
}

/** "约谈标准：同一季度内未本人参会 2 次及以上" and its English. */
export function absenceCriterion(record: AbsenceRecord, lang: Lang): string {
  const zhPer = { quarter: "季度", month: "月", year: "年度" }[record.per];
  const enPer = { quarter: "quarter", month: "month", year: "year" }[record.per];
  return lang === "zh"
    ? `约谈标准：同一${zhPer}内未本人参会 ${record.threshold} 次及以上`
    : `Summons when a head misses ${record.threshold} or more mandatory meetings in person within one calendar ${enPer}`;
}
