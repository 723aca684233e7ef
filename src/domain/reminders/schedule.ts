import { atLocalTime, isOfficeMoment, localDay, nextOfficeMoment } from "../calendar/office-hours.ts";
import { addWorkingDays, plusDays, workingDayOnOrBefore, workingDaysBetween } from "../calendar/working-days.ts";
import type { ReminderSettings } from "./settings.ts";
import { assertWindow, byTime, deadlineDay, latestDue, type Slot, type TaskWindow } from "./slot.ts";

/**
 * The reminders before and on the due day: each offset's day at `settings.at` — moved back to the last working
 * day before it when that day is a weekend or holiday, and to the next office moment when `at` is outside
 * office hours. A slot planned before the task opens is dropped
 * (the launch message is the first notice), so is one that would land at or after the deadline (the overdue
 * reminders take over), and when moving piles several onto one moment only the one nearest the deadline stays.
 */
function slotsBeforeDeadline(task: TaskWindow, settings: ReminderSettings, zone: string): Slot[] {
  const dueDay = deadlineDay(task.dueAt, zone);
  const planned: Slot[] = [];
  for (const offset of [...settings.offsetsDays].sort((a, b) => a - b)) {
    // A reminder meant for a day off moves back to the last working day before it, so a deadline on a
    // Sunday still gets its "due soon" nudge on Friday rather than none at all.
    const nominal = atLocalTime(workingDayOnOrBefore(plusDays(dueDay, offset)), settings.at, zone);
    if (nominal < task.opensAt) continue;
    const at = nextOfficeMoment(nominal, zone, settings.officeHours);
    if (at >= task.dueAt) continue;
    planned.push(offset === 0 ? { key: "due", kind: "due", at } : { key: `before:${offset}`, kind: "before", at });
  }
  return planned.filter((slot, i) => {
    const next = planned[i + 1];
    return next === undefined || next.at > slot.at;
  });
}

/** The moment the task has been overdue `escalateAfterWorkingDays` working days: that working day at `at`. */
export function escalationSlot(task: TaskWindow, settings: ReminderSettings, zone: string): Slot {
  assertWindow(task);
  const day = addWorkingDays(deadlineDay(task.dueAt, zone), settings.escalateAfterWorkingDays);
  return { key: "escalate", kind: "escalate", at: nextOfficeMoment(atLocalTime(day, settings.at, zone), zone, settings.officeHours) };
}

/**
 * Every slot of one task for one department up to and including `horizon`, in time order: the offsets before
 * and on the due day, one "overdue:<day>" per working day after the deadline day (if `dailyWhileOverdue`),
 * and the "escalate" slot. Overdue reminders go on for as long as the horizon reaches.
 */
export function planSlots(task: TaskWindow, settings: ReminderSettings, zone: string, horizon: Date): Slot[] {
  assertWindow(task);
  const slots = slotsBeforeDeadline(task, settings, zone);
  if (settings.dailyWhileOverdue) {
    for (let day = addWorkingDays(deadlineDay(task.dueAt, zone), 1); ; day = addWorkingDays(day, 1)) {
      const at = nextOfficeMoment(atLocalTime(day, settings.at, zone), zone, settings.officeHours);
      if (at > horizon) break;
      slots.push({ key: `overdue:${day}`, kind: "overdue", at });
    }
  }
  slots.push(escalationSlot(task, settings, zone));
  return slots.filter((s) => s.at <= horizon).sort(byTime);
}

/**
 * The one reminder to send at `now`, or null: the latest slot already due (see `latestDue` for the collapse
 * rule). Reminders before and on the due day stop counting at the deadline — nobody is told "due today" after
 * it passed — and escalation is asked separately with `escalationDue`.
 */
export function slotToSend(task: TaskWindow, settings: ReminderSettings, zone: string, now: Date): Slot | null {
  const live = planSlots(task, settings, zone, now).filter((s) => s.kind === "overdue" || (s.kind !== "escalate" && now < task.dueAt));
  return latestDue(live, now, settings, zone);
}

/** Whether to escalate now: the escalation moment has passed and the office is open. */
export function escalationDue(task: TaskWindow, settings: ReminderSettings, zone: string, now: Date): boolean {
  return now >= escalationSlot(task, settings, zone).at && isOfficeMoment(now, zone, settings.officeHours);
}

/**
 * Working days after the deadline day up to and including today (0 until the deadline has passed). A task due
 * on Friday is 1 working day overdue all of Monday and 2 on Tuesday.
 */
export function overdueWorkingDays(task: TaskWindow, zone: string, now: Date): number {
  if (now <= task.dueAt) return 0;
  return workingDaysBetween(deadlineDay(task.dueAt, zone), localDay(now, zone));
}
