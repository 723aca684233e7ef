import { atLocalTime, DEFAULT_OFFICE_HOURS, localDay, type OfficeHours } from "../calendar/office-hours.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import type { MeetingInfo } from "./types.ts";

/** The last notice goes out this long before the meeting starts. */
export const NOTICE_MINUTES_BEFORE = 30;

/** "changed" is the notice an edit or reschedule posts at once, listing what changed. */
export type NoticeKind = "day-before" | "open" | "minutes-before" | "changed";

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
  revision: { number: number; at: Date } | null = null,
): NoticeSlot | null {
  if (now >= meeting.signInClosesAt) return null;
  let latest: NoticeSlot | null = null;
  for (const slot of noticeSlots(meeting, zone, officeHours)) {
    // After an edit, the "changed" notice posted then stands for every slot already due; only later ones follow.
    if (revision && slot.at <= revision.at) continue;
    if (slot.at <= now) latest = slot;
  }
  if (!latest || !revision || revision.number === 0) return latest;
  return { ...latest, key: revisedSlotKey(latest.key, revision.number) };
}

/** A slot's key under a revision: "open" for the meeting as created, "open@r2" after the second edit. */
export function revisedSlotKey(key: string, revision: number): string {
  return revision > 0 ? `${key}@r${revision}` : key;
}

/** The notice kind and revision a Dispatch key's last part names ("day-before", "open@r1", "before-30m", "changed@r2"). */
export function parseSlotKey(slotKey: string): { kind: NoticeKind; revision: number } {
  const m = /^(.*?)(?:@r(\d+))?$/.exec(slotKey)!;
  const base = m[1]!;
  const revision = m[2] ? Number(m[2]) : 0;
  const kind: NoticeKind =
    base === "day-before" ? "day-before" : base === "open" ? "open" : base === "changed" ? "changed" : "minutes-before";
  return { kind, revision };
}

/** The notice kind a Dispatch key's last part names. */
export function noticeKindOfKey(slotKey: string): NoticeKind {
  return parseSlotKey(slotKey).kind;
}
