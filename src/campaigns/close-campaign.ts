import type { MaybeSlackDeps } from "../delivery/sweep.ts";
import { refreshLaunchMessages } from "./launch-messages.ts";

/**
 * Closes a campaign: no more reminders, no more submissions, and every launch message updated in place to say so
 * (its buttons removed; without Slack, left as they are — a click is refused as closed). Returns false when it was already closed; the conditional update decides between two closers.
 */
export async function closeCampaign(deps: MaybeSlackDeps, campaignId: string, closedBy: string, now: Date): Promise<boolean> {
  const res = await deps.db.campaign.updateMany({
    where: { id: campaignId, status: { not: "closed" } },
    data: { status: "closed", closedAt: now },
  });
  if (res.count === 0) return false;
  deps.logger.info({ campaign: campaignId, by: closedBy }, "campaign closed");
  if (deps.delivery) await refreshLaunchMessages({ ...deps, delivery: deps.delivery }, campaignId, now);
  return true;
}
