import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";

export function register(app: App, deps: AppDeps): void {
  app.event("app_mention", appMention(deps));
  app.event("app_home_opened", appHomeOpened(deps));
}
