import { scorePeriod, type ScoredPeriod } from "../accountability/score-period.ts";
import type { Db } from "../db/client.ts";
import { isOfficeMember } from "../directory/membership.ts";
import { parsePeriod } from "../domain/accountability/period.ts";
import { localDay } from "../domain/calendar/office-hours.ts";

/** The current year's ranking, for the office's Home tab only (null for anyone else). */
export async function collectRankingHomeData(db: Db, userId: string, now: Date, zone: string): Promise<ScoredPeriod | null> {
  if (!(await isOfficeMember(db, userId))) return null;
  return scorePeriod(db, parsePeriod(localDay(now, zone).slice(0, 4))!, now, zone);
}
