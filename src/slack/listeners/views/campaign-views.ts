import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";

/** Modal submissions for campaigns (filled in by the campaign feature). */
export function registerCampaignViews(_app: App, _deps: AppDeps): void {}
