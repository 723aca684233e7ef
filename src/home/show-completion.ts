import { refreshHomes } from "./publish-home.ts";
import type { SweepDeps } from "../delivery/sweep.ts";
import { refreshLaunchMessages } from "../campaigns/launch-messages.ts";

/** After a completion: the department's launch message shows it in place, and open Home tabs show it. Never throws. */
export async function showCompletion(deps: SweepDeps, campaignId: string, departmentId: string, now: Date): Promise<void> {
  const { db, delivery, config, logger } = deps;
  await refreshLaunchMessages(deps, campaignId, now, [departmentId]).catch((e: unknown) =>
    logger.warn({ err: e, campaign: campaignId, department: departmentId }, "could not refresh the launch message"),
  );
  await refreshHomes({ db, delivery, logger, zone: config.zone, lang: config.lang }, [departmentId], now);
}
