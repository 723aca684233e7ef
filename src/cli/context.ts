import os from "node:os";
import { cliBotToken, loadConfig, type Config } from "../config/env.ts";
import { openDatabase, type Database, type Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { seedDefaults } from "../directory/seed-defaults.ts";
import { createLogger, type Logger } from "../lib/logger.ts";

/** What CLI commands share: config, a quiet logger, and a database opened (migrated, seeded) on first use. */
export interface CliContext {
  config(): Config;
  logger(): Logger;
  database(): Promise<Database>;
  /** The way out to Slack when the CLI has a bot token (null without one): the same claims as the bot's. */
  delivery(): Promise<Delivery | null>;
  close(): Promise<void>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Who runs the command (the audit's `cli:<user>`); a command run through the bot names its caller, not the bot. */
  user?: () => string;
  /** What `ask --json` reads; the caller's standard input when run through the bot. */
  stdin?: () => NodeJS.ReadableStream;
}

/** The operating-system user behind a CLI command. */
export const osUser = (ctx: CliContext): string => ctx.user?.() ?? os.userInfo().username;

/**
 * A way out to Slack when the settings hold a bot token, or null: a command then saves and leaves posting to the bot.
 * The Slack client is loaded here, not with the CLI, so commands that never post do not pay for it.
 */
export async function slackDelivery(config: Config, db: Db, logger: Logger): Promise<Delivery | null> {
  const token = cliBotToken(config);
  if (token === null) return null;
  const [{ createDelivery }, { createSlackClient }, { processRateLimiter }] = await Promise.all([
    import("../delivery/delivery.ts"),
    import("../delivery/slack-client.ts"),
    import("../delivery/rate-limiter.ts"),
  ]);
  return createDelivery({
    db,
    client: createSlackClient(config, token),
    logger,
    instanceId: config.instanceId,
    limiter: processRateLimiter(config.slackPostsPerSecond),
  });
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  let db: Promise<Database> | undefined;
  const ctx: CliContext = {
    config: () => (config ??= loadConfig(env, "cli")),
    logger: () => (logger ??= createLogger(env.LOG_LEVEL ?? "warn")),
    // Waits (another command holds the embedded folder, another process migrates PostgreSQL) are told on `this.err`,
    // so a caller capturing output captures them too.
    database(this: CliContext) {
      const err = this?.err ?? ctx.err;
      return (db ??= openDatabase(ctx.config().databaseUrl, { migrate: true, role: "cli", onMigrationWait: (line) => err(line) }).then(
        async (d) => {
          await seedDefaults(d.prisma);
          return d;
        },
      ));
    },
    // `this`, not `ctx`: a caller that swaps the database (tests, the admin endpoint) gets delivery over that one.
    async delivery(this: CliContext) {
      return slackDelivery(this.config(), (await this.database()).prisma, this.logger());
    },
    // A database that never opened (refused by its lock, a failed migration) has nothing to close: the command's own
    // error is what the person sees, not a second one from here.
    async close() {
      const opened = db;
      db = undefined;
      if (opened)
        await opened.then(
          (d) => d.close(),
          () => undefined,
        );
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  return ctx;
}
