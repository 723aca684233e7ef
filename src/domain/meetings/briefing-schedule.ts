import { atLocalTime, DEFAULT_OFFICE_HOURS, localDay, type OfficeHours } from "../calendar/office-hours.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { dueNow, ReminderSettingsSchema, type ReminderSettings, type ScheduledTask, type Slot } from "../reminders/index.ts";

/**
 * How briefing follow-ups are reminded, on the campaign reminder machinery: the working day before and the morning
 * of the due day, no daily nagging once overdue — instead, on the next working morning after the deadline, the
 * unconfirmed ones are listed to the safety office (the "escalation").
 */
export const BRIEFING_REMINDER_SETTINGS: ReminderSettings = ReminderSettingsSchema.parse({
  offsetsDays: [-1, 0],
  dailyWhileOverdue: false,
  escalateAfterWorkingDays: 1,
});

/** N working days after the day the meeting closed, at the end of office hours (18:00 by default). */
export function briefingDueAt(closedAt: Date, workingDays: number, zone: string, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return atLocalTime(addWorkingDays(localDay(closedAt, zone), workingDays), officeHours.end, zone);
}

/** A briefing as a reminder task: it opens when the meeting closes and is due at its deadline. */
export function briefingTask(openedAt: Date, dueAt: Date): ScheduledTask {
  return { schedule: "deadline", opensAt: openedAt, dueAt };
}

/** The reminder for the department and whether the office list is due, at `now`. */
export function briefingDueNow(openedAt: Date, dueAt: Date, zone: string, now: Date): { reminder: Slot | null; listToOffice: boolean } {
  if (openedAt >= dueAt) return { reminder: null, listToOffice: now >= dueAt };
  const due = dueNow(briefingTask(openedAt, dueAt), BRIEFING_REMINDER_SETTINGS, zone, now);
  return { reminder: due.reminder, listToOffice: due.escalation !== null };
}
