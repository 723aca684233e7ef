import type { Db } from "../db/client.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { deadlineStatus, type DeadlineStatus } from "../domain/hazards/colour.ts";
import { foldStats, overdueCutoff, totalStats, type StatCount, type UnitStats } from "../domain/hazards/ledger-stats.ts";
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from "../domain/hazards/settings.ts";
import { Prisma, type Hazard } from "../generated/prisma/client.ts";

/** What a person may see: the office all; a unit its own hazards; a lead department its sector across all units. */
export type HazardScope = { all: true } | { all: false; unitIds: string[]; leadIds: string[] };

export async function hazardScope(db: Db, slackUserId: string, channelId?: string): Promise<HazardScope> {
  if (await isOfficeMember(db, slackUserId)) return { all: true };
  const memberships = await registeredMemberships(db, slackUserId);
  const ids = memberships.map((m) => m.departmentId);
  // Typing in a unit's channel means being a member of it.
  const channelUnit = channelId ? await db.department.findUnique({ where: { slackChannelId: channelId }, select: { id: true } }) : null;
  return { all: false, unitIds: [...new Set([...ids, ...(channelUnit ? [channelUnit.id] : [])])], leadIds: ids };
}

function scopeWhere(scope: HazardScope): Prisma.HazardWhereInput {
  if (scope.all) return {};
  return { OR: [{ unitId: { in: scope.unitIds } }, { leadDepartmentId: { in: scope.leadIds } }] };
}

export type HazardFilter = "overdue" | "major" | "listed" | "open" | "all";

export interface HazardListRow {
  hazard: Hazard;
  status: DeadlineStatus;
}

const OPEN_STATES = ["registered", "rectifying", "awaiting_acceptance"] as const;

/** The ledger filtered, most urgent first (earliest deadline), at most `limit` rows, with the total that matched. */
export async function listHazards(
  db: Db,
  args: { scope: HazardScope; unitId?: string; filter: HazardFilter; limit: number; now: Date; zone: string; settings?: HazardSettings },
): Promise<{ rows: HazardListRow[]; total: number }> {
  const today = localDay(args.now, args.zone);
  const where: Prisma.HazardWhereInput = { AND: [scopeWhere(args.scope), ...(args.unitId ? [{ unitId: args.unitId }] : [])] };
  const filtered: Prisma.HazardWhereInput =
    args.filter === "overdue"
      ? { ...where, state: { in: ["registered", "rectifying"] }, deadlineDay: { lt: overdueCutoff(today) } }
      : args.filter === "major"
        ? { ...where, level: "major" }
        : args.filter === "listed"
          ? { ...where, listed: true }
          : args.filter === "open"
            ? { ...where, state: { in: [...OPEN_STATES] } }
            : where;
  const [hazards, total] = await Promise.all([
    db.hazard.findMany({ where: filtered, orderBy: [{ deadlineDay: "asc" }, { id: "asc" }], take: args.limit }),
    db.hazard.count({ where: filtered }),
  ]);
  const settings = args.settings ?? DEFAULT_HAZARD_SETTINGS;
  return {
    rows: hazards.map((h) => ({
      hazard: h,
      status: deadlineStatus({ state: h.state, listed: h.listed, deadlineDay: h.deadlineDay, submittedDay: h.submittedAt ? localDay(h.submittedAt, args.zone) : null }, today, settings),
    })),
    total,
  };
}

/**
 * Per unit: found, rectified, rectification rate, open, overdue (registered or being rectified past the deadline on
 * working days), major, listed. Two grouped queries, whatever the ledger's size.
 */
export async function hazardStats(db: Db, scope: HazardScope, now: Date, zone: string): Promise<{ units: (UnitStats & { nameZh: string; nameEn: string; kind: string })[]; total: ReturnType<typeof totalStats> }> {
  const where = scopeWhere(scope);
  const cutoff = overdueCutoff(localDay(now, zone));
  const [departments, grouped, overdue] = await Promise.all([
    db.department.findMany({ where: { kind: { not: "office" } }, orderBy: [{ kind: "asc" }, { id: "asc" }] }),
    db.hazard.groupBy({ by: ["unitId", "state", "level", "listed"], where, _count: { _all: true } }),
    db.hazard.groupBy({ by: ["unitId"], where: { ...where, state: { in: ["registered", "rectifying"] }, deadlineDay: { lt: cutoff } }, _count: { _all: true } }),
  ]);
  const counts: StatCount[] = grouped.map((g) => ({ unitId: g.unitId, state: g.state, level: g.level, listed: g.listed, count: g._count._all }));
  const seen = new Set(counts.map((c) => c.unitId));
  const shown = departments.filter((d) => scope.all || seen.has(d.id) || scope.unitIds.includes(d.id));
  const units = foldStats(
    shown.map((d) => d.id),
    counts,
    new Map(overdue.map((o) => [o.unitId, o._count._all])),
  ).map((s, i) => ({ ...s, nameZh: shown[i]!.nameZh, nameEn: shown[i]!.nameEn, kind: shown[i]!.kind }));
  return { units, total: totalStats(units) };
}

/** One hazard with its history (oldest first) and evidence, if the person may see it. */
export async function hazardDetail(db: Db, number: string, scope: HazardScope) {
  const hazard = await db.hazard.findFirst({ where: { AND: [{ number }, scopeWhere(scope)] }, include: { events: { orderBy: { id: "asc" }, include: { files: true } }, files: { orderBy: { id: "asc" } } } });
  return hazard;
}
