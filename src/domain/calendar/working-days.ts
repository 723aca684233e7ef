import { z } from "zod";
import { isMakeUpWorkday, isPublicHoliday } from "./holiday-data.ts";

export { holidayDataCovers, HOLIDAY_DATA_YEARS } from "./holiday-data.ts";

/** A calendar day as `YYYY-MM-DD`, meaning that day in the office's own timezone. */
export const DaySchema = z.iso.date({ message: "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD" });

const DAY_MS = 86_400_000;
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of `day`'s UTC midnight; a real calendar date only (as DaySchema: no 2026-02-30). */
function parseDay(day: string): number {
  const t = DAY_SHAPE.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day)
    throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  return t;
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Calendar arithmetic on days; UTC so that no zone offset can shift the date (plain arithmetic: a tick calls it often). */
export function plusDays(day: string, n: number): string {
  return dayOf(parseDay(day) + n * DAY_MS);
}

/** Weekends are off unless they are 调休 make-up working days; public holidays are off. */
export function isWorkingDay(day: string): boolean {
  const t = parseDay(day);
  if (isMakeUpWorkday(day)) return true;
  if (isPublicHoliday(day)) return false;
  const weekday = new Date(t).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** `day` itself when it is a working day, otherwise the first working day after it. */
export function workingDayOnOrAfter(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = plusDays(d, 1);
  return d;
}

/** The day itself when it is a working day, else the last working day before it. */
export function workingDayOnOrBefore(day: string): string {
  let d = day;
  // A year has no run of days off longer than a few weeks; the bound only guards against bad data.
  for (let i = 0; i < 60 && !isWorkingDay(d); i++) d = plusDays(d, -1);
  return d;
}

/**
 * The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself need not be a working day.
 * n = 0 gives `workingDayOnOrAfter(day)`. For n > 0, `workingDaysBetween(day, addWorkingDays(day, n)) === n`.
 */
export function addWorkingDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer: ${n}`);
  if (n === 0) return workingDayOnOrAfter(day);
  const step = Math.sign(n);
  let d = day;
  for (let left = Math.abs(n); left > 0;) {
    d = plusDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * Working days in the half-open range (fromDay, toDay]: fromDay itself is not counted, toDay is.
 * So a task due on Friday is 1 working day overdue on Monday. Negative when toDay is before fromDay.
 */
export function workingDaysBetween(fromDay: string, toDay: string): number {
  if (toDay < fromDay) return -workingDaysBetween(toDay, fromDay);
  // Plain UTC arithmetic per day (the ledger's statistics call this for every hazard, with deadlines months away).
  const end = parseDay(toDay);
  let count = 0;
  for (let t = parseDay(fromDay) + DAY_MS; t <= end; t += DAY_MS) {
    const date = new Date(t);
    const day = date.toISOString().slice(0, 10);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (isMakeUpWorkday(day) || (!isPublicHoliday(day) && !weekend)) count++;
  }
  return count;
}
