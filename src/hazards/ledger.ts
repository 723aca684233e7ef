import type { Db } from "../db/client.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import type { DeadlineStatus } from "../domain/hazards/colour.ts";
import {
  byUrgency,
  ledgerStats,
  matchesFilter,
  statusOf,
  type LedgerFilter,
  type LedgerHazard,
  type UnitStats,
} from "../domain/hazards/ledger.ts";
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from "../domain/hazards/settings.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { Hazard, Prisma } from "../generated/prisma/client.ts";

/** What a person may see of the ledger: the office everything; a unit its own; a lead department its sector. */
export type LedgerScope = { all: true } | { all: false; unitIds: string[]; leadIds: string[] };

export async function ledgerScope(db: Db, slackUserId: string, extraUnitIds: readonly string[] = []): Promise<LedgerScope> {
  if (await isOfficeMember(db, slackUserId)) return { all: true };
  const ids = [...new Set([...(await registeredMemberships(db, slackUserId)).map((m) => m.departmentId), ...extraUnitIds])];
  return { all: false, unitIds: ids, leadIds: ids };
}

export function scopeWhere(scope: LedgerScope): Prisma.HazardWhereInput {
  if (scope.all) return {};
  return { OR: [{ unitId: { in: scope.unitIds } }, { leadDepartmentId: { in: scope.leadIds } }] };
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

const STATS_FIELDS = {
  number: true,
  unitId: true,
  leadDepartmentId: true,
  level: true,
  state: true,
  listed: true,
  deadlineDay: true,
  submittedAt: true,
} as const;

type StatsOptions = { now: Date; zone: string; settings?: HazardSettings };

function named(stats: UnitStats, names: Map<string, { nameZh: string; nameEn: string; kind: string }>): NamedStats {
  const d = names.get(stats.unitId);
  return { ...stats, nameZh: d?.nameZh ?? stats.unitId, nameEn: d?.nameEn ?? stats.unitId, kind: d?.kind ?? "department" };
}

/** Per unit (every county/district, department and university in the directory, in its order) and in total. */
export async function ledgerStatistics(
  db: Db,
  scope: LedgerScope,
  options: StatsOptions,
): Promise<{ units: NamedStats[]; total: UnitStats }> {
  const settings = options.settings ?? DEFAULT_HAZARD_SETTINGS;
  const today = localDay(options.now, options.zone);
  const departments = await db.department.findMany({
    where: { kind: { not: "office" }, ...(scope.all ? {} : { id: { in: scope.unitIds } }) },
    select: { id: true, nameZh: true, nameEn: true, kind: true },
    orderBy: [{ kind: "asc" }, { id: "asc" }],
  });
  const hazards = await db.hazard.findMany({ where: scope.all ? {} : { unitId: { in: scope.unitIds } }, select: STATS_FIELDS });
  const stats = ledgerStats(
    hazards.map((h) => toLedgerHazard(h, options.zone)),
    departments.map((d) => d.id),
    today,
    settings,
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
  const settings = options.settings ?? DEFAULT_HAZARD_SETTINGS;
  const today = localDay(options.now, options.zone);
  const [hazards, departments] = await Promise.all([
    db.hazard.findMany({ where: { leadDepartmentId: { in: [...leadIds] } }, select: STATS_FIELDS }),
    db.department.findMany({
      where: { kind: { not: "office" } },
      select: { id: true, nameZh: true, nameEn: true, kind: true },
      orderBy: [{ kind: "asc" }, { id: "asc" }],
    }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d]));
  return leadIds.map((leadId) => {
    const rows = hazards.filter((h) => h.leadDepartmentId === leadId);
    const unitIds = departments.filter((d) => rows.some((h) => h.unitId === d.id)).map((d) => d.id);
    const stats = ledgerStats(
      rows.map((h) => toLedgerHazard(h, options.zone)),
      unitIds,
      today,
      settings,
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
export function inScope(scope: LedgerScope, h: Pick<Hazard, "unitId" | "leadDepartmentId">): boolean {
  return scope.all || scope.unitIds.includes(h.unitId) || (h.leadDepartmentId !== null && scope.leadIds.includes(h.leadDepartmentId));
}
