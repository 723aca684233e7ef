import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { registerAuditActions } from "./audit-actions.ts";
import { registerCampaignActions } from "./campaign-actions.ts";
import { registerMeetingActions } from "./meeting-actions.ts";
import { registerHazardActions } from "./hazard-actions.ts";
import { registerMatrixActions } from "./matrix-actions.ts";
import { registerCircularActions } from "./circular-actions.ts";

export function register(app: App, deps: AppDeps): void {
  registerCampaignActions(app, deps);
  registerMeetingActions(app, deps);
  registerHazardActions(app, deps);
  registerAuditActions(app, deps);
  registerMatrixActions(app, deps);
  registerCircularActions(app, deps);
}
