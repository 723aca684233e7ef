/** City-wide rows use this county id, as control targets for the whole city do. */
export const CITY = "";

export interface AccidentFact {
  occurredOn: string;
  category: string;
  countyId: string;
  deaths: number;
}

export interface TargetFact {
  category: string;
  countyId: string;
  maxAccidents: number | null;
  maxDeaths: number | null;
}

export interface Thresholds {
  warnPercent: number;
  alarmPercent: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { warnPercent: 50, alarmPercent: 80 };

export type UsageFlag = "warn" | "alarm" | null;

export interface UsageRow {
  category: string;
  /** CITY for the city as a whole. */
  countyId: string;
  accidents: number;
  deaths: number;
  maxAccidents: number | null;
  maxDeaths: number | null;
  /** Share of the target used, whole percent (truncated), or null without a target. */
  accidentsPercent: number | null;
  deathsPercent: number | null;
  /** The same period of last year, when last year has any record; null otherwise. */
  lastYear: { accidents: number; deaths: number } | null;
  flag: UsageFlag;
}

export interface UsageInput {
  /** Local day the count runs to, "2026-06-01"; the year is its year. */
  asOf: string;
  accidents: readonly AccidentFact[];
  targets: readonly TargetFact[];
  thresholds: Thresholds;
  /** Whether last year holds any record at all (otherwise "same day last year" is shown as unknown, not as 0). */
  lastYearHasData: boolean;
}

export function percentOf(used: number, max: number | null): number | null {
  if (max === null) return null;
  if (max === 0) return used === 0 ? 0 : Infinity;
  // Truncated, as offices report it: 6 deaths of 11 is "占全年控制指标54%".
  return Math.floor((used / max) * 100);
}

export function flagOf(percents: readonly (number | null)[], t: Thresholds): UsageFlag {
  const worst = Math.max(-1, ...percents.map((p) => p ?? -1));
  if (worst >= t.alarmPercent) return "alarm";
  if (worst >= t.warnPercent) return "warn";
  return null;
}

/** The day a year earlier ("2026-06-01" → "2025-06-01"; 29 February → 28 February). */
export function sameDayLastYear(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/**
 * Year-to-date accidents and deaths per category, for the city and for each county that has a target or an
 * accident, against the targets. Accidents of other days are ignored, so callers may pass two years at once.
 */
export function targetUsage(input: UsageInput): UsageRow[] {
  const year = input.asOf.slice(0, 4);
  const lastYearFrom = `${Number(year) - 1}-01-01`;
  const lastYearTo = sameDayLastYear(input.asOf);
  const keyOf = (category: string, countyId: string) => `${category}\u0000${countyId}`;
  const rows = new Map<string, UsageRow>();
  const row = (category: string, countyId: string): UsageRow => {
    const key = keyOf(category, countyId);
    let r = rows.get(key);
    if (!r) {
      r = {
        category,
        countyId,
        accidents: 0,
        deaths: 0,
        maxAccidents: null,
        maxDeaths: null,
        accidentsPercent: null,
        deathsPercent: null,
        lastYear: input.lastYearHasData ? { accidents: 0, deaths: 0 } : null,
        flag: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const t of input.targets) {
    const r = row(t.category, t.countyId);
    r.maxAccidents = t.maxAccidents;
    r.maxDeaths = t.maxDeaths;
  }
  for (const a of input.accidents) {
    const thisYear = a.occurredOn >= `${year}-01-01` && a.occurredOn <= input.asOf;
    const lastYear = a.occurredOn >= lastYearFrom && a.occurredOn <= lastYearTo;
    if (!thisYear && !lastYear) continue;
    const places = a.countyId === CITY ? [row(a.category, CITY)] : [row(a.category, CITY), row(a.category, a.countyId)];
    for (const r of places) {
      if (thisYear) {
        r.accidents++;
        r.deaths += a.deaths;
      } else if (r.lastYear) {
        r.lastYear.accidents++;
        r.lastYear.deaths += a.deaths;
      }
    }
  }
  for (const r of rows.values()) {
    r.accidentsPercent = percentOf(r.accidents, r.maxAccidents);
    r.deathsPercent = percentOf(r.deaths, r.maxDeaths);
    r.flag = flagOf([r.accidentsPercent, r.deathsPercent], input.thresholds);
  }
  return [...rows.values()].sort(
    (a, b) =>
      Number(a.countyId !== CITY) - Number(b.countyId !== CITY) ||
      a.countyId.localeCompare(b.countyId) ||
      a.category.localeCompare(b.category),
  );
}

/** The city's totals across categories (the speech's "全市共发生各类生产安全事故14起，死亡11人"). */
export function cityTotals(rows: readonly UsageRow[]): { accidents: number; deaths: number } {
  return rows.filter((r) => r.countyId === CITY).reduce((s, r) => ({ accidents: s.accidents + r.accidents, deaths: s.deaths + r.deaths }), { accidents: 0, deaths: 0 });
}
