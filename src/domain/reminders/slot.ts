import { isOfficeMoment, localClock, localDay } from "../calendar/office-hours.ts";
import type { ReminderSettings } from "./settings.ts";

export type SlotKind = "before" | "due" | "overdue" | "escalate" | "daily" | "final" | "summary";

/**
 * One planned send. `key` is derived only from the task's dates and settings — never from when or where it
 * was computed — because the database claims (task, department, key) once: a restart or a second replica
 * computing the same slot must produce the same key.
 */
export interface Slot {
  key: string;
  kind: SlotKind;
  at: Date;
}

/** When a task (or the education window) opens and when it is due (or closes). */
export interface TaskWindow {
  opensAt: Date;
  dueAt: Date;
}

export function assertWindow(task: TaskWindow): void {
  if (!(task.opensAt.getTime() < task.dueAt.getTime())) {
    throw new RangeError(`a task must open before it is due: opens ${task.opensAt.toISOString()}, due ${task.dueAt.toISOString()}`);
  }
}

/** A deadline at local midnight ("by 31 May" stored as 1 June 00:00) belongs to the day before. */
export function deadlineDay(dueAt: Date, zone: string): string {
  return localDay(new Date(dueAt.getTime() - 1), zone);
}

/**
 * The collapse rule shared by every schedule: of the candidate slots already due, send only the latest, and only
 * inside office hours — after downtime the department gets one reminder, not one per missed slot. A missed slot
 * from an earlier day waits for today's reminder time, so it cannot go out minutes before today's own slot.
 */
export function latestDue(candidates: readonly Slot[], now: Date, settings: ReminderSettings, zone: string): Slot | null {
  if (!isOfficeMoment(now, zone, settings.officeHours)) return null;
  let latest: Slot | null = null;
  for (const slot of candidates) {
    if (slot.at <= now && (latest === null || slot.at >= latest.at)) latest = slot;
  }
  if (latest && localDay(latest.at, zone) < localDay(now, zone) && localClock(now, zone) < settings.at) return null;
  return latest;
}

export function byTime(a: Slot, b: Slot): number {
  return a.at.getTime() - b.at.getTime();
}
