import { briefingState, type BriefingState } from "../../../domain/meetings/briefing-state.ts";
import type { AttendanceReport, DepartmentAttendance } from "../../../domain/meetings/build-attendance-report.ts";
import { formatLocalStamp } from "../../../domain/meetings/local-time.ts";
import type { BriefingRecord } from "../../../domain/meetings/types.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { joinList } from "../../../lib/i18n.ts";
import { personText } from "./people-text.ts";

export interface AttendanceExportMeta {
  /** The meeting's Briefing rows; departments without one read "not opened". */
  briefings?: readonly BriefingRecord[];
  /** Decides whether an unconfirmed briefing is overdue. */
  now: Date;
}

/** One 签到表 row per department, as text and dates, shared by the workbook and the CSV. */
export interface AttendanceRow {
  department: string;
  head: string;
  attendedBy: string;
  inPerson: string;
  signedInAt: Date | null;
  briefed: string;
  status: DepartmentAttendance["status"];
}

export const ATTENDANCE_COLUMNS = ["department", "head", "attendedBy", "inPerson", "signedInAt", "briefed"] as const;
export type AttendanceColumn = (typeof ATTENDANCE_COLUMNS)[number];

const HEADERS: Record<Lang, Record<AttendanceColumn, string>> = {
  zh: {
    department: "部门",
    head: "主要负责人",
    attendedBy: "参会人",
    inPerson: "是否本人参会",
    signedInAt: "签到时间",
    briefed: "是否已传达",
  },
  en: {
    department: "Department",
    head: "Principal head",
    attendedBy: "Attended by",
    inPerson: "Head in person?",
    signedInAt: "Signed in at",
    briefed: "Briefed?",
  },
};

export function attendanceHeaders(lang: Lang): string[] {
  return ATTENDANCE_COLUMNS.map((c) => HEADERS[lang][c]);
}

function briefedText(b: BriefingState, lang: Lang): string {
  const zh = lang === "zh";
  switch (b.state) {
    case "not_needed":
      return zh ? "不适用（本人参会）" : "n/a (head attended)";
    case "not_opened":
      return zh ? "未开启传达确认" : "follow-up not opened";
    case "confirmed":
      return zh ? `已传达（${formatLocalStamp(b.at)}确认）` : `Yes (confirmed ${formatLocalStamp(b.at)})`;
    case "pending":
    case "overdue": {
      const waiting = [
        ...(b.deputyConfirmed ? [] : [zh ? "参会人" : "attendee"]),
        ...(b.headConfirmed ? [] : [zh ? "主要负责人" : "head"]),
      ];
      const due = formatLocalStamp(b.dueAt);
      if (b.state === "overdue") {
        return zh
          ? `逾期未确认（截止${due}；未确认：${joinList(waiting, "zh")}）`
          : `Overdue (due ${due}; not confirmed by: ${joinList(waiting, "en")})`;
      }
      return zh ? `待确认（截止${due}；待${joinList(waiting, "zh")}确认）` : `Pending (due ${due}; awaiting ${joinList(waiting, "en")})`;
    }
  }
}

export function attendanceRows(report: AttendanceReport, meta: AttendanceExportMeta, lang: Lang): AttendanceRow[] {
  const zh = lang === "zh";
  const briefings = new Map((meta.briefings ?? []).map((b) => [b.departmentId, b]));
  return report.departments.map((d) => {
    const headPresent = d.status === "head_in_person" && d.head ? [d.head] : [];
    const people = [...headPresent, ...d.attendees].map((p) => personText(p, lang));
    return {
      department: zh ? d.nameZh : d.nameEn,
      head: d.head ? personText(d.head, lang) : zh ? "未登记主要负责人" : "no registered head",
      attendedBy: people.length > 0 ? joinList(people, lang) : zh ? "无人参会" : "nobody",
      inPerson:
        d.status === "head_in_person"
          ? zh
            ? "是"
            : "Yes"
          : d.status === "on_leave"
            ? zh
              ? `否（请假，已批准${d.leave?.reason ? `：${d.leave.reason}` : ""}）`
              : `No (on approved leave${d.leave?.reason ? `: ${d.leave.reason}` : ""})`
            : d.status === "by_deputy"
              ? zh
                ? "否（他人代参会）"
                : "No (attended by deputy)"
              : zh
                ? "否（缺席）"
                : "No (absent)",
      signedInAt: d.status === "head_in_person" ? d.headSignedInAt : (d.attendees[0]?.signedInAt ?? null),
      briefed: briefedText(briefingState(d.status, briefings.get(d.departmentId), meta.now), lang),
      status: d.status,
    };
  });
}

/** "应到 12 个单位：主要负责人本人参会 8 个，代参会 3 个，缺席 1 个" and its English. */
export function attendanceSummary(report: AttendanceReport, lang: Lang): string {
  const t = report.totals;
  const base =
    lang === "zh"
      ? `应到 ${t.required} 个单位：主要负责人本人参会 ${t.headInPerson} 个，${t.onLeave ? `请假 ${t.onLeave} 个，` : ""}他人代参会 ${t.byDeputy} 个，缺席 ${t.absent} 个`
      : `${t.required} departments required: head in person ${t.headInPerson}, ${t.onLeave ? `on leave ${t.onLeave}, ` : ""}by deputy ${t.byDeputy}, absent ${t.absent}`;
  if (t.withoutRegisteredHead === 0) return base;
  return lang === "zh"
    ? `${base}；${t.withoutRegisteredHead} 个单位未登记主要负责人`
    : `${base}; ${t.withoutRegisteredHead} without a registered head`;
}
