import type { Sweep } from "../delivery/sweep.ts";
import { retryClosings } from "./close-campaign.ts";
import { resumeLaunches } from "./launch-messages.ts";
import { sendCampaignReminders } from "./reminders.ts";

/**
 * Scheduled work for campaigns, in order: finish launches still missing a department (a failed post, a launch saved
 * by the CLI without Slack), then reminders, escalations, overdue lists and education-window summaries.
 */
export const campaignSweeps: Sweep[] = [
  { id: "campaigns.launch", run: (deps, now) => resumeLaunches(deps, now) },
  { id: "campaigns.reminders", run: (deps, now) => sendCampaignReminders(deps, now) },
  { id: "campaigns.closings", run: (deps, now) => retryClosings(deps, now) },
];
