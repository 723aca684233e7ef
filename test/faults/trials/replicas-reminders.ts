/**
 * Three redline replicas on one PostgreSQL database tick at the same moment with 1,000 reminders due (one to each of
 * 1,000 districts), Slack answering 30% of posts 429 and 10% 500 after posting. Each replica is a child process
 * running the scheduler's tick (test/faults/children/tick-child.ts) against the Slack stand-in, with its own rate
 * limiter, until nothing is left unsent. Counted against what the stand-in shows: a district whose channel has no
 * reminder is lost, a second one is a duplicate; a sent record whose ts is not the post Slack shows counts as lost.
 * `npm run faults -- replicas-reminders --rounds=1` for one round (default 3).
 */
import { availableParallelism, loadavg } from "node:os";
import { freshReminderCampaign, REMINDER_TICK_AT } from "../campaign-load.ts";
import {
  addDistricts,
  faultyStandIn,
  freshTrialDatabase,
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

const DISTRICTS = 1000;
const REPLICAS = 3;
/** Each replica paces itself alone (replicas share no limiter); the stand-in's workspace allows all three. */
const POSTS_PER_SECOND = 100;

async function runReplicasReminders(): Promise<TrialResult> {
  const n = rounds(3);
  const seed = trialSeed();
  const trialDb = await freshTrialDatabase("replicas");
  const { db } = trialDb;
  // The workspace allows all three replicas' pace together.
  const standIn = await faultyStandIn(POSTS_PER_SECOND * REPLICAS, rng(seed));
  let lost = 0;
  let duplicated = 0;
  let due = 0;
  let elsewhere = 0;
  let unkeyed = 0;
  let found = 0;
  let absent = 0;
  let injected429 = 0;
  let injected500 = 0;
  let limited = 0;
  const seconds: number[] = [];
  const sentBy: number[][] = [];
  const failedRounds: string[] = [];
  try {
    await addDistricts(db, DISTRICTS, "C0REP");
    for (let round = 1; round <= n; round++) {
      const { channels } = await freshReminderCampaign(db);
      due += channels.length;
      standIn.reset();
      const replicas = Array.from({ length: REPLICAS }, (_, i) =>
        startChild(
          "tick-child.ts",
          {
            ...redlineEnv({
              databaseUrl: trialDb.url,
              apiUrl: standIn.apiUrl,
              postsPerSecond: POSTS_PER_SECOND,
              instance: `replica-${i + 1}`,
            }),
            TICK_AT: REMINDER_TICK_AT,
          },
          { waitForGo: true },
        ),
      );
      await Promise.all(replicas.map((r) => r.ready));
      const started = Date.now();
      for (const r of replicas) r.go();
      const codes = await Promise.all(replicas.map((r) => r.done));
      seconds.push((Date.now() - started) / 1000);
      codes.forEach((code, i) => code !== 0 && failedRounds.push(`round ${round} replica ${i + 1} exited ${code}`));

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
      limited += standIn.counts.limited;
      const byReplica = await db.prisma.dispatch.groupBy({ by: ["claimedBy"], where: { status: "sent" }, _count: { _all: true } });
      sentBy.push(byReplica.map((b) => b._count._all).sort((a, b) => b - a));
      process.stderr.write(
        `  round ${round}: ${standIn.counts.posts} posts in ${seconds.at(-1)!.toFixed(1)} s, recorded per replica ${sentBy.at(-1)!.join("/")}, ` +
          `lost ${tally.lost + disagreeing.length}${disagreeing.length ? ` (recorded, not in Slack: ${disagreeing.slice(0, 3).join(", ")})` : ""}, dup ${tally.duplicated}\n`,
      );
    }
  } finally {
    await standIn.close();
    await trialDb.drop();
  }
  return {
    load: `${n} rounds × ${DISTRICTS} due reminders (${due} in all, one per district), ${REPLICAS} replicas (child processes, ${POSTS_PER_SECOND} posts/s each) ticking at once on one PostgreSQL database`,
    faults: `${injected429} posts answered 429 (30%), ${injected500} posted then answered 500 (10%), ${limited} over the stand-in's limits; seed ${seed}`,
    lost,
    duplicated,
    notes:
      `reconciled through conversations.history: ${found} found (recorded as sent), ${absent} absent (sent) · ` +
      `sent records per replica by round: ${sentBy.map((s) => s.join("/")).join(", ")} · ` +
      `${seconds.map((s) => s.toFixed(1)).join(", ")} s per round (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores) · ${elsewhere} keyed posts and uploads in the office's channel, ${unkeyed} posts without a key` +
      (failedRounds.length ? ` · ${failedRounds.join("; ")}` : ""),
  };
}

export const trials: Trial[] = [{ name: "replicas-reminders", run: runReplicasReminders }];
