import path from "node:path";
import { fileURLToPath } from "node:url";

/** The campaigns the speech orders, shipped with redline; the office launches them as they are or copies and edits. */
export const READY_MADE_CAMPAIGN_DIR = fileURLToPath(new URL("../../../prisma/seed/campaigns/", import.meta.url));

export const READY_MADE_CAMPAIGNS = ["summer-fire-safety", "hazard-rectification-report", "safety-dialogue"] as const;
export type ReadyMadeCampaign = (typeof READY_MADE_CAMPAIGNS)[number];

export function readyMadeCampaignFile(id: ReadyMadeCampaign): string {
  return path.join(READY_MADE_CAMPAIGN_DIR, `${id}.yaml`);
}
