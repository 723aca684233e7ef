import type { App } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { redlineCommand } from "./redline-command.ts";

export const SLASH_COMMAND = "/redline";

export function register(app: App, deps: AppDeps): void {
  app.command(SLASH_COMMAND, redlineCommand(deps));
}
