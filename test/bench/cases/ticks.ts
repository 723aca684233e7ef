import { WebClient } from "@slack/web-api";
import nock from "nock";
import { campaignKeys } from "../../../src/campaigns/keys.ts";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
import { limitsFor, RateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { DEFAULT_REMINDER_SETTINGS } from "../../../src/domain/reminders/settings.ts";
import { dueNow } from "../../../src/domain/reminders/due-now.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { runTick } from "../../../src/scheduler/run-tick.ts";
import { allSweeps } from "../../../src/scheduler/sweeps.ts";
import { forceGc as gc } from "../../support/force-gc.ts";
import { mb, msPerOp, type BenchCase, type BenchRow } from "../harness.ts";

const ZONE = "Asia/Shanghai";
const TASKS = 4;
/** Thursday 28 May 2026, after the 09:00 reminders (T-3 for a 31 May deadline) went out to everyone. */
const MORNING = new Date("2026-05-28T09:30:00+08:00");
/** Sunday night: outside office hours, no slot is due anywhere. */
const SUNDAY = new Date("2026-05-31T23:00:00+08:00");
const HOLE = "\u0000";
const DAY = "2026-05-28";

/**
 * `campaigns` running campaigns × `departments` targets × 4 report tasks due 31 May, every launch post out and the
 * morning's T-3 reminder recorded as covered by each department's sent morning bundle: what the database holds after
 * a busy morning.
 * Written in SQL (a real launch and tick to 100k would take the bench hours); keys are the sweep's own.
 */
async function addCampaigns(db: Database, from: number, campaigns: number, departments: number): Promise<void> {
  const p = db.prisma;
  for (let c = from; c < from + campaigns; c++) {
    const id = `bench-${c}`;
    await p.campaign.create({
      data: {
        id,
        templateId: id,
        titleZh: `检查${c}`,
        titleEn: `Check ${c}`,
        summaryZh: "-",
        summaryEn: "-",
        sourceClause: "-",
        status: "launched",
        definition: {},
        launchedBy: "cli:bench",
        launchedAt: new Date("2026-05-20T10:00:00+08:00"),
      },
    });
    // Each department's morning bundle of this campaign (number c + 1 that day), before the items it holds.
    await p.$executeRawUnsafe(
      `INSERT INTO "ReminderBundle" (key, "departmentId", day, seq, "channelId")
       SELECT 'reminder-bundle:bench-d' || g || ':${DAY}:${c + 1}', 'bench-d' || g, '${DAY}', ${c + 1}, 'CBENCH' || g
       FROM generate_series(1, ${departments}) g`,
    );
    for (let t = 0; t < TASKS; t++) {
      const task = {
        id: `${id}:report-${t}`,
        key: `report-${t}`,
        opensAt: new Date("2026-05-20T10:00:00+08:00"),
        dueAt: new Date("2026-06-01T00:00:00+08:00"),
      };
      await p.task.create({ data: { ...task, campaignId: id, kind: "report", titleZh: `上报${t}`, titleEn: `Report ${t}` } });
      const slot = dueNow({ ...task, schedule: "deadline" }, DEFAULT_REMINDER_SETTINGS, ZONE, MORNING).reminder;
      if (!slot) throw new Error("bench setup: no reminder slot due on the morning");
      const [before, after] = campaignKeys.reminder(id, task.key, HOLE, slot.key).split(HOLE);
      // Each department's items of this campaign were in its morning bundle (number c + 1 that day), sent.
      await p.$executeRawUnsafe(
        `INSERT INTO "ReminderBundleItem" ("itemKey", "bundleKey", "campaignId", "taskKey", kind)
         SELECT $1 || 'bench-d' || g || $2, 'reminder-bundle:bench-d' || g || ':${DAY}:${c + 1}', $3, $4, 'reminder'
         FROM generate_series(1, ${departments}) g`,
        before,
        after,
        id,
        task.key,
      );
    }
    await p.$executeRawUnsafe(
      `INSERT INTO "Dispatch" (key, kind, status, "claimedBy", "sentAt")
       SELECT 'reminder-bundle:bench-d' || g || ':${DAY}:${c + 1}', 'campaign-reminder-bundle', 'sent', 'bench', now()
       FROM generate_series(1, ${departments}) g`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "CampaignTarget" ("campaignId", "departmentId", "channelId", "messageTs")
       SELECT $1, 'bench-d' || g, 'CBENCH' || g, '1.' || g FROM generate_series(1, ${departments}) g`,
      id,
    );
  }
}

export const benchCases: BenchCase[] = [
  {
    name: "ticks",
    async run() {
      const db = await openDatabase("pglite:memory://", { migrate: true });
      nock.disableNetConnect();
      nock("https://slack.com")
        .persist()
        .post(/.*/)
        .reply(200, () => ({ ok: true, ts: "1.000100", channel: "C1", members: [] }));
      try {
        await db.prisma.$executeRawUnsafe(
          `INSERT INTO "Department" (id, "nameZh", "nameEn", kind, "slackChannelId", "updatedAt")
           SELECT 'bench-d' || g, '单位' || g, 'Unit ' || g, 'county_district', 'CBENCH' || g, now() FROM generate_series(1, 1000) g`,
        );
        const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-secret", LOG_LEVEL: "silent" });
        const logger = createLogger("silent");
        const client = new WebClient("xoxb-bench", { retryConfig: { retries: 0 } });
        const deps = {
          db: db.prisma,
          delivery: createDelivery({ db: db.prisma, client, logger, instanceId: "bench", limiter: new RateLimiter(limitsFor(0)) }),
          config,
          logger,
        };
        const measure = async () => {
          const report = await runTick(allSweeps, deps, MORNING);
          const sent = Object.values(report.sweeps).reduce((n, r) => n + ("sent" in r ? r.sent : 0), 0);
          if (sent > 0) throw new Error(`bench setup: the morning tick posted ${sent}: ${JSON.stringify(report.sweeps)}`);
          return {
            morning: await msPerOp(10, () => runTick(allSweeps, deps, MORNING)),
            sunday: await msPerOp(10, () => runTick(allSweeps, deps, SUNDAY)),
          };
        };
        await addCampaigns(db, 0, 1, 250); // 1 × 250 × 4 = 1,000 open assignments
        const small = await measure();
        await addCampaigns(db, 1, 25, 1000); // + 25 × 1,000 × 4 = 101,000
        const large = await measure();
        // BENCH_TICKS_SWEEPS=1: each sweep's time at 101k, to see where a tick goes.
        if (process.env.BENCH_TICKS_SWEEPS) {
          for (const at of [SUNDAY, MORNING])
            for (const sweep of allSweeps) {
              const ms = await msPerOp(3, () => sweep.run(deps, at));
              process.stderr.write(`${at.toISOString()} ${sweep.id} ${ms.toFixed(1)} ms\n`);
            }
        }
        gc();
        const heap0 = process.memoryUsage().heapUsed;
        for (let i = 0; i < 50; i++) await runTick(allSweeps, deps, MORNING);
        gc();
        const heap50 = process.memoryUsage().heapUsed;
        const rows: BenchRow[] = [
          {
            figure: "tick after the morning's reminders went out (everything due sent), 101k vs 1k open assignments",
            value: large.morning,
            unit: "ms",
            baseline: { label: "1k", value: small.morning },
            target: 2,
          },
          {
            figure: "tick with no slot due (Sunday night), 101k vs 1k open assignments",
            value: large.sunday,
            unit: "ms",
            baseline: { label: "1k", value: small.sunday },
            target: 2,
          },
          {
            figure: "heap after 50 such morning ticks at 101k (after GC)",
            value: mb(heap50),
            unit: "MB",
            baseline: { label: "before them", value: mb(heap0) },
            target: 1.1,
          },
        ];
        return rows;
      } finally {
        nock.cleanAll();
        nock.enableNetConnect();
        await db.close();
      }
    },
  },
];
