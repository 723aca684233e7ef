import type { App } from "@slack/bolt";
import type { AppDeps } from "../deps.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";

/** Wires every listener, grouped by Slack surface. */
export function registerListeners(app: App, deps: AppDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
}
