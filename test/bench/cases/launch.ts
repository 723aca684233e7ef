import { launchCampaign } from "../../../src/campaigns/launch-campaign.ts";
import { postLaunchMessages } from "../../../src/campaigns/launch-messages.ts";
import { readCampaignFile } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../../../src/campaigns/definition/ready-made.ts";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
import { limitsFor, RateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { createSlackClient } from "../../../src/delivery/slack-client.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { runTick } from "../../../src/scheduler/run-tick.ts";
import { allSweeps } from "../../../src/scheduler/sweeps.ts";
import {
  postsPerKey,
  startSlackStandInProcess,
  type RemoteStandIn,
  type StandInMessage,
  type StandInSnapshot,
} from "../../support/slack-standin.ts";
import type { BenchRow, BenchCase } from "../harness.ts";

/** Slack-like limits the stand-in enforces (the figures): 1 post/s per channel, 20/s per workspace, 120 ms a call. */
const LIMITS = { latencyMs: 120, perChannelMs: 1000, workspaceLimit: 20, workspaceWindowMs: 1000 };
const SEEDED_COUNTIES = ["changyuan", "hongqi", "huixian", "weihui", "xinxiang-county"];
const TEMPLATE = "hazard-rectification-report";
/** The run launched here (launched in 2026). */
const CAMPAIGN = "hazard-rectification-report-2026";

/**
 * The least time from the first call to the last post answered that the limits allow for these posts: the workspace
 * cap spaces them `workspaceLimit` per window, a channel's own posts a second apart; plus one call's latency.
 */
export function floorMs(posts: readonly StandInMessage[]): number {
  const perChannel = new Map<string, number>();
  for (const p of posts) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
  const workspace = (Math.ceil(posts.length / LIMITS.workspaceLimit) - 1) * LIMITS.workspaceWindowMs;
  const channel = (Math.max(0, ...perChannel.values()) - 1) * LIMITS.perChannelMs;
  return Math.max(workspace, channel) + LIMITS.latencyMs;
}

async function setUp(departments: number, standIn: RemoteStandIn) {
  const db: Database = await openDatabase("pglite:memory://", { migrate: true });
  await seedDefaults(db.prisma);
  // Written directly: the import's single 5 s transaction does not survive a busy machine at this size.
  await db.prisma.department.createMany({
    data: Array.from({ length: departments }, (_, i) => ({
      id: `county-${i + 1}`,
      nameZh: `第${i + 1}区`,
      nameEn: `District ${i + 1}`,
      kind: "county_district" as const,
      slackChannelId: `C0LAUNCH${i + 1}`,
      headSlackUserId: `U0LAUNCH${i + 1}H`,
      headName: `区长${i + 1}`,
      headTitle: "区长",
    })),
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: "bench-secret",
    SLACK_API_URL: standIn.apiUrl,
    LOG_LEVEL: "silent",
    REDLINE_DIGEST: "off",
  });
  const logger = createLogger("silent");
  const limiter = new RateLimiter(limitsFor(LIMITS.workspaceLimit));
  const delivery = createDelivery({ db: db.prisma, client: createSlackClient(config, "xoxb-bench"), logger, instanceId: "bench", limiter });
  const file = await readCampaignFile(readyMadeCampaignFile(TEMPLATE));
  const launchedAt = new Date("2026-05-20T10:00:00+08:00");
  await launchCampaign(db.prisma, {
    file: { ...file, targets: { groups: ["all-counties"], departments: [], except: SEEDED_COUNTIES } },
    fileName: "bench",
    launchedBy: "cli:bench",
    now: launchedAt,
    zone: config.zone,
  });
  return { db, deps: { db: db.prisma, delivery, config, logger }, limiter, launchedAt };
}

/** Lost and doubled keys among what the stand-in shows, against the keys the outbox recorded as sent. */
async function tally(db: Database, standIn: StandInSnapshot, kinds: string[]) {
  const shown = postsPerKey(standIn.messages);
  const sent = await db.prisma.dispatch.findMany({ where: { kind: { in: kinds } }, select: { key: true, status: true } });
  const lost = sent.filter((d) => (shown.get(d.key) ?? 0) === 0).length;
  const duplicated = [...shown.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  return { lost, duplicated, unsent: sent.filter((d) => d.status !== "sent").length };
}

function timed(standIn: StandInSnapshot): number {
  return (standIn.lastPostAnsweredAt ?? 0) - (standIn.firstCallAt ?? 0);
}

async function launchRow(channels: number, faults: { fault429?: number } = {}): Promise<BenchRow> {
  const remote = await startSlackStandInProcess({ ...LIMITS, ...faults });
  const { db, deps, limiter, launchedAt } = await setUp(channels, remote);
  try {
    const report = await postLaunchMessages(deps, CAMPAIGN, launchedAt);
    const standIn = await remote.snapshot();
    const t = await tally(db, standIn, ["campaign-launch"]);
    const floor = floorMs(standIn.messages);
    const injected = faults.fault429 ? `, ${Math.round(faults.fault429 * 100)}% 429 injected (${standIn.counts.injected429})` : "";
    return {
      figure: `launch to ${channels} channels behind the stand-in (1/s per channel, 20/s workspace, 120 ms${injected})`,
      value: timed(standIn) / 1000,
      unit: "s",
      baseline: { label: "floor", value: floor / 1000 },
      target: faults.fault429 ? undefined : 1.15,
      note:
        `${standIn.counts.posts} posts, lost ${t.lost}, dup ${t.duplicated}, unsent ${t.unsent}, ` +
        `over-limit 429s ${standIn.counts.limited}, 429s waited out ${limiter.stats.rateLimited}, ` +
        `peak in flight ${limiter.stats.peakInFlight}, complete ${report.complete}`,
    };
  } finally {
    await remote.close();
    await db.close();
  }
}

async function reminderRow(departments: number): Promise<BenchRow> {
  const remote = await startSlackStandInProcess(LIMITS);
  const { db, deps, limiter } = await setUp(departments, remote);
  try {
    // Launch posts stand as made (the launch itself is the row above): reminders go to departments that have one.
    await db.prisma.campaignTarget.updateMany({ where: { campaignId: CAMPAIGN }, data: { messageTs: "1700000000.000100" } });
    await db.prisma.campaign.update({ where: { id: CAMPAIGN }, data: { status: "launched" } });
    const tick = await runTick(allSweeps, deps, new Date("2026-05-28T09:00:00+08:00"));
    const standIn = await remote.snapshot();
    const t = await tally(db, standIn, ["campaign-reminder-bundle", "office-overdue-list"]);
    const items = await db.prisma.reminderBundleItem.count();
    return {
      figure: `tick sending ${standIn.counts.posts} posts (morning bundles of ${items} reminders/escalations) to ${departments} districts behind the stand-in`,
      value: timed(standIn) / 1000,
      unit: "s",
      baseline: { label: "floor", value: floorMs(standIn.messages) / 1000 },
      target: 1.15,
      note:
        `lost ${t.lost}, dup ${t.duplicated}, unsent ${t.unsent}, over-limit 429s ${standIn.counts.limited}, ` +
        `429s waited out ${limiter.stats.rateLimited}; sweeps ${JSON.stringify(tick.sweeps)}`,
    };
  } finally {
    await remote.close();
    await db.close();
  }
}

export const benchCases: BenchCase[] = [
  { name: "launch-fanout", run: async () => [await launchRow(300), await launchRow(300, { fault429: 0.1 })] },
  { name: "launch-reminders", run: async () => [await reminderRow(400)] },
];
