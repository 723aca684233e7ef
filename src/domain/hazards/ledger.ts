import { deadlineStatus, type DeadlineStatus } from "./colour.ts";
import type { HazardSettings } from "./settings.ts";
import type { HazardLevel, HazardState } from "./types.ts";

/** One ledger row as lists, statistics and the export read it. */
export interface LedgerHazard {
  number: string;
  unitId: string;
  leadDepartmentId: string | null;
  level: HazardLevel;
  state: HazardState;
  listed: boolean;
  deadlineDay: string;
  /** The office-local day the current rectification was submitted (待验收), or null. */
  submittedDay: string | null;
}

/** `/redline 隐患 列表 [单位] [逾期|重大|挂牌]`: which rows to show. */
export interface LedgerFilter {
  unitId?: string | null;
  /** Only what this supervision group found (narrowed by the database: the row here does not carry its finder). */
  groupId?: string | null;
  overdue?: boolean;
  major?: boolean;
  listed?: boolean;
  /** Closed hazards are left out unless asked for. */
  includeClosed?: boolean;
}

export const FILTER_WORDS: Record<"overdue" | "major" | "listed" | "all", readonly string[]> = {
  overdue: ["逾期", "overdue", "超期"],
  major: ["重大", "major"],
  listed: ["挂牌", "挂牌督办", "listed"],
  all: ["全部", "all", "含已销号"],
};

export function statusOf(h: LedgerHazard, today: string, settings: HazardSettings): DeadlineStatus {
  return deadlineStatus({ state: h.state, listed: h.listed, deadlineDay: h.deadlineDay, submittedDay: h.submittedDay }, today, settings);
}

export function matchesFilter(h: LedgerHazard, status: DeadlineStatus, f: LedgerFilter): boolean {
  if (f.unitId && h.unitId !== f.unitId) return false;
  if (!f.includeClosed && h.state === "closed") return false;
  if (f.overdue && !status.overdue) return false;
  if (f.major && h.level !== "major") return false;
  if (f.listed && !h.listed) return false;
  return true;
}

/** Most urgent first: red, yellow, blue, none; then the earliest deadline; then the number. */
export function byUrgency<T extends { ledger: LedgerHazard; status: DeadlineStatus }>(a: T, b: T): number {
  const rank = { red: 0, yellow: 1, blue: 2, none: 3 } as const;
  return (
    rank[a.status.colour] - rank[b.status.colour] ||
    a.ledger.deadlineDay.localeCompare(b.ledger.deadlineDay) ||
    a.ledger.number.localeCompare(b.ledger.number)
  );
}

/** The figures offices report, per unit: found, rectified (销号), rectification rate, overdue, major, listed. */
export interface UnitStats {
  unitId: string;
  found: number;
  rectified: number;
  /** rectified / found, 0…1; null when nothing was found. */
  rate: number | null;
  open: number;
  overdue: number;
  major: number;
  listed: number;
}

export function emptyStats(unitId: string): UnitStats {
  return { unitId, found: 0, rectified: 0, rate: null, open: 0, overdue: 0, major: 0, listed: 0 };
}

/** Adds one hazard to its unit's figures (the caller keeps one entry per unit). `listed` counts hazards still listed. */
export function addToStats(s: UnitStats, h: LedgerHazard, status: DeadlineStatus): void {
  s.found++;
  if (h.state === "closed") s.rectified++;
  else s.open++;
  if (status.overdue) s.overdue++;
  if (h.level === "major") s.major++;
  if (h.listed && h.state !== "closed") s.listed++;
  s.rate = s.rectified / s.found;
}

/** Per-unit figures in the order of `unitIds` (units with no hazard show zeros), and the total. */
export function ledgerStats(
  rows: readonly LedgerHazard[],
  unitIds: readonly string[],
  today: string,
  settings: HazardSettings,
): { units: UnitStats[]; total: UnitStats } {
  const byUnit = new Map(unitIds.map((id) => [id, emptyStats(id)]));
  const total = emptyStats("total");
  for (const h of rows) {
    const status = statusOf(h, today, settings);
    let s = byUnit.get(h.unitId);
    if (!s) byUnit.set(h.unitId, (s = emptyStats(h.unitId)));
    addToStats(s, h, status);
    addToStats(total, h, status);
  }
  return { units: [...byUnit.values()], total };
}

/** "87.5%" / "—" */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
