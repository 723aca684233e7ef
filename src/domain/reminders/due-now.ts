import type { ReminderSettings } from "./settings.ts";
import { escalationDue, escalationSlot, planSlots, slotToSend } from "./schedule.ts";
import type { Slot, TaskWindow } from "./slot.ts";
import { summaryDue, summarySlot, windowSlots, windowSlotToSend } from "./window-schedule.ts";

/** "deadline": reminders towards a due date, then overdue and escalation. "window": daily nudges, final warning, summary. */
export type ScheduleKind = "deadline" | "window";

export interface ScheduledTask extends TaskWindow {
  schedule: ScheduleKind;
}

/**
 * What the scheduler should claim and send at `now`. `reminder` and `escalation` are per department (claim
 * (task, department, key)); `summary` is once per task. Each is null when nothing of that sort is due.
 */
export interface DueNow {
  reminder: Slot | null;
  escalation: Slot | null;
  summary: Slot | null;
}

export function dueNow(task: ScheduledTask, settings: ReminderSettings, zone: string, now: Date): DueNow {
  if (task.schedule === "window") {
    return {
      reminder: windowSlotToSend(task, settings, zone, now),
      escalation: null,
      summary: summaryDue(task, settings, zone, now) ? summarySlot(task, settings, zone) : null,
    };
  }
  return {
    reminder: slotToSend(task, settings, zone, now),
    escalation: escalationDue(task, settings, zone, now) ? escalationSlot(task, settings, zone) : null,
    summary: null,
  };
}

/** Every slot up to `horizon`, for a status view or an operator's dry run. */
export function planFor(task: ScheduledTask, settings: ReminderSettings, zone: string, horizon: Date): Slot[] {
  return task.schedule === "window" ? windowSlots(task, settings, zone, horizon) : planSlots(task, settings, zone, horizon);
}
