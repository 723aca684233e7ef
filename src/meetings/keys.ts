/**
 * Dispatch keys of everything the bot posts for a meeting on its own. Derived only from ids and slot names, so a
 * retry, a restart or a second replica computing the same send claims the same key and posts nothing twice.
 */
export const meetingKeys = {
  created: (meetingId: string) => `meeting:${meetingId}:created`,
  notice: (meetingId: string, departmentId: string, slot: string) => `meeting:${meetingId}:notice:${departmentId}:${slot}`,
  noticePrefix: (meetingId: string) => `meeting:${meetingId}:notice:`,
  departmentNoticePrefix: (meetingId: string, departmentId: string) => `meeting:${meetingId}:notice:${departmentId}:`,
  report: (meetingId: string) => `meeting:${meetingId}:report`,
  briefing: (meetingId: string, departmentId: string) => `meeting:${meetingId}:briefing:${departmentId}`,
  briefingReminder: (meetingId: string, departmentId: string, slot: string) =>
    `meeting:${meetingId}:briefing:${departmentId}:remind:${slot}`,
  overdueList: (meetingId: string) => `meeting:${meetingId}:briefings-overdue`,
  /** The cancellation posted in a department's channel, and the one to the office. */
  cancelled: (meetingId: string, departmentId: string) => `meeting:${meetingId}:cancelled:${departmentId}`,
  cancelledOffice: (meetingId: string) => `meeting:${meetingId}:cancelled`,
  /** The office's record of an edit (the departments' "changed" notices are notices, slot `changed@r<n>`). */
  changedOffice: (meetingId: string, revision: number) => `meeting:${meetingId}:changed:r${revision}`,
  /** The attendance as it stands when the meeting starts, to the office (a rescheduled meeting gets one at its new start). */
  startReport: (meetingId: string, revision: number) => `meeting:${meetingId}:start-report${revision > 0 ? `:r${revision}` : ""}`,
  /**
   * A department's leave (请假): the request to the office, and the office's decision back to the department; a leave
   * asked again after a refusal (round 2, 3 …) gets posts of its own.
   */
  leaveRequest: (meetingId: string, departmentId: string, round = 1) =>
    `meeting:${meetingId}:leave:${departmentId}:request${round > 1 ? `:r${round}` : ""}`,
  leaveDecision: (meetingId: string, departmentId: string, round = 1) =>
    `meeting:${meetingId}:leave:${departmentId}:decision${round > 1 ? `:r${round}` : ""}`,
} as const;

export const MEETING_DISPATCH_KINDS = {
  created: "meeting-created",
  notice: "meeting-notice",
  report: "meeting-report",
  briefing: "meeting-briefing",
  briefingReminder: "meeting-briefing-reminder",
  overdueList: "meeting-briefings-overdue",
  cancelled: "meeting-cancelled",
  changed: "meeting-changed",
  startReport: "meeting-start-report",
  leaveRequest: "meeting-leave-request",
  leaveDecision: "meeting-leave-decision",
} as const;
