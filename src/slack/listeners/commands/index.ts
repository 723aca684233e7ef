import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { AppDeps } from "../../deps.ts";
import { redlineCommand } from "./redline-command.ts";

export const SLASH_COMMAND = "/redline";

export function register(app: App, deps: AppDeps): void {
  const handler = redlineCommand(deps);
  // Bolt runs every listener's middleware chain for every request (some fifty here: each copied, each filter awaited,
  // ~100 kB of garbage a request). A slash command has one listener, so it is dispatched straight from the global
  // chain. The listener stays registered: the receiver's route table (answers 200 to ids nobody takes) reads it.
  app.use(async (args) => {
    const command = (args.body as { command?: unknown }).command;
    if (command !== SLASH_COMMAND || !("ack" in args)) return args.next();
    await handler(args as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs);
  });
  app.command(SLASH_COMMAND, handler);
}
