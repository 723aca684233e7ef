import { atLocalTime, DEFAULT_OFFICE_HOURS, localDay, type OfficeHours } from "../calendar/office-hours.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import type { MeetingInfo } from "./types.ts";

/** The last notice goes out this long before the meeting starts. */
export const NOTICE_MINUTES_BEFORE = 30;

export type NoticeKind = "day-before" | "open" | "minutes-before";

/** One notice every required department gets; `key` names it in the Dispatch key. */
export interface NoticeSlot {
  key: string;
  kind: NoticeKind;
  at: Date;
}

type NoticeMeeting = Pick<MeetingInfo, "startsAt" | "signInOpensAt" | "signInClosesAt">;

const MINUTE = 60_000;

/**
 * The notices of a meeting, in time order: on the working day before the meeting day at the office's opening
 * ("the day before" — a Monday meeting is announced on Friday), when sign-in opens, and 30 minutes before the
 * start. Sign-in opening within a minute of the 30-minute notice is one notice, not two; nothing is planned once
 * the sign-in window has closed.
 */
export function noticeSlots(meeting: NoticeMeeting, zone: string, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): NoticeSlot[] {
  const dayBefore = atLocalTime(addWorkingDays(localDay(meeting.startsAt, zone), -1), officeHours.start, zone);
  const minutesBefore = new Date(meeting.startsAt.getTime() - NOTICE_MINUTES_BEFORE * MINUTE);
  const slots: NoticeSlot[] = [
    { key: "day-before", kind: "day-before", at: dayBefore },
    { key: `before-${NOTICE_MINUTES_BEFORE}m`, kind: "minutes-before", at: minutesBefore },
  ];
  if (Math.abs(meeting.signInOpensAt.getTime() - minutesBefore.getTime()) >= MINUTE) {
    slots.push({ key: "open", kind: "open", at: meeting.signInOpensAt });
  }
  return slots.filter((s) => s.at < meeting.signInClosesAt).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The one notice to post at `now`, or null: the latest slot already due while sign-in has not closed. After
 * downtime, or for a meeting created at short notice, departments get one notice, not one per missed slot.
 */
export function noticeToSend(
  meeting: NoticeMeeting,
  zone: string,
  now: Date,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): NoticeSlot | null {
  if (now >= meeting.signInClosesAt) return null;
  let latest: NoticeSlot | null = null;
  for (const slot of noticeSlots(meeting, zone, officeHours)) if (slot.at <= now) latest = slot;
  return latest;
}

/** The notice kind a Dispatch key's last part names ("day-before", "open", "before-30m"). */
export function noticeKindOfKey(slotKey: string): NoticeKind {
  if (slotKey === "day-before") return "day-before";
  if (slotKey === "open") return "open";
  return "minutes-before";
}
