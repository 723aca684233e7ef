import type { AttendanceReport, Attendee } from "./build-attendance-report.ts";
import { toLocal } from "./local-time.ts";
import type { RegisteredHead } from "./types.ts";

export type AbsencePeriod = "quarter" | "month" | "year";

export interface AbsenceRecordOptions {
  /** Count meetings starting at or after this instant. */
  since?: Date;
  /** Misses within one period at or above which a head goes on the summons (约谈) list. */
  threshold?: number;
  per?: AbsencePeriod;
}

export interface MissedMeeting {
  meetingId: string;
  title: string;
  startsAt: Date;
  departmentId: string;
  nameZh: string;
  nameEn: string;
  /** by_deputy: someone came instead; absent: nobody from the department signed in; on_leave: approved leave (请假). */
  status: "by_deputy" | "absent" | "on_leave";
  attendedBy: Attendee[];
  /** The approved leave's reason, for on_leave. */
  leaveReason?: string;
  /** Local (Asia/Shanghai) period label: "2024-Q2", "2024-05" or "2024". */
  period: string;
}

export interface HeadAbsences {
  /** As registered at the most recent counted meeting. */
  head: RegisteredHead;
  departments: { departmentId: string; nameZh: string; nameEn: string }[];
  /** Mandatory meetings this person was required at as principal head. */
  required: number;
  attendedInPerson: number;
  /** Not in person without approved leave: what counts toward 约谈. */
  missed: MissedMeeting[];
  /** Not in person with leave the office approved (请假): listed, counted separately, never toward 约谈. */
  onLeave: MissedMeeting[];
  missesByPeriod: { period: string; count: number }[];
  flagged: boolean;
  flaggedPeriods: string[];
}

export interface AbsenceRecord {
  since: Date | null;
  threshold: number;
  per: AbsencePeriod;
  meetingsCounted: number;
  /** Heads who missed at least one mandatory meeting in person, or were excused from one; flagged first, then most misses. */
  heads: HeadAbsences[];
  /** The flagged heads: the office's summons (约谈) list. */
  summons: HeadAbsences[];
  /** Misses by departments with no registered head: nobody can be named, so the head should be registered. */
  withoutRegisteredHead: MissedMeeting[];
}

function periodLabel(at: Date, per: AbsencePeriod): string {
  const t = toLocal(at);
  if (per === "quarter") return `${t.year}-Q${t.quarter}`;
  if (per === "month") return t.toFormat("yyyy-MM");
  return String(t.year);
}

const collator = new Intl.Collator("zh-CN");

/**
 * Per principal head, the mandatory meetings they missed in person, over closed meetings only (an open
 * meeting's absences are not final). Periods are calendar periods in Asia/Shanghai, so a meeting at
 * 00:30 local on 1 April counts in Q2 even though it is 31 March in UTC.
 */
export function absenceRecord(reports: readonly AttendanceReport[], options: AbsenceRecordOptions = {}): AbsenceRecord {
  const threshold = options.threshold ?? 2;
  const per = options.per ?? "quarter";
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);

  const counted = reports
    .filter((r) => r.meeting.headMustAttend && r.meeting.status === "closed")
    .filter((r) => !options.since || r.meeting.startsAt.getTime() >= options.since.getTime())
    .sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime() || a.meeting.id.localeCompare(b.meeting.id));

  const byHead = new Map<string, HeadAbsences>();
  const withoutRegisteredHead: MissedMeeting[] = [];

  for (const report of counted) {
    const { meeting } = report;
    for (const d of report.departments) {
      const miss: MissedMeeting | null =
        d.status === "head_in_person"
          ? null
          : {
              meetingId: meeting.id,
              title: meeting.title,
              startsAt: meeting.startsAt,
              departmentId: d.departmentId,
              nameZh: d.nameZh,
              nameEn: d.nameEn,
              status: d.status,
              attendedBy: d.attendees,
              period: periodLabel(meeting.startsAt, per),
              ...(d.status === "on_leave" && d.leave ? { leaveReason: d.leave.reason } : {}),
            };
      if (!d.head) {
        if (miss) withoutRegisteredHead.push(miss);
        continue;
      }
      let entry = byHead.get(d.head.slackUserId);
      if (!entry) {
        entry = {
          head: d.head,
          departments: [],
          required: 0,
          attendedInPerson: 0,
          missed: [],
          onLeave: [],
          missesByPeriod: [],
          flagged: false,
          flaggedPeriods: [],
        };
        byHead.set(d.head.slackUserId, entry);
      }
      entry.head = d.head;
      if (!entry.departments.some((x) => x.departmentId === d.departmentId)) {
        entry.departments.push({ departmentId: d.departmentId, nameZh: d.nameZh, nameEn: d.nameEn });
      }
      entry.required += 1;
      if (miss?.status === "on_leave") entry.onLeave.push(miss);
      else if (miss) entry.missed.push(miss);
      else entry.attendedInPerson += 1;
    }
  }

  const heads = [...byHead.values()].filter((h) => h.missed.length > 0 || h.onLeave.length > 0);
  for (const h of heads) {
    const counts = new Map<string, number>();
    for (const m of h.missed) counts.set(m.period, (counts.get(m.period) ?? 0) + 1);
    h.missesByPeriod = [...counts].map(([period, count]) => ({ period, count }));
    h.flaggedPeriods = h.missesByPeriod.filter((p) => p.count >= threshold).map((p) => p.period);
    h.flagged = h.flaggedPeriods.length > 0;
  }
  heads.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      b.missed.length - a.missed.length ||
      b.onLeave.length - a.onLeave.length ||
      collator.compare(a.head.name, b.head.name),
  );

  return {
    since: options.since ?? null,
    threshold,
    per,
    meetingsCounted: counted.length,
    heads,
    summons: heads.filter((h) => h.flagged),
    withoutRegisteredHead,
  };
}
