import type { HazardEvent } from "../generated/prisma/client.ts";
import { postHistoryEntry, refreshHazardCard, type CardDeps } from "./publish-card.ts";
import { notifyFinderGroup } from "./group-notices.ts";
import { postSupervisionNotices } from "./supervision-notices.ts";

/**
 * After a step of the loop: the card re-rendered in place, the entry in its thread, the 督办 notices it calls for, and
 * for a supervision group's finding that was accepted or returned, a DM to the group's members.
 */
export async function publishHazardChange(
  deps: CardDeps,
  event: Pick<HazardEvent, "id" | "hazardId" | "action" | "detail" | "actorSlackUserId" | "note">,
  now: Date,
): Promise<void> {
  await refreshHazardCard(deps, event.hazardId, now);
  await postHistoryEntry(deps, event.hazardId, event.id);
  await postSupervisionNotices(deps, event, now);
  await notifyFinderGroup(deps, event);
}
