import type { Db } from "../db/client.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import { groupsOfMember } from "../directory/supervision-groups.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from "../domain/hazards/settings.ts";
import type { Hazard } from "../generated/prisma/client.ts";
import { listLedger, toLedgerHazard, type LedgerRow } from "../hazards/ledger.ts";
import { statusOf } from "../domain/hazards/ledger.ts";
import type { HazardHomeData, HazardHomeRow } from "../messages/home/hazard-section.ts";

/** How many hazards each list of the Home tab shows; the rest are counted and left to `/redline 隐患 列表`. */
export const HOME_ROWS = { unit: 6, accept: 5, office: 5 } as const;

type Names = Map<string, { nameZh: string; nameEn: string }>;

function row(r: Pick<LedgerRow, "hazard" | "status">, names: Names): HazardHomeRow {
  const h = r.hazard;
  return {
    id: h.id,
    number: h.number,
    placeName: h.placeName,
    unit: names.get(h.unitId) ?? { nameZh: h.unitId, nameEn: h.unitId },
    deadlineDay: h.deadlineDay,
    state: h.state,
    level: h.level,
    listed: h.listed,
    status: r.status,
  };
}

/**
 * The hazard part of one person's Home tab at `now`: each unit they are registered with (head or liaison) — its open
 * hazards most urgent first, how many are open and overdue —; the rectifications waiting for them to accept (as the
 * lead department, never their own unit's; the office those only it accepts: listed and 三管三必须); and for the office
 * the listed hazards and the red ones; for a supervision group's member, the group's findings not yet closed. Null when
 * the person is in no unit and no group and not the office.
 */
export async function collectHazardHomeData(
  db: Db,
  userId: string,
  now: Date,
  zone: string,
  settings: HazardSettings = DEFAULT_HAZARD_SETTINGS,
): Promise<HazardHomeData | null> {
  const [isOffice, memberships, groupIds] = await Promise.all([
    isOfficeMember(db, userId),
    registeredMemberships(db, userId),
    groupsOfMember(db, userId),
  ]);
  const departments = await db.department.findMany({
    select: { id: true, nameZh: true, nameEn: true, kind: true },
    orderBy: { id: "asc" },
  });
  const names: Names = new Map(departments.map((d) => [d.id, d]));
  const kindOf = new Map(departments.map((d) => [d.id, d.kind]));
  const myUnits = [...new Set(memberships.map((m) => m.departmentId))].filter((id) => kindOf.has(id) && kindOf.get(id) !== "office");
  if (!isOffice && !myUnits.length && !groupIds.length) return null;
  const options = { now, zone, settings };
  const today = localDay(now, zone);
  const withStatus = (h: Hazard) => ({ hazard: h, status: statusOf(toLedgerHazard(h, zone), today, settings) });

  const units = await Promise.all(
    myUnits.map(async (unitId) => {
      const rows = await listLedger(db, { all: false, unitIds: [unitId], leadIds: [] }, { unitId }, options);
      return {
        unitId,
        unit: names.get(unitId)!,
        open: rows.length,
        overdue: rows.filter((r) => r.status.overdue).length,
        rows: rows.slice(0, HOME_ROWS.unit).map((r) => row(r, names)),
      };
    }),
  );

  // Each supervision group the person is in: what it found that is not closed yet, in whichever county.
  const groupRows = await db.supervisionGroup.findMany({
    where: { id: { in: groupIds } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const groups = await Promise.all(
    groupRows.map(async (g) => {
      const rows = await listLedger(db, { all: false, unitIds: [], leadIds: [], groupIds: [g.id] }, { groupId: g.id }, options);
      return {
        groupId: g.id,
        group: { nameZh: g.nameZh, nameEn: g.nameEn },
        open: rows.length,
        overdue: rows.filter((r) => r.status.overdue).length,
        rows: rows.slice(0, HOME_ROWS.unit).map((r) => row(r, names)),
      };
    }),
  );

  // What waits for this person's acceptance: the rules of mayAccept, as a query.
  const acceptWhere = {
    state: "awaiting_acceptance" as const,
    OR: [
      ...(myUnits.length
        ? [{ listed: false, routing: "matrix" as const, leadDepartmentId: { in: myUnits }, unitId: { notIn: myUnits } }]
        : []),
      ...(isOffice ? [{ listed: true }, { routing: "office" as const }, { leadDepartmentId: null }] : []),
    ],
  };
  const [toAccept, acceptTotal] = await Promise.all([
    db.hazard.findMany({ where: acceptWhere, orderBy: [{ submittedAt: "asc" }, { id: "asc" }], take: HOME_ROWS.accept }),
    db.hazard.count({ where: acceptWhere }),
  ]);

  let office: HazardHomeData["office"] = null;
  if (isOffice) {
    const listedWhere = { listed: true, state: { not: "closed" as const } };
    const [listed, listedTotal, overdue] = await Promise.all([
      db.hazard.findMany({ where: listedWhere, orderBy: [{ deadlineDay: "asc" }, { id: "asc" }], take: HOME_ROWS.office }),
      db.hazard.count({ where: listedWhere }),
      listLedger(db, { all: true }, { overdue: true }, options),
    ]);
    const red = overdue.filter((r) => r.status.colour === "red");
    office = {
      listed: listed.map((h) => row(withStatus(h), names)),
      listedTotal,
      red: red.slice(0, HOME_ROWS.office).map((r) => row(r, names)),
      redTotal: red.length,
    };
  }
  return {
    units,
    groups,
    toAccept: { rows: toAccept.map((h) => row(withStatus(h), names)), total: acceptTotal },
    office,
  };
}
