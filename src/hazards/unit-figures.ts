import type { Db } from "../db/client.ts";

/** A unit's ledger since a day: hazards found (registered, imported), rectified (销号), still open, and of them major. */
export interface LedgerFigures {
  sinceDay: string;
  found: number;
  rectified: number;
  open: number;
  major: number;
}

/**
 * Each unit's ledger figures for hazards found on or after `sinceDay` (a campaign's launch day), from one grouped,
 * indexed read; units with no hazard get zeros. What a rectification report shows and submits, so it equals the ledger.
 */
export async function ledgerFiguresSince(db: Db, unitIds: readonly string[], sinceDay: string): Promise<Map<string, LedgerFigures>> {
  const out = new Map(unitIds.map((id) => [id, { sinceDay, found: 0, rectified: 0, open: 0, major: 0 }]));
  if (unitIds.length === 0) return out;
  const groups = await db.hazard.groupBy({
    by: ["unitId", "state", "level"],
    where: { unitId: { in: [...unitIds] }, foundDay: { gte: sinceDay } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const f = out.get(g.unitId)!;
    const n = g._count._all;
    f.found += n;
    if (g.state === "closed") f.rectified += n;
    else f.open += n;
    if (g.level === "major") f.major += n;
  }
  return out;
}
