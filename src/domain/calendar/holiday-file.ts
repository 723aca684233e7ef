import { DateTime } from "luxon";
import { z } from "zod";
import type { HolidayYear } from "./holiday-data.ts";

/**
 * A year's holiday schedule as the office writes it from the State Council's notice (国务院办公厅关于…部分节假日
 * 安排的通知):
 *
 *   version: 1
 *   holidayCalendar:
 *     year: 2027
 *     holidays:                 # name: a day, or a range "from..to", or a list of either
 *       元旦: 2027-01-01
 *       春节: 2027-02-06..2027-02-13
 *     makeUpWorkdays: [2027-02-14, 2027-02-20]   # 调休上班 (weekend days worked)
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD");
const DaysText = z.union([z.string(), z.array(z.string())]);

export const ZHolidayFile = z
  .object({
    version: z.literal(1),
    holidayCalendar: z
      .object({
        year: z.number().int().min(2000).max(2100),
        holidays: z.record(z.string().min(1), DaysText),
        makeUpWorkdays: z.array(Day).default([]),
      })
      .strict(),
  })
  .strict();
export type THolidayFile = z.infer<typeof ZHolidayFile>;

export type HolidayFileResult =
  { ok: true; year: HolidayYear & { names: Record<string, string> } } | { ok: false; problems: { zh: string; en: string }[] };

const parse = (day: string) => DateTime.fromISO(day, { zone: "utc" });

/** Expands ranges, and checks what a schedule must satisfy: real dates in its year, 调休 on weekends, no day both off and worked. */
export function readHolidayFile(file: THolidayFile): HolidayFileResult {
  const { year } = file.holidayCalendar;
  const problems: { zh: string; en: string }[] = [];
  const names: Record<string, string> = {};
  const checkDay = (day: string, what: string): DateTime | null => {
    const d = parse(day);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !d.isValid) {
      problems.push({ zh: `${what}：“${day}”不是有效日期（应为 YYYY-MM-DD）。`, en: `${what}: "${day}" is not a date (YYYY-MM-DD).` });
      return null;
    }
    if (d.year !== year) {
      problems.push({ zh: `${what}：${day} 不在 ${year} 年内。`, en: `${what}: ${day} is not in ${year}.` });
      return null;
    }
    return d;
  };
  for (const [name, text] of Object.entries(file.holidayCalendar.holidays)) {
    for (const part of Array.isArray(text) ? text : [text]) {
      const [from, to, extra] = part.split("..").map((s) => s.trim());
      if (extra !== undefined || !from) {
        problems.push({ zh: `${name}：“${part}”应为一天或“开始..结束”。`, en: `${name}: "${part}" should be a day or "from..to".` });
        continue;
      }
      const a = checkDay(from, name);
      const b = to === undefined ? a : checkDay(to, name);
      if (!a || !b) continue;
      if (b < a || b.diff(a, "days").days > 30) {
        problems.push({ zh: `${name}：${part} 的起止日期不对。`, en: `${name}: the range ${part} is back to front or too long.` });
        continue;
      }
      for (let d = a; d <= b; d = d.plus({ days: 1 })) names[d.toISODate()!] = name;
    }
  }
  const makeUp: string[] = [];
  for (const day of file.holidayCalendar.makeUpWorkdays) {
    const d = checkDay(day, "调休上班 / make-up working day");
    if (!d) continue;
    if (d.weekday <= 5)
      problems.push({
        zh: `调休上班日 ${day} 不是周末（周一至周五本来就上班）。`,
        en: `Make-up working day ${day} is not a weekend day (Monday to Friday are worked anyway).`,
      });
    else if (names[day])
      problems.push({
        zh: `${day} 既是放假日（${names[day]}）又是调休上班日。`,
        en: `${day} is both a holiday (${names[day]}) and a make-up working day.`,
      });
    else makeUp.push(day);
  }
  if (Object.keys(names).length === 0) problems.push({ zh: `${year} 年没有列出任何放假日。`, en: `No holidays are listed for ${year}.` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, year: { year, holidays: Object.keys(names).sort(), makeUpWorkdays: makeUp.sort(), names } };
}
