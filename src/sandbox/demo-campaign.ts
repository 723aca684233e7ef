import { readCampaignFile } from "../campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../campaigns/definition/ready-made.ts";
import { launchAndPost } from "../campaigns/launch.ts";
import { sendCampaignReminders } from "../campaigns/reminders.ts";
import type { SweepDeps } from "../delivery/sweep.ts";
import { atLocalTime, localDay } from "../domain/calendar/office-hours.ts";
import { plusDays } from "../domain/calendar/working-days.ts";

const TEMPLATE = "summer-fire-safety";

/**
 * The summer fire-safety action as launched six days ago, so that every department has a morning bundle to show: the
 * acknowledgement overdue and escalated to its head, the education week's nudge, the pledge due tomorrow — three items,
 * three buttons, one message. Sent at once when the sandbox starts during office hours, else at its next 09:00. Once:
 * a sandbox with any campaign is left as it is.
 */
export async function seedDemoCampaign(deps: SweepDeps, now: Date): Promise<boolean> {
  const { db, config, logger } = deps;
  if ((await db.campaign.count()) > 0) return false;
  const office = await db.liaison.findFirst({ where: { department: { kind: "office" } }, orderBy: { slackUserId: "asc" } });
  if (!office) return false;
  const launchedAt = atLocalTime(plusDays(localDay(now, config.zone), -6), "10:00", config.zone);
  const file = await readCampaignFile(readyMadeCampaignFile(TEMPLATE));
  await launchAndPost(deps, { file, fileName: `${TEMPLATE}.yaml`, launchedBy: office.slackUserId, now: launchedAt });
  const result = await sendCampaignReminders(deps, now);
  logger.info({ bundles: result.sent }, "sandbox demo campaign launched");
  return true;
}
