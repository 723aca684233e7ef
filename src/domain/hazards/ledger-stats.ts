import { workingDayOnOrBefore } from "../calendar/working-days.ts";

/**
 * The last day a deadline can fall on and not be overdue today: a hazard is overdue when a working day has passed
 * since its deadline, i.e. its deadline is before the last working day on or before today. One comparison an index
 * can answer, so an overdue query costs what is overdue, not the ledger's size.
 */
export function overdueCutoff(today: string): string {
  return workingDayOnOrBefore(today);
}

export interface UnitStats {
  unitId: string;
  /** Hazards registered (all states). */
  found: number;
  /** 已销号. */
  rectified: number;
  /** rectified / found, 0–1; null when nothing was found. */
  rate: number | null;
  open: number;
  overdue: number;
  major: number;
  listed: number;
}

export interface StatCount {
  unitId: string;
  state: "registered" | "rectifying" | "awaiting_acceptance" | "closed";
  level: "general" | "major";
  listed: boolean;
  count: number;
}

/** Folds grouped counts into one line per unit (and the overdue counts beside them), in the order of `unitIds`. */
export function foldStats(unitIds: readonly string[], counts: readonly StatCount[], overdue: ReadonlyMap<string, number>): UnitStats[] {
  const byUnit = new Map<string, UnitStats>();
  for (const id of unitIds) byUnit.set(id, { unitId: id, found: 0, rectified: 0, rate: null, open: 0, overdue: overdue.get(id) ?? 0, major: 0, listed: 0 });
  for (const c of counts) {
    const s = byUnit.get(c.unitId);
    if (!s) continue;
    s.found += c.count;
    if (c.state === "closed") s.rectified += c.count;
    else s.open += c.count;
    if (c.level === "major") s.major += c.count;
    if (c.listed) s.listed += c.count;
  }
  for (const s of byUnit.values()) s.rate = s.found ? s.rectified / s.found : null;
  return [...byUnit.values()];
}

/** The whole ledger's line: the sum of the units'. */
export function totalStats(rows: readonly UnitStats[]): Omit<UnitStats, "unitId"> {
  const t = rows.reduce(
    (a, r) => ({ found: a.found + r.found, rectified: a.rectified + r.rectified, open: a.open + r.open, overdue: a.overdue + r.overdue, major: a.major + r.major, listed: a.listed + r.listed }),
    { found: 0, rectified: 0, open: 0, overdue: 0, major: 0, listed: 0 },
  );
  return { ...t, rate: t.found ? t.rectified / t.found : null };
}
