import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { registerHazardShortcuts } from "./hazard-shortcuts.ts";

export function register(app: App, deps: AppDeps): void {
  registerHazardShortcuts(app, deps);
}
