import type { Db } from "../db/client.ts";
import { registeredMemberships } from "../directory/membership.ts";
import { groupsForFinder } from "../directory/supervision-groups.ts";
import type { Matrix } from "../domain/matrix/types.ts";
import { loadMatrix } from "../matrix/load-matrix.ts";
import type { ReportModalInput } from "../messages/hazards/report-modal.ts";

/**
 * What the registration form lists: the units (not the office), the matrix's venue types with their leads, and the
 * supervision groups the person is a member of with the counties each inspects.
 */
export async function loadReportFormData(db: Db, slackUserId: string, channelId: string | undefined, heldMatrix?: () => Promise<Matrix>) {
  const [units, matrix, memberships, groups] = await Promise.all([
    db.department.findMany({ where: { kind: { not: "office" } }, orderBy: [{ kind: "asc" }, { id: "asc" }] }),
    heldMatrix?.() ?? loadMatrix(db),
    registeredMemberships(db, slackUserId),
    groupsForFinder(db, slackUserId),
  ]);
  // Start on the unit whose channel this is, else the person's own registered unit.
  const fromChannel = channelId ? units.find((u) => u.slackChannelId === channelId) : undefined;
  const own = units.find((u) => memberships.some((m) => m.departmentId === u.id));
  const venueTypes: ReportModalInput["venueTypes"] = matrix.venueTypes.map((v) => ({
    id: v.id,
    nameZh: v.nameZh,
    nameEn: v.nameEn,
    leadsZh: v.leads.length ? [...new Set(v.leads.map((l) => l.departmentNameZh))].join("/") : "安委办统筹",
    leadsEn: v.leads.length ? [...new Set(v.leads.map((l) => l.departmentNameEn))].join("/") : "the office",
  }));
  return {
    units: units.map((u) => ({ id: u.id, nameZh: u.nameZh, nameEn: u.nameEn })),
    venueTypes,
    initialUnitId: fromChannel?.id ?? own?.id ?? null,
    groups: groups.map((g) => ({ id: g.id, nameZh: g.nameZh, nameEn: g.nameEn, counties: g.counties })),
  };
}
