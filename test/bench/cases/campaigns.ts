import { WebClient } from "@slack/web-api";
import nock from "nock";
import { launchCampaign } from "../../../src/campaigns/launch-campaign.ts";
import { postLaunchMessages } from "../../../src/campaigns/launch-messages.ts";
import { readCampaignFile } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../../../src/campaigns/definition/ready-made.ts";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
// Slack answers at once here: no pacing (the launch-fanout case measures posting at Slack's limits).
import { limitsFor, RateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { importDirectory } from "../../../src/directory/import-directory.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { runTick } from "../../../src/scheduler/run-tick.ts";
import { allSweeps } from "../../../src/scheduler/sweeps.ts";
import { elapsedMs, msPerOp, type BenchCase } from "../harness.ts";

/**
 * The scheduler over the hazard-report campaign sent to 60 counties and districts, Slack answered by nock at once:
 * what a replica does every minute, and the morning a reminder is due for everyone.
 */
export const benchCases: BenchCase[] = [
  {
    name: "campaigns",
    async run() {
      const db = await openDatabase("pglite:memory://", { migrate: true });
      nock.disableNetConnect();
      let ts = 1;
      nock("https://slack.com")
        .persist()
        .post(/.*/)
        .reply(200, () => ({ ok: true, ts: `${ts++}.000100`, channel: "C1", members: [] }));
      try {
        await seedDefaults(db.prisma);
        const departments = Array.from({ length: 60 }, (_, i) => ({
          id: `county-${i + 1}`,
          nameZh: `第${i + 1}区`,
          nameEn: `District ${i + 1}`,
          kind: "county_district" as const,
          slackChannelId: `C0BENCH${i + 1}`,
          head: { slackUserId: `U0BENCH${i + 1}H`, name: `区长${i + 1}`, title: "区长" },
          liaisons: [],
        }));
        await importDirectory(db.prisma, { version: 1, departments }, "bench");
        const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-secret", LOG_LEVEL: "silent" });
        const logger = createLogger("silent");
        const client = new WebClient("xoxb-bench", { retryConfig: { retries: 0 } });
        const deps = {
          db: db.prisma,
          delivery: createDelivery({ db: db.prisma, client, logger, instanceId: "bench", limiter: new RateLimiter(limitsFor(0)) }),
          config,
          logger,
        };
        const file = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
        const launchedAt = new Date("2026-05-20T10:00:00+08:00");
        await launchCampaign(db.prisma, {
          file: {
            ...file,
            targets: { groups: ["all-counties"], departments: [], except: ["changyuan", "hongqi", "huixian", "weihui", "xinxiang-county"] },
          },
          fileName: "bench",
          launchedBy: "cli:bench",
          now: launchedAt,
          zone: config.zone,
        });
        const launch = await elapsedMs(() => postLaunchMessages(deps, file.id, launchedAt));
        let sweeps = "";
        const busy = await elapsedMs(async () => {
          const report = await runTick(allSweeps, deps, new Date("2026-05-28T09:00:00+08:00"));
          sweeps = JSON.stringify(report.sweeps);
        });
        const idle = await msPerOp(20, (i) =>
          runTick(allSweeps, deps, new Date(`2026-05-28T10:${String(i % 60).padStart(2, "0")}:00+08:00`)),
        );
        const sunday = await msPerOp(20, () => runTick(allSweeps, deps, new Date("2026-05-31T23:00:00+08:00")));
        return [
          { figure: "launch posts to 60 district channels (Slack answers at once)", value: launch, unit: "ms" },
          { figure: "tick: report T-3 + ack overdue + escalation, 60 districts", value: busy, unit: "ms", note: sweeps },
          { figure: "tick, nothing new due (same morning, later)", value: idle, unit: "ms" },
          { figure: "tick, nothing due (Sunday night)", value: sunday, unit: "ms" },
        ];
      } finally {
        nock.cleanAll();
        nock.enableNetConnect();
        await db.close();
      }
    },
  },
];
