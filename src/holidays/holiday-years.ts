import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { officeChannelId } from "../directory/office.ts";
import { holidayDataCovers, useImportedHolidays, type HolidayYear } from "../domain/calendar/holiday-data.ts";
import { readHolidayFile, type THolidayFile } from "../domain/calendar/holiday-file.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { plusDays } from "../domain/calendar/working-days.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { buildMissingHolidayYearMessage } from "../messages/holidays/missing-year-message.ts";

const Days = z.array(z.string());

/** Puts the imported years into the working-day calendar; called at start and on every tick. */
export async function loadImportedHolidays(db: Db): Promise<HolidayYear[]> {
  const rows = await db.holidayYear.findMany({ orderBy: { year: "asc" } });
  const years = rows.map((r) => ({ year: r.year, holidays: Days.parse(r.holidays), makeUpWorkdays: Days.parse(r.makeUpWorkdays) }));
  useImportedHolidays(years);
  return years;
}

/**
 * Saves a year's schedule (replacing an earlier import of the same year) and uses it at once. A file with any
 * problem is refused whole, naming each problem; nothing changes.
 */
export async function importHolidayYear(
  db: Db,
  file: THolidayFile,
  options: { source: string; importedBy: string; now: Date },
): Promise<{ year: number; holidays: number; makeUpWorkdays: number }> {
  const read = readHolidayFile(file);
  if (!read.ok)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `节假日文件未导入：\n${read.problems.map((p) => `• ${p.zh}`).join("\n")}`,
      en: `The holiday file was not imported:\n${read.problems.map((p) => `• ${p.en}`).join("\n")}`,
    });
  const { year, holidays, makeUpWorkdays } = read.year;
  await db.$transaction(async (tx) => {
    await tx.holidayYear.upsert({
      where: { year },
      create: { year, holidays: [...holidays], makeUpWorkdays: [...makeUpWorkdays], source: options.source, importedAt: options.now },
      update: { holidays: [...holidays], makeUpWorkdays: [...makeUpWorkdays], source: options.source, importedAt: options.now },
    });
    await recordAudit(tx, {
      actor: options.importedBy,
      action: "holidays.import",
      outcome: "ok",
      subject: `holidays:${year}`,
      detail: { source: options.source, holidays: holidays.length, makeUpWorkdays: makeUpWorkdays.length },
      at: options.now,
    });
  });
  await loadImportedHolidays(db);
  return { year, holidays: holidays.length, makeUpWorkdays: makeUpWorkdays.length };
}

/** How far ahead a missing year is noticed: December warns about January. */
const LOOK_AHEAD_DAYS = 31;
const loggedWithoutOffice = new Set<number>();

/**
 * The tick's first sweep: reloads the imported years (an import on another replica or from the CLI counts at
 * once), then warns the office once per year — in Slack under a key built from the year, and in the log — when
 * today or the coming month falls in a year no table covers.
 */
export async function checkHolidayYears(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  await loadImportedHolidays(db);
  const today = localDay(now, config.zone);
  const missing = [
    ...new Set([today, plusDays(today, LOOK_AHEAD_DAYS)].filter((d) => !holidayDataCovers(d)).map((d) => Number(d.slice(0, 4)))),
  ];
  if (missing.length === 0) return result;
  const office = await officeChannelId(db, config);
  for (const year of missing) {
    if (!office) {
      if (!loggedWithoutOffice.has(year))
        logger.warn({ year }, "no holiday table for this year and no office channel to tell: only Saturdays and Sundays are days off");
      loggedWithoutOffice.add(year);
      continue;
    }
    try {
      const posted = await delivery.postOnce({
        key: `holidays:missing:${year}`,
        kind: "holidays-missing",
        channel: office,
        message: () => buildMissingHolidayYearMessage({ year, lang: config.lang }),
      });
      if (posted) {
        result.sent++;
        logger.warn(
          { year },
          "no holiday table for this year: only Saturdays and Sundays are days off until one is imported (office told)",
        );
      }
    } catch (e) {
      result.failed++;
      logger.error({ err: e, year }, "could not warn the office about a missing holiday table");
    }
  }
  return result;
}
