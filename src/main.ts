/**
 * Composition root: config → database → Slack app → listeners → scheduler → start.
 * Nothing else in src/ has side effects on import.
 */
import "dotenv/config";
import { loadConfig, type Config } from "./config/env.ts";
import { asAppError } from "./lib/errors.ts";
import { createLogger } from "./lib/logger.ts";
import { sandboxBanner, setupScreen } from "./server/setup-screen.ts";
import { startSandboxMode } from "./server/start-sandbox.ts";
import { startRedline, type StartOptions } from "./server/start-redline.ts";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(asAppError(e).messageFor("en"));
    process.exit(1);
  }
  if (config.slack.kind === "none" && !config.sandbox) {
    console.error(setupScreen(config));
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let running: { stop(): Promise<void> };
  if (config.slack.kind === "none") {
    const sandbox = await startSandboxMode(config, { logger, env: process.env });
    console.error(sandboxBanner(sandbox.sandbox.url, config));
    running = sandbox;
  } else {
    // CLI commands sent while this bot owns the embedded folder run here (loaded only when one arrives).
    const adminCommands: StartOptions["adminCommands"] = async (request, deps) =>
      (await import("./cli/run-in-bot.ts")).runInBot(request, deps);
    running = await startRedline(config, { logger, adminCommands });
  }
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await running.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((e: unknown) => {
  console.error(`redline failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
