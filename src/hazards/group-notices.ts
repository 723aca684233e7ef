import type { HazardEvent } from "../generated/prisma/client.ts";
import { buildGroupFindingNotice } from "../messages/hazards/supervision-messages.ts";
import { HAZARD_DISPATCH_KINDS, hazardKeys } from "./keys.ts";
import type { CardDeps } from "./publish-card.ts";

/**
 * After 验收通过 or 退回 of a hazard a supervision group found: a DM to each of the group's members, once per history
 * entry and member (a retried button or a second replica sends nothing twice). A member whose DM fails is logged and
 * the others still get theirs. Returns how many DMs this call sent.
 */
export async function notifyFinderGroup(
  deps: CardDeps,
  event: Pick<HazardEvent, "id" | "hazardId" | "action" | "actorSlackUserId" | "note">,
): Promise<number> {
  if (event.action !== "accept" && event.action !== "return") return 0;
  const { db, delivery, logger, config } = deps;
  const hazard = await db.hazard.findUniqueOrThrow({
    where: { id: event.hazardId },
    select: { id: true, number: true, placeName: true, unitId: true, source: true, sourceRef: true },
  });
  if (hazard.source !== "supervision_group" || !hazard.sourceRef) return 0;
  const [group, unit] = await Promise.all([
    db.supervisionGroup.findUnique({ where: { id: hazard.sourceRef }, include: { members: { orderBy: { slackUserId: "asc" } } } }),
    db.department.findUniqueOrThrow({ where: { id: hazard.unitId }, select: { nameZh: true, nameEn: true } }),
  ]);
  if (!group) return 0;
  const message = buildGroupFindingNotice(
    {
      hazard: { number: hazard.number, unit, placeName: hazard.placeName },
      group,
      outcome: event.action === "accept" ? "accepted" : "returned",
      actorSlackUserId: event.actorSlackUserId,
      note: event.note,
    },
    config.lang,
  );
  let sent = 0;
  for (const m of group.members) {
    try {
      const posted = await delivery.dmOnce({
        key: hazardKeys.groupNotice(hazard.id, event.id, m.slackUserId),
        kind: HAZARD_DISPATCH_KINDS.groupNotice,
        userId: m.slackUserId,
        message,
      });
      if (posted) sent++;
    } catch (e) {
      logger.warn(
        { err: e, hazard: hazard.number, group: group.id, user: m.slackUserId },
        "could not tell a group member about its finding",
      );
    }
  }
  return sent;
}
