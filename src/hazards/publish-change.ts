import type { HazardEvent } from "../generated/prisma/client.ts";
import { postHistoryEntry, refreshHazardCard, type CardDeps } from "./publish-card.ts";
import { postSupervisionNotices } from "./supervision-notices.ts";

/** After a step of the loop: the card re-rendered in place, the entry in its thread, and the 督办 notices it calls for. */
export async function publishHazardChange(deps: CardDeps, event: Pick<HazardEvent, "id" | "hazardId" | "action" | "detail">, now: Date): Promise<void> {
  await refreshHazardCard(deps, event.hazardId, now);
  await postHistoryEntry(deps, event.hazardId, event.id);
  await postSupervisionNotices(deps, event, now);
}
