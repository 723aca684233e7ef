import type { App } from "@slack/bolt";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../config/env.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { createDelivery } from "../delivery/delivery.ts";
import { createSlackClient } from "../delivery/slack-client.ts";
import { processRateLimiter } from "../delivery/rate-limiter.ts";
import { seedDefaults } from "../directory/seed-defaults.ts";
import type { Logger } from "../lib/logger.ts";
import { createLlmGuesser } from "../matrix/llm-fallback.ts";
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
  adminCommands?: (request: AdminCliRequest, bot: AppDeps) => Promise<AdminCliResponse>;
}

/** Everything `npm start` does after reading the config: database, services, Slack app, listening. */
export async function startRedline(config: Config, options: StartOptions): Promise<RunningRedline> {
  const { logger } = options;
  const database = options.database ?? (await openDatabase(config.databaseUrl, { migrate: true, role: "bot" }));
  const ownsDatabase = !options.database;
  let admin: AdminEndpoint | null = null;
  try {
    if (await seedDefaults(database.prisma)) logger.info("seeded the default directory and responsibility matrix");
    await loadImportedHolidays(database.prisma);
    const deps = buildDeps(config, database, logger, options.now, options);
    const app = createSlackApp(deps, options);
    const run = options.adminCommands;
    if (run && database.lock) admin = await startAdminEndpoint({ lock: database.lock, logger, run: (request) => run(request, deps) });
    const started = (await app.start(config.port)) as unknown;
    const address =
      started && typeof (started as Server).address === "function" ? ((started as Server).address() as AddressInfo | null) : null;
    const url = address ? `http://127.0.0.1:${address.port}` : undefined;
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
        if (ownsDatabase) await database.close();
      },
    };
  } catch (e) {
    await admin?.close();
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
  return { config, db: database.prisma, logger, now, whoLeads: whoLeadsFor(config, database, logger), delivery };
}

/** The who-leads service as configured: the matrix, and the model fallback when OPENAI_API_KEY is set. */
export function whoLeadsFor(config: Config, database: Database, logger: Logger): WhoLeadsService {
  const guesser = config.openai ? createLlmGuesser({ ...config.openai, logger }) : undefined;
  return createWhoLeadsService(database.prisma, guesser);
}
