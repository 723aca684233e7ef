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

/** A year's schedule as the office imports it (the State Council's notice): days off, and weekend days worked. */
export interface HolidayYear {
  year: number;
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}

/**
 * Years the office imported (`redline import`), which replace the library's table for that year. Loaded from the
 * database at start and on every tick (services/holidays), so a replica or the running bot sees an import at once.
 */
let imported = new Map<number, { holidays: Set<string>; makeUpWorkdays: Set<string> }>();

export function useImportedHolidays(years: readonly HolidayYear[]): void {
  imported = new Map(years.map((y) => [y.year, { holidays: new Set(y.holidays), makeUpWorkdays: new Set(y.makeUpWorkdays) }]));
}

const yearOf = (day: string) => Number(day.slice(0, 4));

export function isPublicHoliday(day: string): boolean {
  const own = imported.get(yearOf(day));
  return own ? own.holidays.has(day) : holidays.has(day);
}

/** A weekend day on which people work to make up for a holiday (调休上班). */
export function isMakeUpWorkday(day: string): boolean {
  const own = imported.get(yearOf(day));
  return own ? own.makeUpWorkdays.has(day) : makeUpWorkdays.has(day);
}

/** Whether a holiday table (the library's or an imported one) knows the year of `day`; outside it the calendar is plain Monday–Friday. */
export function holidayDataCovers(day: string): boolean {
  return imported.has(yearOf(day)) || coveredYears.has(yearOf(day));
}

/** Whether the library ships the year (an import is needed only for the others). */
export function libraryCovers(year: number): boolean {
  return coveredYears.has(year);
}

export const HOLIDAY_DATA_YEARS = { first: Math.min(...coveredYears), last: Math.max(...coveredYears) } as const;
