/**
 * One redline process finishing a campaign launch, as the scheduler would (a pass every 200 ms until the campaign is
 * `launched`), for the kill -9 trial: the parent kills it at a random moment and starts another. Settings from the
 * environment: DATABASE_URL (PostgreSQL, shared), SLACK_API_URL (the stand-in), SLACK_BOT_TOKEN,
 * REDLINE_SLACK_POSTS_PER_SECOND, REDLINE_INSTANCE_ID; LEASE_MS, the claim lease; CAMPAIGN.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { resumeLaunches } from "../../../src/campaigns/launch-messages.ts";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
import { processRateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { createSlackClient } from "../../../src/delivery/slack-client.ts";
import { createLogger } from "../../../src/lib/logger.ts";

const config = loadConfig(process.env);
if (config.slack.kind === "none") throw new Error("launch-child needs SLACK_BOT_TOKEN");
const logger = createLogger(process.env.LOG_LEVEL ?? "silent");
const database = await openDatabase(config.databaseUrl, { migrate: false });
const delivery = createDelivery({
  db: database.prisma,
  client: createSlackClient(config, config.slack.botToken),
  logger,
  instanceId: config.instanceId,
  leaseMs: Number(process.env.LEASE_MS ?? 2000),
  limiter: processRateLimiter(config.slackPostsPerSecond),
});
const campaign = process.env.CAMPAIGN!;
const deadline = Date.now() + Number(process.env.CHILD_TIMEOUT_MS ?? 180_000);
for (;;) {
  await resumeLaunches({ db: database.prisma, delivery, config, logger }, new Date());
  const row = await database.prisma.campaign.findUnique({ where: { id: campaign }, select: { status: true } });
  if (row?.status === "launched") break;
  if (Date.now() > deadline) {
    await database.close();
    process.exit(2);
  }
  await sleep(200);
}
await database.close();
process.exit(0);
