import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import type { HazardActor } from "../domain/hazards/types.ts";

/**
 * Who the person is for the ledger's rules: registered head/liaison roles from the directory, office staff, and
 * membership of the given units' channels (asked of Slack, so always current).
 */
export async function loadHazardActor(
  db: Db,
  slack: Pick<Delivery, "isChannelMember">,
  slackUserId: string,
  unitIds: readonly string[],
): Promise<HazardActor> {
  const [memberships, isOffice, units] = await Promise.all([
    registeredMemberships(db, slackUserId),
    isOfficeMember(db, slackUserId),
    db.department.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, slackChannelId: true } }),
  ]);
  const channelMemberOf: string[] = [];
  for (const u of units) if (u.slackChannelId && (await slack.isChannelMember(u.slackChannelId, slackUserId))) channelMemberOf.push(u.id);
  return {
    slackUserId,
    isOffice,
    headOf: memberships.filter((m) => m.as === "head").map((m) => m.departmentId),
    liaisonOf: memberships.filter((m) => m.as === "liaison").map((m) => m.departmentId),
    channelMemberOf,
  };
}
