/**
 * What the fault trials share: seeded randomness (a run can be replayed from its seed), `--rounds=N`, a fresh
 * PostgreSQL database per trial, a directory of many departments, redline child processes (killable with SIGKILL),
 * and counting what the Slack stand-in shows against what should be there.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { seedDefaults } from "../../src/directory/seed-defaults.ts";
import { adminSql } from "../support/pg-admin.ts";
import { startSlackStandIn, type SlackStandIn, type StandInMessage } from "../support/slack-standin.ts";

/** The counties the seeded directory holds; trials target only the departments they add. */
export const SEEDED_COUNTIES = ["changyuan", "hongqi", "huixian", "weihui", "xinxiang-county"];

/** The safety office's channel in the trials. */
export const OFFICE_CHANNEL = "C0OFFICE";

/** `--rounds=N` from the command line, else `fallback`. */
export function rounds(fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith("--rounds="));
  return flag ? Math.max(1, Number(flag.slice("--rounds=".length)) || fallback) : fallback;
}

/** The seed of this run (FAULTS_SEED replays one). */
export function trialSeed(): number {
  return Number(process.env.FAULTS_SEED ?? Date.now() % 100_000);
}

/** mulberry32, so a run can be replayed from its seed. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleepMs(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A database of its own on the trial server (FAULTS_DATABASE_URL, TEST_DATABASE_URL, or the local `test`), migrated and seeded. */
export async function freshTrialDatabase(label: string): Promise<{ url: string; db: Database; drop(): Promise<void> }> {
  const adminUrl = process.env.FAULTS_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `redline_faults_${label}_${process.pid}`;
  await adminSql(adminUrl, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString(), { migrate: true });
  await seedDefaults(db.prisma);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      await adminSql(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    },
  };
}

/** `count` districts, each with its own channel and principal head. Their ids are `county-1` … */
export async function addDistricts(db: Database, count: number, channelPrefix: string): Promise<void> {
  // Written directly: the import's checks are not under test here.
  await db.prisma.department.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      id: `county-${i + 1}`,
      nameZh: `第${i + 1}区`,
      nameEn: `District ${i + 1}`,
      kind: "county_district" as const,
      slackChannelId: `${channelPrefix}${i + 1}`,
      headSlackUserId: `U${channelPrefix}${i + 1}H`,
      headName: `区长${i + 1}`,
      headTitle: "区长",
    })),
  });
}

/** The environment of a redline child process posting to the stand-in. */
export function redlineEnv(settings: {
  databaseUrl: string;
  apiUrl: string;
  postsPerSecond: number;
  instance: string;
}): Record<string, string> {
  return {
    DATABASE_URL: settings.databaseUrl,
    SLACK_API_URL: settings.apiUrl,
    SLACK_BOT_TOKEN: "xoxb-faults",
    SLACK_SIGNING_SECRET: "faults-signing-secret",
    REDLINE_SLACK_POSTS_PER_SECOND: String(settings.postsPerSecond),
    REDLINE_INSTANCE_ID: settings.instance,
    // The office's channel, so what goes to the office (the weekly digest and its picture) is in the trial too.
    REDLINE_OFFICE_CHANNEL: OFFICE_CHANNEL,
    LOG_LEVEL: "silent",
    // A loaded machine (eight people on two cores) makes a 1,000-reminder tick take minutes.
    CHILD_TIMEOUT_MS: String(15 * 60_000),
  };
}

/**
 * The stand-in the trials post to: Slack's one post per second per channel, a rolling workspace cap of
 * `postsPerSecond`, 40 ms a call; 30% of posts and uploads answered 429, 10% made and then answered 500.
 */
export function faultyStandIn(postsPerSecond: number, random: () => number): Promise<SlackStandIn> {
  return startSlackStandIn({
    latencyMs: 40,
    perChannelMs: 1000,
    workspaceLimit: postsPerSecond,
    workspaceWindowMs: 1000,
    fault429: 0.3,
    fault500AfterPost: 0.1,
    random,
  });
}

export interface Child {
  done: Promise<number | null>;
  kill(): void;
  /** Resolves when the child printed `ready` (children started with `waitForGo`). */
  ready: Promise<void>;
  /** Lets a child waiting for it go on. */
  go(): void;
}

/** A child process running one of test/faults/children/*.ts. With `waitForGo` it prints `ready` and waits for `go`. */
export function startChild(script: string, env: Record<string, string>, options: { waitForGo?: boolean } = {}): Child {
  const file = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const proc = spawn(process.execPath, ["--import", "tsx", file], {
    env: { ...process.env, ...env, ...(options.waitForGo ? { WAIT_FOR_GO: "1" } : {}) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const done = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  let out = "";
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.split("\n").includes("ready")) resolve();
    });
    void done.then((code) => reject(new Error(`${script} exited ${code} before it was ready`)));
  });
  ready.catch(() => {});
  return {
    done,
    ready,
    kill: () => void proc.kill("SIGKILL"),
    go: () => void proc.stdin!.write("go\n"),
  };
}

/**
 * Kills `child` (just started) with SIGKILL at a random moment of its posting: from its first Web API call to up to
 * `withinMs` later, unless it finishes first. When its first call came, when it was killed, and how much Slack showed.
 */
export async function killAtRandom(
  child: Child,
  standIn: SlackStandIn,
  random: () => number,
  withinMs = 3000,
): Promise<{ killed: boolean; startUpMs: number; afterMs: number; shownAtKill: number }> {
  const started = Date.now();
  let finished = false;
  void child.done.then(() => (finished = true));
  while (!finished && standIn.counts.calls === 0) await sleepMs(10);
  const startUpMs = Date.now() - started;
  const afterMs = Math.round(random() * withinMs);
  const outcome = await Promise.race([child.done.then(() => "finished" as const), sleepMs(afterMs).then(() => "kill" as const)]);
  const shownAtKill = standIn.messages.length;
  if (outcome === "kill") {
    child.kill();
    await child.done;
  }
  return { killed: outcome === "kill", startUpMs, afterMs, shownAtKill };
}

/** In a child: tells the parent it is ready, and waits for its go (when started with `waitForGo`). */
export async function readyAndWaitForGo(): Promise<void> {
  if (!process.env.WAIT_FOR_GO) return;
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
}

export interface PostTally {
  /** Channels that should have had exactly one post and have none. */
  lost: number;
  /** Posts beyond the first in those channels, plus keyed posts doubled anywhere else. */
  duplicated: number;
  /** Keyed posts and uploads outside those channels (the office's digest, say): doubles counted, the rest listed. */
  elsewhere: number;
  /** Posts carrying no dispatch key (nothing the scheduler sends should be one). */
  unkeyed: number;
}

/**
 * Counts against `channels`, each of which should show exactly one keyed post: none is lost, more are duplicates.
 * Elsewhere a key posted twice, or a file uploaded twice to the same place, is a duplicate.
 * Counting per channel, not per key, holds whether a department's reminders go out one per task or bundled into one
 * message under a key of its own.
 */
export function tallyOnePostPerChannel(messages: readonly StandInMessage[], channels: readonly string[]): PostTally {
  const expected = new Set(channels);
  const inChannel = new Map<string, number>();
  const elsewhere = new Map<string, number>();
  let unkeyed = 0;
  for (const m of messages) {
    // Uploads carry no metadata: a file is the same upload when its name is in the same place.
    const key = m.files ? `file:${m.channel}:${m.threadTs ?? ""}:${m.files.map((f) => f.name).join(",")}` : m.metadata?.event_payload?.key;
    if (typeof key !== "string") {
      unkeyed++;
      continue;
    }
    if (expected.has(m.channel)) inChannel.set(m.channel, (inChannel.get(m.channel) ?? 0) + 1);
    else elsewhere.set(key, (elsewhere.get(key) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (const c of expected) {
    const n = inChannel.get(c) ?? 0;
    if (n === 0) lost++;
    else duplicated += n - 1;
  }
  for (const n of elsewhere.values()) duplicated += n - 1;
  return { lost, duplicated, elsewhere: [...elsewhere.values()].reduce((s, n) => s + n, 0), unkeyed };
}

/** Sent Dispatch rows whose recorded ts is not a post carrying their key in Slack: the record says sent, Slack disagrees. */
export async function recordsDisagreeingWithSlack(db: Database, messages: readonly StandInMessage[]): Promise<string[]> {
  const shown = new Map<string, string[]>();
  for (const m of messages) {
    const key = m.metadata?.event_payload?.key;
    if (typeof key === "string") shown.set(key, [...(shown.get(key) ?? []), m.ts]);
  }
  const sent = await db.prisma.dispatch.findMany({ where: { status: "sent" }, select: { key: true, messageTs: true } });
  // Files carry no metadata: an upload's record (a ts only when it was found by reconciliation) must name a shared file.
  const files = new Set(messages.filter((m) => m.files).map((m) => m.ts));
  return sent
    .filter((r) => r.messageTs && !files.has(r.messageTs) && !(shown.get(r.key) ?? []).includes(r.messageTs))
    .map((r) => `${r.key} (${r.messageTs})`);
}

/** How many claims needed reconciliation with Slack, by outcome. */
export async function reconciliations(db: Database): Promise<{ found: number; absent: number }> {
  const rows = await db.prisma.dispatch.groupBy({ by: ["reconciled"], where: { reconciled: { not: null } }, _count: { _all: true } });
  return {
    found: rows.find((r) => r.reconciled === "found")?._count._all ?? 0,
    absent: rows.find((r) => r.reconciled === "absent")?._count._all ?? 0,
  };
}
