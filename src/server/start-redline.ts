import type { App } from "@slack/bolt";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../config/env.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { createDelivery } from "../delivery/delivery.ts";
import { createSlackClient } from "../delivery/slack-client.ts";
import { processRateLimiter } from "../delivery/rate-limiter.ts";
import { createAuthClient, verifyBotToken } from "../delivery/slack-auth.ts";
import { seedDefaults } from "../directory/seed-defaults.ts";
import type { Logger } from "../lib/logger.ts";
import { createLlmGuesser } from "../matrix/llm-fallback.ts";
import { watchMatrixChanges, type MatrixChangeFeed } from "../matrix/matrix-changes.ts";
import { createWhoLeadsService, type WhoLeadsService } from "../matrix/who-leads.ts";
import { createSlackApp, type SlackAppOptions } from "../slack/app.ts";
import type { AppDeps } from "../slack/deps.ts";
import { runTick, type TickReport } from "../scheduler/run-tick.ts";
import { startScheduler, TICK_JOB_ID } from "../scheduler/scheduler.ts";
import { allSweeps } from "../scheduler/sweeps.ts";
import { loadImportedHolidays } from "../holidays/holiday-years.ts";
import type { SweepDeps } from "../delivery/sweep.ts";
import { startAdminEndpoint, type AdminCliRequest, type AdminCliResponse, type AdminEndpoint } from "./admin-endpoint.ts";

export interface RunningRedline {
  app: App;
  deps: AppDeps;
  /** Base URL of the HTTP receiver (HTTP mode only). */
  url?: string;
  /** One scheduler pass as if at `now` (what the cron tick, `redline tick --at` and the sandbox clock run). */
  tick(now: Date): Promise<TickReport>;
  stop(): Promise<void>;
}

export interface StartOptions extends SlackAppOptions {
  logger: Logger;
  now?: () => Date;
  /** An already open database (tests); otherwise opened, migrated and seeded from config. */
  database?: Database;
  /** Runs CLI commands sent to the admin endpoint (started only when this process holds an embedded folder's lock). */
  adminCommands?: (request: AdminCliRequest, bot: AppDeps & { database: Database }) => Promise<AdminCliResponse>;
}

/** Everything `npm start` does after reading the config: database, services, Slack app, listening. */
export async function startRedline(config: Config, options: StartOptions): Promise<RunningRedline> {
  const { logger } = options;
  if (config.slack.kind === "none" || config.slack.kind === "post-only") throw new Error("startRedline needs Slack credentials");
  // Before the database and before listening: a wrong or revoked token is one clear line, not a crash on the first request.
  const identity = await verifyBotToken(
    createAuthClient(config.slack.botToken, { slackApiUrl: config.slackApiUrl, retries: options.retries ?? 2 }),
  );
  logger.info({ botUserId: identity.botUserId, teamId: identity.teamId }, "Slack accepted the bot token");
  const database = options.database ?? (await openDatabase(config.databaseUrl, { migrate: true, role: "bot" }));
  const ownsDatabase = !options.database;
  let changes: MatrixChangeFeed | undefined;
  let admin: AdminEndpoint | null = null;
  try {
    if (await seedDefaults(database.prisma)) logger.info("seeded the default directory and responsibility matrix");
    await loadImportedHolidays(database.prisma);
    changes = await watchMatrixChanges(database, logger);
    const deps = buildDeps(config, database, logger, options.now, options, changes);
    const app = createSlackApp(deps, { ...options, identity });
    const run = options.adminCommands;
    if (run && database.lock)
      admin = await startAdminEndpoint({ lock: database.lock, logger, run: (request) => run(request, { ...deps, database }) });
    const started = (await app.start(config.port)) as unknown;
    const address =
      started && typeof (started as Server).address === "function" ? ((started as Server).address() as AddressInfo | null) : null;
    const url = address ? `http://127.0.0.1:${address.port}` : undefined;
    // The matrix read now, not by the first questions (which would all wait for it, past the time an ack may take).
    deps.whoLeads.matrix().catch((e: unknown) => logger.warn({ err: e }, "could not read the responsibility matrix yet"));
    const sweepDeps: SweepDeps = { db: deps.db, delivery: deps.delivery, config, logger };
    const tick = (now: Date) => runTick(allSweeps, sweepDeps, now);
    const scheduler = config.scheduler
      ? startScheduler([{ id: TICK_JOB_ID, cron: "* * * * *", run: tick }], { zone: config.zone, logger, now: deps.now })
      : null;
    logger.info({ mode: config.slack.kind, url, scheduler: !!scheduler }, "redline is listening");
    return {
      app,
      deps,
      url,
      tick,
      async stop() {
        await admin?.close();
        await scheduler?.stop();
        await app.stop();
        await changes?.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (e) {
    await admin?.close();
    await changes?.close();
    if (ownsDatabase) await database.close();
    throw e;
  }
}

export function buildDeps(
  config: Config,
  database: Database,
  logger: Logger,
  now: () => Date = () => new Date(),
  options: SlackAppOptions = {},
  changes?: MatrixChangeFeed,
): AppDeps {
  if (config.slack.kind === "none") throw new Error("buildDeps needs Slack credentials");
  const client = createSlackClient(config, config.slack.botToken, { retries: options.retries });
  const delivery = createDelivery({
    db: database.prisma,
    client,
    logger,
    instanceId: config.instanceId,
    limiter: processRateLimiter(config.slackPostsPerSecond),
  });
  return { config, db: database.prisma, logger, now, whoLeads: whoLeadsFor(config, database, logger, changes), delivery };
}

/**
 * The who-leads service as configured: the matrix, and the model fallback when OPENAI_API_KEY is set. With `changes`
 * (a server) the matrix is re-read only when a change is announced; without (one CLI question) per question.
 */
export function whoLeadsFor(config: Config, database: Database, logger: Logger, changes?: MatrixChangeFeed): WhoLeadsService {
  const guesser = config.openai ? createLlmGuesser({ ...config.openai, logger }) : undefined;
  return createWhoLeadsService(database.prisma, guesser, changes);
}
