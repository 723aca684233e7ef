import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";

/** Button listeners for campaigns (filled in by the campaign feature). */
export function registerCampaignActions(_app: App, _deps: AppDeps): void {}
