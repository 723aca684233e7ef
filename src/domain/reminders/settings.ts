import { z } from "zod";
import { ClockTimeSchema, DEFAULT_OFFICE_HOURS, OfficeHoursSchema } from "../calendar/office-hours.ts";

/**
 * How a task's reminders are scheduled. Every field has a default, so a campaign YAML overrides only what it
 * needs (`reminders: { offsetsDays: [-7, -1, 0] }`); unknown keys are rejected so a typo is not silently ignored.
 */
export const ReminderSettingsSchema = z
  .strictObject({
    /** Calendar days relative to the due day: -3 is three days before, 0 the due day itself. */
    offsetsDays: z
      .array(
        z.number().int().min(-60).max(0, {
          message:
            "提醒只能在截止日当天或之前；逾期提醒由 dailyWhileOverdue 控制 / offsets must be 0 or negative; overdue reminders are set by dailyWhileOverdue",
        }),
      )
      .refine((o) => new Set(o).size === o.length, { message: "提醒偏移天数不能重复 / offsetsDays must not repeat" })
      .default([-3, -1, 0]),
    /** Local time reminders go out on their day. */
    at: ClockTimeSchema.default("09:00"),
    dailyWhileOverdue: z.boolean().default(true),
    /** Escalate on the morning the task has been overdue this many working days. */
    escalateAfterWorkingDays: z
      .number()
      .int()
      .min(1, { message: "升级天数至少为 1 个工作日 / escalateAfterWorkingDays must be at least 1" })
      .max(30)
      .default(2),
    officeHours: OfficeHoursSchema.default(DEFAULT_OFFICE_HOURS),
  })
  .refine((s) => s.officeHours.start <= s.at && s.at < s.officeHours.end, {
    message: "提醒时间 at 必须在办公时间内 / reminder time `at` must fall within office hours",
    path: ["at"],
  });

export type ReminderSettings = z.output<typeof ReminderSettingsSchema>;
/** What a campaign file may write: any subset of the fields. */
export type ReminderSettingsInput = z.input<typeof ReminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = ReminderSettingsSchema.parse({});
