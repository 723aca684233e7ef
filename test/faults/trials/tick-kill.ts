/**
 * kill -9 at random points of a busy tick: 400 reminders due (one to each of 400 districts), Slack answering 30% of
 * posts 429 and 10% 500 after posting. Each round: a fresh campaign; a redline child process runs the scheduler's tick
 * (test/faults/children/tick-child.ts) and is killed with SIGKILL at a random moment of its posting; a second child
 * ticks until nothing is left unsent (the dead process's claims expire, are reconciled through conversations.history,
 * then recorded or sent). Counted against what the stand-in shows: a district whose channel has no reminder is lost, a
 * second one is a duplicate; a sent record whose ts is not the post Slack shows counts as lost.
 * `npm run faults -- tick-kill --rounds=5` for fewer rounds (default 20).
 */
import { freshReminderCampaign, REMINDER_TICK_AT } from "../campaign-load.ts";
import {
  addDistricts,
  faultyStandIn,
  freshTrialDatabase,
  killAtRandom,
  reconciliations,
  recordsDisagreeingWithSlack,
  redlineEnv,
  rng,
  rounds,
  startChild,
  tallyOnePostPerChannel,
  trialSeed,
} from "../trial-support.ts";
import type { Trial, TrialResult } from "../run.ts";

const DISTRICTS = 400;
/** Paced for a large workspace, so a round takes seconds. */
const POSTS_PER_SECOND = 250;
/** Short, so the second process takes the dead one's claims over within the round (the default is 5 minutes). */
const LEASE_MS = 2000;

async function runTickKill(): Promise<TrialResult> {
  const n = rounds(20);
  const seed = trialSeed();
  const random = rng(seed);
  const trialDb = await freshTrialDatabase("tickkill");
  const { db } = trialDb;
  const standIn = await faultyStandIn(POSTS_PER_SECOND, random);
  let lost = 0;
  let duplicated = 0;
  let killedMidTick = 0;
  let found = 0;
  let absent = 0;
  let injected429 = 0;
  let injected500 = 0;
  let elsewhere = 0;
  let unkeyed = 0;
  const recoveries: number[] = [];
  const incomplete: number[] = [];
  try {
    await addDistricts(db, DISTRICTS, "C0TK");
    const env = (instance: string) => ({
      ...redlineEnv({ databaseUrl: trialDb.url, apiUrl: standIn.apiUrl, postsPerSecond: POSTS_PER_SECOND, instance }),
      TICK_AT: REMINDER_TICK_AT,
      LEASE_MS: String(LEASE_MS),
    });
    for (let round = 1; round <= n; round++) {
      const { channels } = await freshReminderCampaign(db);
      standIn.reset();
      const kill = await killAtRandom(startChild("tick-child.ts", env(`round${round}-a`)), standIn, random);
      if (kill.killed && kill.shownAtKill < channels.length) killedMidTick++;
      const claimsLeft = await db.prisma.dispatch.count({ where: { status: "claimed" } });
      const recoveryStarted = Date.now();
      const second = startChild("tick-child.ts", env(`round${round}-b`));
      const code = await second.done;
      recoveries.push(Date.now() - recoveryStarted);
      if (code !== 0) incomplete.push(round);

      const tally = tallyOnePostPerChannel(standIn.messages, channels);
      const disagreeing = await recordsDisagreeingWithSlack(db, standIn.messages);
      lost += tally.lost + disagreeing.length;
      duplicated += tally.duplicated;
      elsewhere += tally.elsewhere;
      unkeyed += tally.unkeyed;
      const r = await reconciliations(db);
      found += r.found;
      absent += r.absent;
      injected429 += standIn.counts.injected429;
      injected500 += standIn.counts.injected500;
      process.stderr.write(
        `  round ${round}: killed ${kill.killed ? `${kill.afterMs} ms into posting (${kill.shownAtKill} posted, ${claimsLeft} claims left)` : "never (finished first)"}, ` +
          `recovery ${recoveries.at(-1)} ms, ${standIn.counts.posts} posts, lost ${tally.lost + disagreeing.length}${disagreeing.length ? ` (recorded, not in Slack: ${disagreeing.slice(0, 3).join(", ")})` : ""}, dup ${tally.duplicated}` +
          `${code === 0 ? "" : `, recovery exited ${code}`}\n`,
      );
    }
  } finally {
    await standIn.close();
    await trialDb.drop();
  }
  const sorted = [...recoveries].sort((a, b) => a - b);
  return {
    load: `${n} rounds × a tick with ${DISTRICTS} due reminders (one per district), child processes on PostgreSQL against the Slack stand-in (1/s per channel, ${POSTS_PER_SECOND}/s workspace, 40 ms)`,
    faults: `kill -9 at a random point of each tick (${killedMidTick} mid-posting); ${injected429} posts answered 429 (30%), ${injected500} posted then answered 500 (10%); lease ${LEASE_MS} ms; seed ${seed}`,
    lost,
    duplicated,
    notes:
      `reconciled through conversations.history: ${found} found (recorded as sent), ${absent} absent (sent) · ` +
      `${elsewhere} keyed posts and uploads in the office's channel, ${unkeyed} posts without a key · ` +
      `recovery by a second process (start-up included): median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms` +
      (incomplete.length ? ` · rounds whose recovery did not finish: ${incomplete.join(", ")}` : ""),
  };
}

export const trials: Trial[] = [{ name: "tick-kill", run: runTickKill }];
