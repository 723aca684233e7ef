import { DateTime } from "luxon";
import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** The simulated "now" the page shows; `set` is called before `onAdvanceClock` when present. */
export interface SandboxClock {
  now(): Date;
  set?(to: Date): void;
}

/** A clock that runs with real time from a settable starting point, so a demo keeps ticking between jumps. */
export function createSandboxClock(start: Date = new Date()): Required<SandboxClock> {
  let offsetMs = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (to) => {
      offsetMs = to.getTime() - Date.now();
    },
  };
}

export const ZClockStepSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("hour") }),
  z.object({ op: z.literal("day") }),
  z.object({ op: z.literal("next-nine") }),
  /** Wall-clock time in the sandbox's time zone, as an `<input type="datetime-local">` gives it. */
  z.object({ op: z.literal("set"), local: z.string().min(1) }),
]);
export type TClockStep = z.infer<typeof ZClockStepSchema>;

/** Where a clock step lands, computed in the sandbox's time zone (09:00 means 09:00 there, DST included). */
export function clockTarget(step: TClockStep, now: Date, timeZone: string): Date {
  const here = DateTime.fromJSDate(now, { zone: timeZone });
  switch (step.op) {
    case "hour":
      return here.plus({ hours: 1 }).toJSDate();
    case "day":
      return here.plus({ days: 1 }).toJSDate();
    case "next-nine": {
      const today = here.set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
      return (today > here ? today : today.plus({ days: 1 })).toJSDate();
    }
    case "set": {
      const target = DateTime.fromISO(step.local, { zone: timeZone });
      if (!target.isValid) {
        throw new AppError(ErrorCode.InputInvalid, {
          zh: `无法识别的日期时间：${step.local}`,
          en: `Unrecognised date and time: ${step.local}`,
        });
      }
      return target.toJSDate();
    }
  }
}

/** "2025-05-26 周一 09:00" in the sandbox's time zone, for the page header. */
export function formatClock(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).setLocale("zh-CN").toFormat("yyyy-MM-dd ccc HH:mm");
}
