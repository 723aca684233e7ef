/**
 * Composition root: config → database → Slack app → listeners → scheduler → start.
 * Nothing else in src/ has side effects on import.
 */
import "dotenv/config";
import { loadConfig, type Config } from "./config/env.ts";
import { createLogger } from "./lib/logger.ts";
import { sandboxBanner, setupScreen } from "./server/setup-screen.ts";
import { startSandboxMode } from "./server/start-sandbox.ts";
import { startRedline, type StartOptions } from "./server/start-redline.ts";
import { startupErrorLine } from "./server/startup-error.ts";

let config: Config | undefined;

async function main(): Promise<void> {
  try {
    config = loadConfig();
  } catch (e) {
    console.error(startupErrorLine(e));
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

// Every start-up failure is one line in both languages, never a stack trace.
main().catch((e: unknown) => {
  console.error(startupErrorLine(e, config));
  process.exit(1);
});
