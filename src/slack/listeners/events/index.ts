import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { appMention } from "./app-mention.ts";

export function register(app: App, deps: AppDeps): void {
  app.event("app_mention", appMention(deps));
}
