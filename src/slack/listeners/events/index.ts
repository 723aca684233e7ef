import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";
import { fileShare } from "./file-share.ts";

export function register(app: App, deps: AppDeps): void {
  app.event("app_mention", appMention(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  // A campaign YAML shared in the office channel or a DM (message events of subtype file_share).
  app.event("message", fileShare(deps));
}
