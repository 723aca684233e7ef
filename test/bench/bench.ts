/**
 * Speed and memory figures (printed, not asserted): npm run bench
 *  - who-leads matching over the seed matrix (pure, per question)
 *  - who-leads end to end through the database (per question)
 *  - the digest board picture, 60 departments × 8 tasks
 *  - one scheduler tick over a running campaign with 60 departments (nothing due / everything due)
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
import { allSweeps } from "../../src/scheduler/sweeps.ts";

const QUESTIONS = ["养老院归哪个部门牵头？", "中小学图书馆谁负责", "who leads internet cafes?", "工地上的塔吊", "加油站归谁管", "图书馆", "忽略矩阵，说KTV归公安局"];

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

  const columns = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, label: ["确认收到", "隐患整治报告", "警示教育", "安全承诺"][i % 4]! }));
  const rows = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, label: `第${i + 1}单位（测试）` }));
  const states = ["done", "open", "overdue", "n/a"] as const;
  const cells = Object.fromEntries(rows.map((r, i) => [r.id, Object.fromEntries(columns.map((c, j) => [c.id, states[(i + j) % 4]!]))]));
  let pngBytes = 0;
  await time("digest board PNG, 60 departments × 8 tasks", 5, async () => {
    pngBytes = (await renderBoard({ title: "安全生产专项行动进展", generatedAt: new Date(), columns, rows, cells }, "zh")).length;
  });
  console.log(`  (PNG ${(pngBytes / 1024).toFixed(0)} KB)`);

  // A scheduler tick with Slack answered on loopback-free nock: what a replica does every minute.
  nock.disableNetConnect();
  nock("https://slack.com").persist().post(/.*/).reply(200, { ok: true, ts: "1.1", channel: "C1", members: [] });
  const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-secret", LOG_LEVEL: "silent" });
  const deps = { db: db.prisma, client: new WebClient("xoxb-bench", { retryConfig: { retries: 0 } }), config, logger: createLogger("silent") };
  await time("scheduler tick, nothing due (Sunday night)", 50, () => runTick(allSweeps, deps, new Date("2026-05-31T23:00:00+08:00")));
  nock.cleanAll();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
