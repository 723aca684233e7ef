import type { Db } from "../db/client.ts";
import { DEFAULT_THRESHOLDS, targetUsage, type Thresholds, type UsageRow } from "../domain/accountability/target-usage.ts";

export interface TargetUsageReport {
  asOf: string;
  year: number;
  rows: UsageRow[];
  thresholds: Thresholds;
  /** Whether a targets file was imported for the year. */
  hasTargets: boolean;
}

/** Year to date up to `asOf` (a local day) against the year's imported targets, with the same day of last year. */
export async function loadTargetUsage(db: Db, asOf: string): Promise<TargetUsageReport> {
  const year = Number(asOf.slice(0, 4));
  const [header, targets, accidents, lastYearCount] = await Promise.all([
    db.controlTargetYear.findUnique({ where: { year } }),
    db.controlTarget.findMany({ where: { year } }),
    db.accident.findMany({
      where: { occurredOn: { gte: `${year - 1}-01-01`, lte: asOf } },
      select: { occurredOn: true, category: true, countyId: true, deaths: true },
    }),
    db.accident.count({ where: { year: year - 1 } }),
  ]);
  const thresholds = header ? { warnPercent: header.warnPercent, alarmPercent: header.alarmPercent } : DEFAULT_THRESHOLDS;
  return {
    asOf,
    year,
    thresholds,
    hasTargets: header !== null,
    rows: targetUsage({ asOf, accidents, targets, thresholds, lastYearHasData: lastYearCount > 0 }),
  };
}
