/**
 * What a redline child process of the fault trials opens, as the bot does: the database, and delivery to the Slack
 * stand-in under this process's own rate limiter. Settings from the environment: DATABASE_URL (PostgreSQL, shared),
 * SLACK_API_URL (the stand-in), SLACK_BOT_TOKEN, REDLINE_SLACK_POSTS_PER_SECOND, REDLINE_INSTANCE_ID; LEASE_MS, the
 * claim lease (the default, 5 minutes, when unset); CHILD_TIMEOUT_MS, how long the child may take (default 3 minutes).
 */
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
import { processRateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { createSlackClient } from "../../../src/delivery/slack-client.ts";
import type { SweepDeps } from "../../../src/delivery/sweep.ts";
import { createLogger } from "../../../src/lib/logger.ts";

export async function openRedlineProcess(): Promise<{ database: Database; deps: SweepDeps; deadline: number }> {
  const config = loadConfig(process.env);
  if (config.slack.kind === "none") throw new Error("a fault-trial child needs SLACK_BOT_TOKEN");
  const logger = createLogger(process.env.LOG_LEVEL ?? "silent");
  const database = await openDatabase(config.databaseUrl, { migrate: false });
  const delivery = createDelivery({
    db: database.prisma,
    client: createSlackClient(config, config.slack.botToken),
    logger,
    instanceId: config.instanceId,
    leaseMs: process.env.LEASE_MS ? Number(process.env.LEASE_MS) : undefined,
    limiter: processRateLimiter(config.slackPostsPerSecond),
  });
  return {
    database,
    deps: { db: database.prisma, delivery, config, logger },
    deadline: Date.now() + Number(process.env.CHILD_TIMEOUT_MS ?? 180_000),
  };
}
