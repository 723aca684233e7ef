import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { registerAccidentViews } from "./accident-views.ts";
import { registerCampaignViews } from "./campaign-views.ts";
import { registerMeetingViews } from "./meeting-views.ts";
import { registerHazardViews } from "./hazard-views.ts";
import { registerMatrixViews } from "./matrix-views.ts";

export function register(app: App, deps: AppDeps): void {
  registerCampaignViews(app, deps);
  registerMeetingViews(app, deps);
  registerHazardViews(app, deps);
  registerAccidentViews(app, deps);
  registerMatrixViews(app, deps);
}
