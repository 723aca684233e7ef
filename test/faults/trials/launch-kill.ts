/**
 * kill -9 at random points of a 500-channel launch, with Slack answering 30% of posts 429 and 10% 500 after posting.
 * Each round: a fresh campaign on a shared PostgreSQL database; a redline child process launches it against the Slack
 * stand-in and is killed with SIGKILL at a random moment; a second child finishes the launch (claims of the dead
 * process expire, are reconciled through conversations.history, then sent or recorded). Counted against what the
 * stand-in shows: a department with no launch post is lost, a second post with the same key is a duplicate.
 * `npm run faults -- launch-kill --rounds=5` for fewer rounds (default 20).
 */
import type { Database } from "../../../src/db/client.ts";
import { postsPerKey } from "../../support/slack-standin.ts";
import { freshHazardReportRun } from "../campaign-load.ts";
import {
  addDistricts,
  faultyStandIn,
  freshTrialDatabase,
  killAtRandom,
  reconciliations,
  redlineEnv,
  rng,
  rounds,
  startChild,
  trialSeed,
} from "../trial-support.ts";
import type { Trial, TrialResult } from "../run.ts";

const CHANNELS = 500;
/** The run launched here (launched in 2026). */
const CAMPAIGN = "hazard-rectification-report-2026";
/** Paced for a large workspace, so a round takes seconds: 1/s per channel as Slack, 250 posts/s across it. */
const POSTS_PER_SECOND = 250;
const LEASE_MS = 2000;

async function freshCampaign(db: Database): Promise<string[]> {
  const campaignId = await freshHazardReportRun(db);
  return (await db.prisma.campaignTarget.findMany({ where: { campaignId }, select: { departmentId: true } })).map(
    (t) => `campaign:${campaignId}:launch:${t.departmentId}`,
  );
}

async function runLaunchKill(): Promise<TrialResult> {
  const n = rounds(20);
  const seed = trialSeed();
  const random = rng(seed);
  const trialDb = await freshTrialDatabase("launch");
  const { db } = trialDb;
  const standIn = await faultyStandIn(POSTS_PER_SECOND, random);
  let lost = 0;
  let duplicated = 0;
  let killedMidLaunch = 0;
  let reconciledFound = 0;
  let reconciledAbsent = 0;
  let injected429 = 0;
  let injected500 = 0;
  const incomplete: number[] = [];
  try {
    await addDistricts(db, CHANNELS, "C0KILL");
    const env = (instance: string) => ({
      ...redlineEnv({ databaseUrl: trialDb.url, apiUrl: standIn.apiUrl, postsPerSecond: POSTS_PER_SECOND, instance }),
      LEASE_MS: String(LEASE_MS),
      CAMPAIGN,
    });

    for (let round = 1; round <= n; round++) {
      const keys = await freshCampaign(db);
      standIn.reset();
      const kill = await killAtRandom(startChild("launch-child.ts", env(`round${round}-a`)), standIn, random);
      if (kill.killed && kill.shownAtKill < keys.length) killedMidLaunch++;
      const recoveryStarted = Date.now();
      const second = startChild("launch-child.ts", env(`round${round}-b`));
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
      const reconciled = await reconciliations(db);
      reconciledFound += reconciled.found;
      reconciledAbsent += reconciled.absent;
      injected429 += standIn.counts.injected429;
      injected500 += standIn.counts.injected500;
      process.stderr.write(
        `  round ${round}: start-up ${kill.startUpMs} ms, killed ${kill.killed ? `${kill.afterMs} ms into posting (${kill.shownAtKill} posted)` : "never (finished first)"}, ` +
          `recovery ${Date.now() - recoveryStarted} ms, ` +
          `${standIn.counts.posts} posts, lost ${roundLost + mismatched}, dup ${roundDup}${code === 0 ? "" : `, recovery exited ${code}`}\n`,
      );
    }
  } finally {
    await standIn.close();
    await trialDb.drop();
  }
  return {
    load: `${n} rounds × a ${CHANNELS}-channel launch, child processes on PostgreSQL against the Slack stand-in (1/s per channel, ${POSTS_PER_SECOND}/s workspace, 40 ms)`,
    faults: `kill -9 at a random point of each launch (${killedMidLaunch} mid-posting); ${injected429} posts answered 429 (30%), ${injected500} posted then answered 500 (10%); seed ${seed}`,
    lost,
    duplicated,
    notes: `reconciled through conversations.history: ${reconciledFound} found (recorded as sent), ${reconciledAbsent} absent (sent)${incomplete.length ? `; rounds whose recovery did not finish: ${incomplete.join(", ")}` : ""}`,
  };
}

export const trials: Trial[] = [{ name: "launch-kill", run: runLaunchKill }];
