import { officeChannelId } from "../directory/office.ts";
import { hazardSettings } from "../domain/hazards/settings.ts";
import type { HazardEvent } from "../generated/prisma/client.ts";
import { buildDelistNotice, buildSupervisionNotice } from "../messages/hazards/supervision-messages.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { loadHazardNotice } from "./notice-data.ts";
import { HAZARD_DISPATCH_KINDS, hazardKeys } from "./keys.ts";
import type { CardDeps } from "./publish-card.ts";

/**
 * After 挂牌督办 (a `list` entry) or 摘牌销号 (an acceptance that delisted): the notice in the unit's channel (mentioning the
 * principal head) and in the office channel, each once per history entry, so a retried button or a second replica
 * posts nothing twice. Other entries post nothing here. Returns how many notices this call posted.
 */
export async function postSupervisionNotices(deps: CardDeps, event: Pick<HazardEvent, "id" | "hazardId" | "action" | "detail">, now: Date): Promise<number> {
  const delisted = event.action === "accept" && (event.detail as { delisted?: boolean } | null)?.delisted === true;
  if (event.action !== "list" && !delisted) return 0;
  const { db, delivery, config, logger } = deps;
  const settings = hazardSettings(config.hazards);
  const hazard = await db.hazard.findUniqueOrThrow({ where: { id: event.hazardId } });
  const [unit, office] = await Promise.all([
    db.department.findUniqueOrThrow({ where: { id: hazard.unitId }, select: { slackChannelId: true } }),
    officeChannelId(db, config),
  ]);
  const data = await loadHazardNotice(db, hazard, now, config.zone, settings);
  const build = (audience: "unit" | "office"): SlackMessage =>
    delisted ? buildDelistNotice(data, config.lang) : buildSupervisionNotice(data, audience, settings.progressWeekday, config.lang);
  let sent = 0;
  for (const [audience, channel] of [
    ["unit", unit.slackChannelId],
    ["office", office],
  ] as const) {
    if (!channel) {
      logger.warn({ hazard: hazard.number, audience }, "no channel for the supervision notice");
      continue;
    }
    const posted = await delivery.postOnce({
      key: hazardKeys.notice(hazard.id, event.id, audience),
      kind: HAZARD_DISPATCH_KINDS.notice,
      channel,
      message: () => build(audience),
    });
    if (posted) sent++;
  }
  return sent;
}
