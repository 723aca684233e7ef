import type { Campaign } from "../generated/prisma/client.ts";
import { DEFAULT_REMINDER_SETTINGS, ReminderSettingsSchema, type ReminderSettings } from "../domain/reminders/settings.ts";
import type { ScheduleKind } from "../domain/reminders/due-now.ts";
import type { TaskKind } from "../domain/campaigns/types.ts";

/**
 * The reminder settings a campaign was launched with, read back from its stored definition. A definition that no
 * longer parses (written by an older version, or by hand) falls back to the defaults rather than stopping reminders.
 */
export function reminderSettingsOf(definition: Campaign["definition"]): ReminderSettings {
  const raw =
    definition && typeof definition === "object" && !Array.isArray(definition)
      ? (definition as Record<string, unknown>).reminders
      : undefined;
  if (raw === undefined || raw === null) return DEFAULT_REMINDER_SETTINGS;
  const parsed = ReminderSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_SETTINGS;
}

/** The education session is a reporting window (daily nudges, final warning, closing summary); every other task has a deadline. */
export function scheduleOf(kind: TaskKind): ScheduleKind {
  return kind === "education-session" ? "window" : "deadline";
}
