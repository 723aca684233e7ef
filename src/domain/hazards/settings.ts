import { z } from "zod";
import { ClockTimeSchema } from "../calendar/office-hours.ts";

/** The ledger's thresholds, in working days. Every field has a documented default (README, "Hazard ledger"). */
export const HazardSettingsSchema = z.strictObject({
  /** Blue (蓝色) when the deadline is this many working days away or fewer; the "deadline near" reminder goes out then. */
  blueWithinWorkingDays: z.number().int().min(0).max(30).default(3),
  /** Red (红色) when overdue by more than this many working days (a listed hazard is red as soon as it is overdue). */
  redAfterWorkingDays: z.number().int().min(1).max(60).default(5),
  /** Remind the acceptor when a rectification has waited for acceptance more than this many working days. */
  acceptanceWaitWorkingDays: z.number().int().min(1).max(30).default(3),
  /** The weekday (1 = Monday … 5 = Friday) a listed hazard's weekly progress report is due. */
  progressWeekday: z.number().int().min(1).max(5).default(5),
  /** Local time on working days from which the day's hazard reminders go out. */
  remindAt: ClockTimeSchema.default("09:00"),
});

export type HazardSettings = z.output<typeof HazardSettingsSchema>;
export const DEFAULT_HAZARD_SETTINGS: HazardSettings = HazardSettingsSchema.parse({});

/** The settings from what the environment set (the rest default). */
export function hazardSettings(set: Partial<HazardSettings> | undefined): HazardSettings {
  return HazardSettingsSchema.parse(set ?? {});
}
