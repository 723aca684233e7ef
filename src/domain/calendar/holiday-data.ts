import { createRequire } from "node:module";
import { z } from "zod";

/**
 * Chinese public holidays and 调休 make-up working days, as published by the State Council and shipped by
 * `chinese-days` (1.5.7 covers 2004–2026; next year's schedule is published around November, so upgrade
 * the package then).
 *
 * We read the package's static JSON rather than call `isWorkday()`: the package builds its lookup keys
 * with host-local `Date`s from UTC-midnight parses, so on a server whose TZ is west of UTC every date is
 * shifted by a day (on TZ=America/Los_Angeles it reports Sat 2026-10-10, a make-up working day, as off).
 */
const HolidayTableSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

const table = HolidayTableSchema.parse(createRequire(import.meta.url)("chinese-days/dist/chinese-days.json"));

const holidays = new Set(Object.keys(table.holidays));
const makeUpWorkdays = new Set(Object.keys(table.workdays));
const coveredYears = new Set([...holidays].map((day) => Number(day.slice(0, 4))));

export function isPublicHoliday(day: string): boolean {
  return holidays.has(day);
}

/** A weekend day on which people work to make up for a holiday (调休上班). */
export function isMakeUpWorkday(day: string): boolean {
  return makeUpWorkdays.has(day);
}

/** Whether the holiday table knows the year of `day`; outside it the calendar is plain Monday–Friday. */
export function holidayDataCovers(day: string): boolean {
  return coveredYears.has(Number(day.slice(0, 4)));
}

export const HOLIDAY_DATA_YEARS = { first: Math.min(...coveredYears), last: Math.max(...coveredYears) } as const;
