import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import { hazardSettings } from "../domain/hazards/settings.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Lang } from "../lib/i18n.ts";
import type { Logger } from "../lib/logger.ts";
import { buildHazardCard, buildHistoryLine } from "../messages/hazards/hazard-card.ts";
import { loadHazardCard } from "./hazard-card-data.ts";
import { HAZARD_DISPATCH_KINDS, hazardKeys } from "./keys.ts";

export interface CardDeps {
  db: Db;
  delivery: Delivery;
  logger: Logger;
  config: { zone: string; lang: Lang } & Pick<Config, "hazards" | "officeChannelId">;
}

/**
 * Posts the hazard's card in the owning unit's channel once (keyed by the hazard's id, so a retry or a second
 * replica posts nothing) and remembers where it is. A unit without a channel gets no card; the ledger still has it.
 */
export async function postHazardCard(deps: CardDeps, hazardId: number, now: Date): Promise<{ channel: string; ts: string } | null> {
  const hazard = await deps.db.hazard.findUniqueOrThrow({ where: { id: hazardId } });
  if (hazard.channelId && hazard.messageTs) return { channel: hazard.channelId, ts: hazard.messageTs };
  const unit = await deps.db.department.findUniqueOrThrow({ where: { id: hazard.unitId } });
  if (!unit.slackChannelId) return null;
  const channel = unit.slackChannelId;
  const posted = await deps.delivery.postOnce({
    key: hazardKeys.card(hazard.id),
    kind: HAZARD_DISPATCH_KINDS.card,
    channel,
    message: async () => buildHazardCard(await loadHazardCard(deps.db, hazard, now, deps.config.zone, hazardSettings(deps.config.hazards)), deps.config.lang),
  });
  // Null: already sent (by a retry or another replica) or being sent; the dispatch row says where it went.
  const ts = posted?.messageTs ?? (await deps.db.dispatch.findUnique({ where: { key: hazardKeys.card(hazard.id) } }))?.messageTs ?? null;
  if (!ts) return null;
  await deps.db.hazard.updateMany({ where: { id: hazard.id, messageTs: null }, data: { channelId: channel, messageTs: ts } });
  return { channel, ts };
}

/** Re-renders the card in place after a change. */
export async function refreshHazardCard(deps: CardDeps, hazardId: number, now: Date): Promise<void> {
  const hazard = await deps.db.hazard.findUniqueOrThrow({ where: { id: hazardId } });
  if (!hazard.channelId || !hazard.messageTs) return;
  const card = buildHazardCard(await loadHazardCard(deps.db, hazard, now, deps.config.zone, hazardSettings(deps.config.hazards)), deps.config.lang);
  await deps.delivery.update(hazard.channelId, hazard.messageTs, card);
}

/** Posts one history entry in the card's thread, once per entry. */
export async function postHistoryEntry(deps: CardDeps, hazardId: number, eventId: bigint): Promise<void> {
  const hazard = await deps.db.hazard.findUniqueOrThrow({ where: { id: hazardId } });
  if (!hazard.channelId || !hazard.messageTs) return;
  const event = await deps.db.hazardEvent.findUniqueOrThrow({
    where: { id: eventId },
    include: { files: { orderBy: { id: "asc" }, select: { slackFileId: true, name: true, mimetype: true } } },
  });
  await deps.delivery.postOnce({
    key: hazardKeys.history(hazardId, eventId),
    kind: HAZARD_DISPATCH_KINDS.history,
    channel: hazard.channelId,
    threadTs: hazard.messageTs,
    message: buildHistoryLine(
      {
        action: event.action,
        actorSlackUserId: event.actorSlackUserId,
        fromState: event.fromState,
        toState: event.toState,
        note: event.note,
        fileCount: event.files.length,
      },
      deps.config.lang,
      event.files,
    ),
  });
}
