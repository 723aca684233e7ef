/**
 * kill -9 at random points of a 500-channel launch, with Slack answering 30% of posts 429 and 10% 500 after posting.
 * Each round: a fresh campaign on a shared PostgreSQL database; a redline child process launches it against the Slack
 * stand-in and is killed with SIGKILL at a random moment; a second child finishes the launch (claims of the dead
 * process expire, are reconciled through conversations.history, then sent or recorded). Counted against what the
 * stand-in shows: a department with no launch post is lost, a second post with the same key is a duplicate.
 * `npm run faults -- launch-kill --rounds=5` for fewer rounds (default 20).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchCampaign } from "../../../src/campaigns/launch-campaign.ts";
import { readCampaignFile } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../../../src/campaigns/definition/ready-made.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { adminSql } from "../../support/pg-admin.ts";
import { postsPerKey, startSlackStandIn } from "../../support/slack-standin.ts";
import type { Trial, TrialResult } from "../run.ts";

const CHANNELS = 500;
const TEMPLATE = "hazard-rectification-report";
/** The run launched here (launched in 2026). */
const CAMPAIGN = "hazard-rectification-report-2026";
const SEEDED_COUNTIES = ["changyuan", "hongqi", "huixian", "weihui", "xinxiang-county"];
/** Paced for a large workspace, so a round takes seconds: 1/s per channel as Slack, 250 posts/s across it. */
const POSTS_PER_SECOND = 250;
const LEASE_MS = 2000;
const CHILD = fileURLToPath(new URL("../children/launch-child.ts", import.meta.url));

function rounds(): number {
  const flag = process.argv.find((a) => a.startsWith("--rounds="));
  return flag ? Math.max(1, Number(flag.slice("--rounds=".length)) || 20) : 20;
}

/** mulberry32, so a run can be replayed from its seed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function child(env: Record<string, string>): { done: Promise<number | null>; kill(): void } {
  const proc = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const done = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { done, kill: () => void proc.kill("SIGKILL") };
}

async function freshCampaign(db: Database): Promise<string[]> {
  await db.prisma.$executeRawUnsafe(`TRUNCATE "Dispatch", "Campaign", "CampaignTarget", "Task", "Completion" CASCADE`);
  const file = await readCampaignFile(readyMadeCampaignFile(TEMPLATE));
  await launchCampaign(db.prisma, {
    file: { ...file, targets: { groups: ["all-counties"], departments: [], except: SEEDED_COUNTIES } },
    fileName: "faults",
    launchedBy: "cli:faults",
    // The ready-made campaign's windows are dated; launch it on a day they are open (posting uses the wall clock).
    now: new Date("2026-05-20T10:00:00+08:00"),
    zone: "Asia/Shanghai",
  });
  return (await db.prisma.campaignTarget.findMany({ where: { campaignId: CAMPAIGN }, select: { departmentId: true } })).map(
    (t) => `campaign:${CAMPAIGN}:launch:${t.departmentId}`,
  );
}

async function runLaunchKill(): Promise<TrialResult> {
  const n = rounds();
  const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 100_000);
  const random = rng(seed);
  const adminUrl = process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `redline_faults_launch_${process.pid}`;
  await adminSql(adminUrl, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const standIn = await startSlackStandIn({
    latencyMs: 40,
    perChannelMs: 1000,
    workspaceLimit: POSTS_PER_SECOND,
    workspaceWindowMs: 1000,
    fault429: 0.3,
    fault500AfterPost: 0.1,
    random,
  });
  const db = await openDatabase(url.toString(), { migrate: true });
  let lost = 0;
  let duplicated = 0;
  let killedMidLaunch = 0;
  let reconciledFound = 0;
  let reconciledAbsent = 0;
  let injected429 = 0;
  let injected500 = 0;
  const incomplete: number[] = [];
  try {
    await seedDefaults(db.prisma);
    // Written directly: the import's single 5 s transaction does not survive a busy machine at this size.
    await db.prisma.department.createMany({
      data: Array.from({ length: CHANNELS }, (_, i) => ({
        id: `county-${i + 1}`,
        nameZh: `第${i + 1}区`,
        nameEn: `District ${i + 1}`,
        kind: "county_district" as const,
        slackChannelId: `C0KILL${i + 1}`,
        headSlackUserId: `U0KILL${i + 1}H`,
        headName: `区长${i + 1}`,
        headTitle: "区长",
      })),
    });
    const env = (instance: string) => ({
      DATABASE_URL: url.toString(),
      SLACK_API_URL: standIn.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-faults",
      SLACK_SIGNING_SECRET: "faults-signing-secret",
      REDLINE_SLACK_POSTS_PER_SECOND: String(POSTS_PER_SECOND),
      REDLINE_INSTANCE_ID: instance,
      LEASE_MS: String(LEASE_MS),
      CAMPAIGN,
      LOG_LEVEL: "silent",
    });

    for (let round = 1; round <= n; round++) {
      const keys = await freshCampaign(db);
      standIn.reset();
      // Killed at a random point of the posting: from its first Web API call to about when a launch here ends.
      const started = Date.now();
      const first = child(env(`round${round}-a`));
      let finished = false;
      void first.done.then(() => (finished = true));
      while (!finished && standIn.counts.calls === 0) await sleepMs(10);
      const startUp = Date.now() - started;
      const killAfter = random() * 3000;
      const outcome = await Promise.race([first.done.then(() => "finished" as const), sleepMs(killAfter).then(() => "kill" as const)]);
      const postsAtKill = standIn.messages.length;
      if (outcome === "kill") {
        first.kill();
        await first.done;
        if (postsAtKill < keys.length) killedMidLaunch++;
      }
      const recoveryStarted = Date.now();
      const second = child(env(`round${round}-b`));
      const code = await second.done;
      if (code !== 0) incomplete.push(round);

      const shown = postsPerKey(standIn.messages);
      const roundLost = keys.filter((k) => (shown.get(k) ?? 0) === 0).length;
      const roundDup = [...shown.values()].reduce((s, c) => s + Math.max(0, c - 1), 0);
      // The record agrees with Slack: every target points at the one post its key shows.
      const targets = await db.prisma.campaignTarget.findMany({ where: { campaignId: CAMPAIGN } });
      const byKey = new Map(standIn.messages.map((m) => [m.metadata?.event_payload?.key, m.ts]));
      const mismatched = targets.filter((t) => t.messageTs !== byKey.get(`campaign:${CAMPAIGN}:launch:${t.departmentId}`)).length;
      lost += roundLost + mismatched;
      duplicated += roundDup;
      const reconciled = await db.prisma.dispatch.groupBy({
        by: ["reconciled"],
        where: { reconciled: { not: null } },
        _count: { _all: true },
      });
      reconciledFound += reconciled.find((r) => r.reconciled === "found")?._count._all ?? 0;
      reconciledAbsent += reconciled.find((r) => r.reconciled === "absent")?._count._all ?? 0;
      injected429 += standIn.counts.injected429;
      injected500 += standIn.counts.injected500;
      process.stderr.write(
        `  round ${round}: start-up ${startUp} ms, killed ${outcome === "kill" ? `${Math.round(killAfter)} ms into posting (${postsAtKill} posted)` : "never (finished first)"}, ` +
          `recovery ${Date.now() - recoveryStarted} ms, ` +
          `${standIn.counts.posts} posts, lost ${roundLost + mismatched}, dup ${roundDup}${code === 0 ? "" : `, recovery exited ${code}`}\n`,
      );
    }
  } finally {
    await db.close();
    await standIn.close();
    await adminSql(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
  return {
    load: `${n} rounds × a ${CHANNELS}-channel launch, child processes on PostgreSQL against the Slack stand-in (1/s per channel, ${POSTS_PER_SECOND}/s workspace, 40 ms)`,
    faults: `kill -9 at a random point of each launch (${killedMidLaunch} mid-posting); ${injected429} posts answered 429 (30%), ${injected500} posted then answered 500 (10%); seed ${seed}`,
    lost,
    duplicated,
    notes: `reconciled through conversations.history: ${reconciledFound} found (recorded as sent), ${reconciledAbsent} absent (sent)${incomplete.length ? `; rounds whose recovery did not finish: ${incomplete.join(", ")}` : ""}`,
  };
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export const trials: Trial[] = [{ name: "launch-kill", run: runLaunchKill }];
