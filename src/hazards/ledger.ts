import type { Db } from "../db/client.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import { groupsOfMember } from "../directory/supervision-groups.ts";
import type { DeadlineStatus } from "../domain/hazards/colour.ts";
import {
  byUrgency,
  emptyStats,
  matchesFilter,
  statusOf,
  type LedgerFilter,
  type LedgerHazard,
  type UnitStats,
} from "../domain/hazards/ledger.ts";
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from "../domain/hazards/settings.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { workingDayOnOrBefore } from "../domain/calendar/working-days.ts";
import type { Hazard, Prisma } from "../generated/prisma/client.ts";

/**
 * What a person may see of the ledger: the office everything; a unit its own; a lead department its sector; a
 * supervision group's member what the group found.
 */
export type LedgerScope = { all: true } | { all: false; unitIds: string[]; leadIds: string[]; groupIds?: string[] };

export async function ledgerScope(db: Db, slackUserId: string, extraUnitIds: readonly string[] = []): Promise<LedgerScope> {
  if (await isOfficeMember(db, slackUserId)) return { all: true };
  const [memberships, groupIds] = await Promise.all([registeredMemberships(db, slackUserId), groupsOfMember(db, slackUserId)]);
  const ids = [...new Set([...memberships.map((m) => m.departmentId), ...extraUnitIds])];
  return { all: false, unitIds: ids, leadIds: ids, groupIds };
}

/** The hazards a supervision group found (the index on source, sourceRef). */
export const foundByGroup = (groupIds: string | readonly string[]): Prisma.HazardWhereInput => ({
  source: "supervision_group",
  sourceRef: typeof groupIds === "string" ? groupIds : { in: [...groupIds] },
});

export function scopeWhere(scope: LedgerScope): Prisma.HazardWhereInput {
  if (scope.all) return {};
  return {
    OR: [
      { unitId: { in: scope.unitIds } },
      { leadDepartmentId: { in: scope.leadIds } },
      ...(scope.groupIds?.length ? [foundByGroup(scope.groupIds)] : []),
    ],
  };
}

export interface LedgerRow {
  hazard: Hazard;
  ledger: LedgerHazard;
  status: DeadlineStatus;
}

export function toLedgerHazard(
  h: Pick<Hazard, "number" | "unitId" | "leadDepartmentId" | "level" | "state" | "listed" | "deadlineDay" | "submittedAt">,
  zone: string,
): LedgerHazard {
  return {
    number: h.number,
    unitId: h.unitId,
    leadDepartmentId: h.leadDepartmentId,
    level: h.level,
    state: h.state,
    listed: h.listed,
    deadlineDay: h.deadlineDay,
    submittedDay: h.submittedAt ? localDay(h.submittedAt, zone) : null,
  };
}

/**
 * The ledger as `scope` sees it, filtered, most urgent first. The database narrows by what it can (unit, level,
 * listing, open); the colour and overdue are derived on working days for what is left.
 */
export async function listLedger(
  db: Db,
  scope: LedgerScope,
  filter: LedgerFilter,
  options: { now: Date; zone: string; settings?: HazardSettings },
): Promise<LedgerRow[]> {
  const settings = options.settings ?? DEFAULT_HAZARD_SETTINGS;
  const today = localDay(options.now, options.zone);
  const where: Prisma.HazardWhereInput = {
    AND: [
      scopeWhere(scope),
      filter.unitId ? { unitId: filter.unitId } : {},
      filter.groupId ? foundByGroup(filter.groupId) : {},
      filter.major ? { level: "major" } : {},
      filter.listed ? { listed: true } : {},
      filter.includeClosed ? {} : { state: { not: "closed" } },
      // Overdue needs the deadline passed; the working-day rule below decides the rest.
      filter.overdue ? { deadlineDay: { lt: today } } : {},
    ],
  };
  const hazards = await db.hazard.findMany({ where, orderBy: { id: "asc" } });
  return hazards
    .map((hazard) => {
      const ledger = toLedgerHazard(hazard, options.zone);
      return { hazard, ledger, status: statusOf(ledger, today, settings) };
    })
    .filter((r) => matchesFilter(r.ledger, r.status, filter))
    .sort(byUrgency);
}

export interface NamedStats extends UnitStats {
  nameZh: string;
  nameEn: string;
  kind: string;
}

type StatsOptions = { now: Date; zone: string; settings?: HazardSettings };

function named(stats: UnitStats, names: Map<string, { nameZh: string; nameEn: string; kind: string }>): NamedStats {
  const d = names.get(stats.unitId);
  return { ...stats, nameZh: d?.nameZh ?? stats.unitId, nameEn: d?.nameEn ?? stats.unitId, kind: d?.kind ?? "department" };
}

/**
 * The figures of every hazard matching `where`, per (lead department, unit) — the lead only when `byLead` — from
 * grouped, indexed counts instead of reading every hazard. Overdue is the colour rule's (`deadlineStatus`) on working
 * days: a hazard judged on day D is overdue when its deadline is before the last working day on or before D. For
 * hazards judged today that is one cut-off day, so it is a count; a hazard waiting for acceptance is judged on the day
 * it was submitted, and only those already past their deadline (few: the acceptor's queue) are read one by one.
 */
async function groupedStats(
  db: Db,
  where: Prisma.HazardWhereInput,
  byLead: boolean,
  options: StatsOptions,
): Promise<Map<string, Map<string, UnitStats>>> {
  const today = localDay(options.now, options.zone);
  const cutoff = workingDayOnOrBefore(today);
  const by = byLead ? (["leadDepartmentId", "unitId"] as const) : (["unitId"] as const);
  const [counts, overdueToday, waiting] = await Promise.all([
    db.hazard.groupBy({ by: [...by, "state", "level", "listed"], where, _count: { _all: true } }),
    db.hazard.groupBy({
      by: [...by],
      where: {
        AND: [
          where,
          { deadlineDay: { lt: cutoff } },
          { OR: [{ state: { in: ["registered", "rectifying"] } }, { state: "awaiting_acceptance", submittedAt: null }] },
        ],
      },
      _count: { _all: true },
    }),
    // Submitted by `now` means judged on a day ≤ today: only a deadline before today can be overdue then.
    db.hazard.findMany({
      where: {
        AND: [
          where,
          { state: "awaiting_acceptance", submittedAt: { not: null } },
          { OR: [{ deadlineDay: { lt: today } }, { submittedAt: { gt: options.now } }] },
        ],
      },
      select: { leadDepartmentId: true, unitId: true, deadlineDay: true, submittedAt: true },
    }),
  ]);
  const out = new Map<string, Map<string, UnitStats>>();
  const entry = (g: { leadDepartmentId?: string | null; unitId: string }): UnitStats => {
    const lead = byLead ? (g.leadDepartmentId ?? "") : "";
    let units = out.get(lead);
    if (!units) out.set(lead, (units = new Map()));
    let s = units.get(g.unitId);
    if (!s) units.set(g.unitId, (s = emptyStats(g.unitId)));
    return s;
  };
  for (const g of counts) {
    const s = entry(g);
    const n = g._count._all;
    s.found += n;
    if (g.state === "closed") s.rectified += n;
    else s.open += n;
    if (g.level === "major") s.major += n;
    if (g.listed && g.state !== "closed") s.listed += n;
  }
  for (const g of overdueToday) entry(g).overdue += g._count._all;
  for (const h of waiting) {
    if (h.deadlineDay < workingDayOnOrBefore(localDay(h.submittedAt!, options.zone))) entry(h).overdue++;
  }
  for (const units of out.values()) for (const s of units.values()) s.rate = s.found ? s.rectified / s.found : null;
  return out;
}

function sumStats(units: Iterable<UnitStats>): UnitStats {
  const total = emptyStats("total");
  for (const s of units) {
    total.found += s.found;
    total.rectified += s.rectified;
    total.open += s.open;
    total.overdue += s.overdue;
    total.major += s.major;
    total.listed += s.listed;
  }
  total.rate = total.found ? total.rectified / total.found : null;
  return total;
}

/** `unitIds` in order (zeros when a unit has no hazard), then any other unit with hazards (by id), and the total. */
function inOrder(found: Map<string, UnitStats> | undefined, unitIds: readonly string[]): { units: UnitStats[]; total: UnitStats } {
  const units = unitIds.map((id) => found?.get(id) ?? emptyStats(id));
  const listed = new Set(unitIds);
  const others = [...(found?.values() ?? [])].filter((s) => !listed.has(s.unitId)).sort((a, b) => a.unitId.localeCompare(b.unitId));
  units.push(...others);
  return { units, total: sumStats(units) };
}

/** Per unit (every county/district, department and university in the directory, in its order) and in total. */
export async function ledgerStatistics(
  db: Db,
  scope: LedgerScope,
  options: StatsOptions,
): Promise<{ units: NamedStats[]; total: UnitStats }> {
  const [departments, grouped] = await Promise.all([
    db.department.findMany({
      where: { kind: { not: "office" }, ...(scope.all ? {} : { id: { in: scope.unitIds } }) },
      select: { id: true, nameZh: true, nameEn: true, kind: true },
      orderBy: [{ kind: "asc" }, { id: "asc" }],
    }),
    groupedStats(db, scope.all ? {} : { unitId: { in: scope.unitIds } }, false, options),
  ]);
  const stats = inOrder(
    grouped.get(""),
    departments.map((d) => d.id),
  );
  const names = new Map(departments.map((d) => [d.id, d]));
  return { units: stats.units.map((s) => named(s, names)), total: stats.total };
}

/**
 * A lead department's sector: the hazards routed to it by the matrix, per owning unit (the units in the directory's
 * order), one entry per lead department asked for.
 */
export async function sectorStatistics(
  db: Db,
  leadIds: readonly string[],
  options: StatsOptions,
): Promise<{ leadId: string; units: NamedStats[]; total: UnitStats }[]> {
  if (!leadIds.length) return [];
  const [grouped, departments] = await Promise.all([
    groupedStats(db, { leadDepartmentId: { in: [...leadIds] } }, true, options),
    db.department.findMany({
      where: { kind: { not: "office" } },
      select: { id: true, nameZh: true, nameEn: true, kind: true },
      orderBy: [{ kind: "asc" }, { id: "asc" }],
    }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d]));
  return leadIds.map((leadId) => {
    const found = grouped.get(leadId);
    const stats = inOrder(
      found,
      departments.filter((d) => found?.has(d.id)).map((d) => d.id),
    );
    return { leadId, units: stats.units.map((s) => named(s, names)), total: stats.total };
  });
}

/** One hazard with its whole history, oldest first, and its files. */
export async function hazardDetail(db: Db, number: string) {
  return db.hazard.findUnique({
    where: { number },
    include: { events: { orderBy: { id: "asc" }, include: { files: true } }, files: { orderBy: { id: "asc" } } },
  });
}

/** Whether `scope` may see this hazard. */
export function inScope(scope: LedgerScope, h: Pick<Hazard, "unitId" | "leadDepartmentId" | "source" | "sourceRef">): boolean {
  return (
    scope.all ||
    scope.unitIds.includes(h.unitId) ||
    (h.leadDepartmentId !== null && scope.leadIds.includes(h.leadDepartmentId)) ||
    (h.source === "supervision_group" && h.sourceRef !== null && (scope.groupIds ?? []).includes(h.sourceRef))
  );
}
