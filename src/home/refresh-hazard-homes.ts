import { hazardSettings, type HazardSettings } from "../domain/hazards/settings.ts";
import { refreshHomes, type HomeDeps } from "./publish-home.ts";

/**
 * After a hazard changed state (registered, rectified, returned, accepted, listed, a progress report): the Home tab of
 * everyone whose view shows it — the owning unit's and the lead department's heads and liaisons, the members of the
 * supervision group that found it, and the office — is published again. Never throws (refreshHomes logs).
 */
export async function refreshHazardHomes(
  deps: Omit<HomeDeps, "hazardSettings"> & { hazards?: Partial<HazardSettings> },
  hazard: { unitId: string; leadDepartmentId: string | null; source?: string; sourceRef?: string | null },
  now: Date,
): Promise<void> {
  const { hazards, ...home } = deps;
  const ids = [hazard.unitId, ...(hazard.leadDepartmentId ? [hazard.leadDepartmentId] : [])];
  // A supervision group's finding is on its members' Home tabs too.
  const members =
    hazard.source === "supervision_group" && hazard.sourceRef
      ? (
          await home.db.supervisionGroupMember
            .findMany({ where: { groupId: hazard.sourceRef }, select: { slackUserId: true } })
            .catch(() => [])
        ).map((m) => m.slackUserId)
      : [];
  await refreshHomes({ ...home, hazardSettings: hazardSettings(hazards) }, ids, now, members);
}
