import { atLocalTime, isOfficeMoment, localDay, nextOfficeMoment } from "../calendar/office-hours.ts";
import { isWorkingDay, plusDays } from "../calendar/working-days.ts";
import type { ReminderSettings } from "./settings.ts";
import { assertWindow, byTime, deadlineDay, latestDue, type Slot, type TaskWindow } from "./slot.ts";

/** The closing summary goes to the safety office at the window close, or when the office next opens. */
export function summarySlot(window: TaskWindow, settings: ReminderSettings, zone: string): Slot {
  assertWindow(window);
  return { key: "summary", kind: "summary", at: nextOfficeMoment(window.dueAt, zone, settings.officeHours) };
}

/**
 * The slots of a reporting window such as the fire warning-education week, up to `horizon`: a "daily:<day>" nudge
 * at `settings.at` on each working day while the window is open, the last of them replaced by the "final" warning,
 * then the "summary". Only `at` and `officeHours` of the settings apply; a window has no offsets or escalation.
 */
export function windowSlots(window: TaskWindow, settings: ReminderSettings, zone: string, horizon: Date): Slot[] {
  const summary = summarySlot(window, settings, zone);
  const nudges: Slot[] = [];
  for (let day = localDay(window.opensAt, zone); day <= deadlineDay(window.dueAt, zone); day = plusDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const at = atLocalTime(day, settings.at, zone);
    if (at >= window.opensAt && at < window.dueAt) nudges.push({ key: `daily:${day}`, kind: "daily", at });
  }
  const last = nudges.pop();
  if (last) nudges.push({ key: "final", kind: "final", at: last.at });
  return [...nudges, summary].filter((s) => s.at <= horizon).sort(byTime);
}

/** The one nudge to send to a department at `now` (same collapse rule as `slotToSend`); none once the window closed. */
export function windowSlotToSend(window: TaskWindow, settings: ReminderSettings, zone: string, now: Date): Slot | null {
  if (now >= window.dueAt) return null;
  const nudges = windowSlots(window, settings, zone, now).filter((s) => s.kind !== "summary");
  return latestDue(nudges, now, settings, zone);
}

/** Whether the closing summary should be posted now. */
export function summaryDue(window: TaskWindow, settings: ReminderSettings, zone: string, now: Date): boolean {
  return now >= summarySlot(window, settings, zone).at && isOfficeMoment(now, zone, settings.officeHours);
}
