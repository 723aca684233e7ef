import { DateTime } from "luxon";
import { atLocalTime, localDay } from "./office-hours.ts";
import { isWorkingDay, plusDays } from "./working-days.ts";

/**
 * The weekly moment (the digest): the first working day of the ISO week at `time` local — Monday 09:00
 * normally, Tuesday after a Monday holiday, nothing in a week without working days. Returns the week's key
 * (e.g. "2026-W22") once `now` is at or past that moment within the same week, else null.
 */
export function weeklyMomentDue(now: Date, zone: string, time: string): string | null {
  const local = DateTime.fromJSDate(now, { zone });
  const monday = local.startOf("week").toISODate()!;
  let first: string | null = null;
  for (let i = 0; i < 7 && !first; i++) if (isWorkingDay(plusDays(monday, i))) first = plusDays(monday, i);
  if (!first || localDay(now, zone) < first) return null;
  if (now < atLocalTime(first, time, zone)) return null;
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}
