import type { Db } from "../db/client.ts";
import { parsePeriod } from "../domain/accountability/period.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { Lang } from "../lib/i18n.ts";
import type { AccountabilityDigest } from "../messages/accountability/digest-lines.ts";
import { usageView } from "./accident-views.ts";
import { scorePeriod } from "./score-period.ts";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The digest's accountability lines: the year's accidents against the control targets (counties at the warn/alarm
 * thresholds), and the units whose year score fell most since a week ago (both taken from the database as of then).
 */
export async function accountabilityDigest(db: Db, now: Date, zone: string, lang: Lang): Promise<AccountabilityDigest> {
  const today = localDay(now, zone);
  const year = parsePeriod(today.slice(0, 4))!;
  const [usage, current, weekAgo] = await Promise.all([
    usageView(db, today, lang),
    scorePeriod(db, year, now, zone),
    scorePeriod(db, year, new Date(now.getTime() - WEEK_MS), zone),
  ]);
  const before = new Map(weekAgo.units.map((u) => [u.card.unitId, u.card.score]));
  const fallers = current.units
    .map((u) => ({ name: lang === "zh" ? u.card.name : u.nameEn, before: before.get(u.card.unitId) ?? u.card.score, now: u.card.score }))
    .filter((u) => u.now < u.before)
    .sort((a, b) => a.now - a.before - (b.now - b.before) || a.name.localeCompare(b.name))
    .slice(0, 3);
  return { usage, fallers };
}
