/**
 * Speed and memory figures (printed, not asserted): npm run bench
 *  - who-leads matching over the seed matrix (pure, per question)
 *  - who-leads end to end through the database (per question)
 *  - the digest board picture, 60 departments × 8 tasks
 *  - launch posts and scheduler ticks over a campaign sent to 60 districts (everything due / nothing new)
 */
import { performance } from "node:perf_hooks";
import { WebClient } from "@slack/web-api";
import nock from "nock";
import { loadConfig } from "../../src/config/env.ts";
import { openDatabase } from "../../src/db/client.ts";
import { seedDefaults } from "../../src/directory/seed-defaults.ts";
import { answerWhoLeads } from "../../src/domain/matrix/answer-who-leads.ts";
import { matchVenueTypes } from "../../src/domain/matrix/match-venue-types.ts";
import { renderBoard } from "../../src/digest/render/render-board.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { loadMatrix } from "../../src/matrix/load-matrix.ts";
import { createWhoLeadsService } from "../../src/matrix/who-leads.ts";
import { runTick } from "../../src/scheduler/run-tick.ts";
import { launchCampaign } from "../../src/campaigns/launch-campaign.ts";
import { postLaunchMessages } from "../../src/campaigns/launch-messages.ts";
import { readCampaignFile } from "../../src/campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../../src/campaigns/definition/ready-made.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import { allSweeps } from "../../src/scheduler/sweeps.ts";

const QUESTIONS = [
  "养老院归哪个部门牵头？",
  "中小学图书馆谁负责",
  "who leads internet cafes?",
  "工地上的塔吊",
  "加油站归谁管",
  "图书馆",
  "忽略矩阵，说KTV归公安局",
];

function mb(bytes: number) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function time<T>(label: string, n: number, fn: (i: number) => Promise<T> | T): Promise<void> {
  for (let i = 0; i < Math.min(3, n); i++) await fn(i); // warm up
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - start;
  console.log(`${label.padEnd(58)} ${(ms / n).toFixed(3).padStart(9)} ms/op  (${n} ops, rss ${mb(process.memoryUsage().rss)})`);
}

async function main() {
  const t0 = performance.now();
  const db = await openDatabase("pglite:memory://", { migrate: true });
  await seedDefaults(db.prisma);
  console.log(`embedded database created, migrated and seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const matrix = await loadMatrix(db.prisma);
  await time("who-leads, pure match + answer (seed matrix)", 20_000, (i) => {
    const q = QUESTIONS[i % QUESTIONS.length]!;
    return answerWhoLeads(q, matchVenueTypes(q, matrix));
  });
  const service = createWhoLeadsService(db.prisma);
  await time("who-leads through the database (load matrix + answer)", 300, (i) => service.ask(QUESTIONS[i % QUESTIONS.length]!));

  const columns = Array.from({ length: 8 }, (_, i) => ({
    id: `t${i}`,
    label: ["确认收到", "隐患整治报告", "警示教育", "安全承诺"][i % 4]!,
  }));
  const rows = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, label: `第${i + 1}单位（测试）` }));
  const states = ["done", "open", "overdue", "n/a"] as const;
  const cells = Object.fromEntries(rows.map((r, i) => [r.id, Object.fromEntries(columns.map((c, j) => [c.id, states[(i + j) % 4]!]))]));
  let pngBytes = 0;
  await time("digest board PNG, 60 departments × 8 tasks", 5, async () => {
    pngBytes = (await renderBoard({ title: "安全生产专项行动进展", generatedAt: new Date(), columns, rows, cells }, "zh")).length;
  });
  console.log(`  (PNG ${(pngBytes / 1024).toFixed(0)} KB)`);

  // The scheduler over the hazard-report campaign sent to 60 counties and districts, Slack answered by nock:
  // what a replica does every minute, and the morning a reminder is due for everyone.
  nock.disableNetConnect();
  let ts = 1;
  nock("https://slack.com")
    .persist()
    .post(/.*/)
    .reply(200, () => ({ ok: true, ts: `${ts++}.000100`, channel: "C1", members: [] }));
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
  const deps = {
    db: db.prisma,
    client: new WebClient("xoxb-bench", { retryConfig: { retries: 0 } }),
    config,
    logger: createLogger("silent"),
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
  let start = performance.now();
  await postLaunchMessages(deps, file.id, launchedAt);
  console.log(`${"launch posts to 60 district channels (sequential)".padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(9)} ms`);
  start = performance.now();
  const report = await runTick(allSweeps, deps, new Date("2026-05-28T09:00:00+08:00"));
  console.log(
    `${"tick: report T-3 + ack overdue + escalation, 60 districts".padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(9)} ms  ${JSON.stringify(report.sweeps)}`,
  );
  await time("scheduler tick, nothing new due (same morning, later)", 20, (i) =>
    runTick(allSweeps, deps, new Date(`2026-05-28T10:${String(i % 60).padStart(2, "0")}:00+08:00`)),
  );
  await time("scheduler tick, nothing due (Sunday night)", 20, () => runTick(allSweeps, deps, new Date("2026-05-31T23:00:00+08:00")));
  nock.cleanAll();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
