import { DateTime } from "luxon";
import { z } from "zod";
import { ZDepartmentSelection } from "./department-selection.ts";

const Slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "只能用小写字母、数字和连字符（如 2026-safety-conference）/ must be lowercase letters, digits and dashes (e.g. 2026-safety-conference)",
  );

const LOCAL_OR_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$/;

/** "2026-05-29T15:00" (the office's local time) or with an offset, "2026-05-29T15:00+08:00". */
export const ZMeetingTime = z
  .string()
  .trim()
  .refine((s) => LOCAL_OR_OFFSET.test(s) && DateTime.fromISO(s.replace(" ", "T")).isValid, {
    message:
      "时间格式应为 2026-05-29T15:00（本地时间）或 2026-05-29T15:00+08:00 / time must be 2026-05-29T15:00 (local) or 2026-05-29T15:00+08:00",
  });

export const DEFAULT_OPENS_MINUTES_BEFORE = 60;
export const DEFAULT_CLOSES_MINUTES_AFTER = 30;
export const DEFAULT_BRIEFING_WORKING_DAYS = 2;

export const ZSignInWindow = z.strictObject({
  /** Sign-in opens this many minutes before the start. */
  opensMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(DEFAULT_OPENS_MINUTES_BEFORE),
  /** …and closes this many minutes after it (late arrivals still sign in; the report then closes). */
  closesMinutesAfter: z
    .number()
    .int()
    .min(0)
    .max(12 * 60)
    .default(DEFAULT_CLOSES_MINUTES_AFTER),
});

/**
 * A meeting file (`npx redline meeting create <file>`). With an `id`, creating the same file again is refused
 * instead of calling the meeting twice.
 */
export const ZMeetingFile = z
  .strictObject({
    version: z.literal(1).default(1),
    id: Slug.optional(),
    title: z.string().trim().min(1, "不能为空 / must not be empty").max(120, "不能超过 120 个字符 / at most 120 characters"),
    startsAt: ZMeetingTime,
    signIn: ZSignInWindow.default({ opensMinutesBefore: DEFAULT_OPENS_MINUTES_BEFORE, closesMinutesAfter: DEFAULT_CLOSES_MINUTES_AFTER }),
    departments: ZDepartmentSelection,
    /** Mandatory meetings: the principal head attends in person; anyone else triggers a briefing follow-up. */
    headMustAttend: z.boolean().default(true),
    briefingDueWorkingDays: z.number().int().min(1).max(20).default(DEFAULT_BRIEFING_WORKING_DAYS),
  })
  .refine((f) => f.signIn.opensMinutesBefore + f.signIn.closesMinutesAfter > 0, {
    message: "签到时间段不能为零 / the sign-in window cannot be empty",
    path: ["signIn"],
  });
export type TMeetingFile = z.output<typeof ZMeetingFile>;

/** The instant a meeting time means in `zone` (a time with an offset keeps its offset). */
export function resolveMeetingTime(text: string, zone: string): Date {
  return DateTime.fromISO(text.trim().replace(" ", "T"), { zone }).toJSDate();
}
