import type { AttendanceReport } from "./build-attendance-report.ts";
import type { PersonRef } from "./types.ts";

export interface BriefingToOpen {
  meetingId: string;
  departmentId: string;
  /** Null when the department has no registered head: only the deputy side can be confirmed. */
  head: PersonRef | null;
  /** Who must brief the head: the first to sign in instead of them; null when nobody came. */
  deputy: PersonRef | null;
}

/**
 * The follow-ups a closed meeting leaves: for every department whose head did not attend in person,
 * the deputy confirms they briefed the head in full and the head confirms they were briefed
 * (原原本本的汇报会议精神). Meetings that do not require the head in person leave none, and neither
 * does a department with no registered head that nobody attended: there is nobody to ask, and the
 * report already flags it.
 */
export function briefingsToOpen(report: AttendanceReport): BriefingToOpen[] {
  if (!report.meeting.headMustAttend) return [];
  return report.departments
    .filter((d) => d.status !== "head_in_person" && !(d.head === null && d.attendees.length === 0))
    .map((d) => {
      // One Briefing row per department (its unique key); with several deputies the first to sign in answers for it.
      const first = d.attendees[0];
      return {
        meetingId: report.meeting.id,
        departmentId: d.departmentId,
        head: d.head ? { slackUserId: d.head.slackUserId, name: d.head.name } : null,
        deputy: first ? { slackUserId: first.slackUserId, name: first.name } : null,
      };
    });
}
