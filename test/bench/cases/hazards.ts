import { WebClient } from "@slack/web-api";
import nock from "nock";
import { loadConfig } from "../../../src/config/env.ts";
import { openDatabase, type Database } from "../../../src/db/client.ts";
import { createDelivery } from "../../../src/delivery/delivery.ts";
import { limitsFor, RateLimiter } from "../../../src/delivery/rate-limiter.ts";
import { importDirectory } from "../../../src/directory/import-directory.ts";
import { seedDefaults } from "../../../src/directory/seed-defaults.ts";
import { ledgerStatistics, listLedger } from "../../../src/hazards/ledger.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { runTick } from "../../../src/scheduler/run-tick.ts";
import { allSweeps } from "../../../src/scheduler/sweeps.ts";
import { adminSql } from "../../support/pg-admin.ts";
import { elapsedMs, msPerOp, type BenchCase, type BenchRow } from "../harness.ts";

const ZONE = "Asia/Shanghai";
/**
 * 100 hazards overdue since 2026-05-20 (red by the 28th: overdue reminder + escalation to the unit and the office), 50
 * due on the 29th (blue): 350 posts.
 */
const OVERDUE = 100;
const NEAR = 50;
const BUSY = new Date("2026-05-28T09:30:00+08:00");
/** The large ledger's size; BENCH_HAZARDS_OPEN=10000 for a quicker run on a busy machine. */
const LARGE = Number(process.env.BENCH_HAZARDS_OPEN ?? 100_000);
const large = `${LARGE / 1000}k`;

/** `total` open hazards over 60 districts, 150 of them due; the rest due next year. Written with one INSERT … SELECT. */
async function seedLedger(db: Database, total: number): Promise<void> {
  await seedDefaults(db.prisma);
  const departments = Array.from({ length: 60 }, (_, i) => ({
    id: `county-${i + 1}`,
    nameZh: `第${i + 1}区`,
    nameEn: `District ${i + 1}`,
    kind: "county_district" as const,
    slackChannelId: `C0HZ${i + 1}`,
    head: { slackUserId: `U0HZ${i + 1}H`, name: `区长${i + 1}`, title: "区长" },
    liaisons: [],
  }));
  await importDirectory(db.prisma, { version: 1, departments }, "bench");
  // The seed's office has no channel (each workspace fills it in): without one the escalations to the office are
  // skipped with a warning and the tick would be measured without them.
  await db.prisma.department.update({ where: { id: "safety-office" }, data: { slackChannelId: "C0HZOFFICE" } });
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO "Hazard" ("number", "year", "seq", "unitId", "placeName", "routing", "description", "level", "source",
      "foundBySlackUserId", "foundDay", "deadlineDay", "state", "updatedAt")
    SELECT 'YH-2026-' || lpad(g::text, 6, '0'), 2026, g, 'county-' || (1 + g % 60), '场所' || g, 'office'::"HazardRouting",
      '消防通道堵塞', (CASE WHEN g % 50 = 0 THEN 'major' ELSE 'general' END)::"HazardLevel", 'self_inspection'::"HazardSource",
      'U0BENCH', '2026-05-06',
      CASE WHEN g <= ${OVERDUE} THEN '2026-05-20' WHEN g <= ${OVERDUE + NEAR} THEN '2026-05-29' ELSE '2027-06-30' END,
      (CASE WHEN g % 2 = 0 THEN 'rectifying' ELSE 'registered' END)::"HazardState", now()
    FROM generate_series(1, ${total}) AS g`);
  await db.prisma.$executeRawUnsafe(`ANALYZE "Hazard"`);
}

interface Figures {
  busy: number;
  idle: number;
  list: number;
  stats: number;
  sent: string;
}

const progress = (what: string) => process.stderr.write(`  hazards: ${what}\n`);

async function measure(url: string, total: number): Promise<Figures> {
  const db = await openDatabase(url, { migrate: true });
  try {
    await seedLedger(db, total);
    progress(`${total} hazards seeded (${url.split(":")[0]})`);
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: "bench-secret",
      LOG_LEVEL: "silent",
      REDLINE_DIGEST: "off",
    });
    const logger = createLogger("silent");
    const client = new WebClient("xoxb-bench", { retryConfig: { retries: 0 } });
    const deps = {
      db: db.prisma,
      delivery: createDelivery({ db: db.prisma, client, logger, instanceId: "bench", limiter: new RateLimiter(limitsFor(0)) }),
      config,
      logger,
    };
    let sent = "";
    const busy = await elapsedMs(async () => {
      const report = await runTick(allSweeps, deps, BUSY);
      sent = `hazards.reminders ${JSON.stringify(report.sweeps["hazards.reminders"])}`;
    });
    progress(`busy tick ${Math.round(busy)} ms`);
    const idle = await msPerOp(5, (i) => runTick(allSweeps, deps, new Date(BUSY.getTime() + (i + 1) * 60_000)));
    const scope = { all: true } as const;
    progress(`idle tick ${Math.round(idle)} ms`);
    const list = await msPerOp(1, () => listLedger(db.prisma, scope, { overdue: true }, { now: BUSY, zone: ZONE }));
    const stats = await msPerOp(1, () => ledgerStatistics(db.prisma, scope, { now: BUSY, zone: ZONE }));
    return { busy, idle, list, stats, sent };
  } finally {
    await db.close();
  }
}

/** A fresh PostgreSQL database on TEST_DATABASE_URL's server (dropped afterwards), or null without one. */
async function withPostgres<T>(name: string, fn: (url: string) => Promise<T>): Promise<T | null> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  await adminSql(admin.href, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return await fn(url.href);
  } finally {
    await adminSql(admin.href, [`DROP DATABASE IF EXISTS ${name}`]);
  }
}

function rows(kind: string, big: Figures, small: Figures): BenchRow[] {
  const base = (value: number) => ({ label: "1k open", value });
  return [
    {
      figure: `${kind}: tick with ${large} open hazards, 150 due (350 posts)`,
      value: big.busy,
      unit: "ms",
      baseline: base(small.busy),
      target: 1.5,
      note: big.sent,
    },
    {
      figure: `${kind}: tick with ${large} open hazards, nothing new due`,
      value: big.idle,
      unit: "ms",
      baseline: base(small.idle),
      target: 2,
    },
    { figure: `${kind}: ledger list, overdue, ${large} open`, value: big.list, unit: "ms", baseline: base(small.list) },
    { figure: `${kind}: ledger statistics per unit, ${large}`, value: big.stats, unit: "ms", baseline: base(small.stats) },
  ];
}

/**
 * The hazard ledger at 100k open hazards against the same with 1k, on both databases (PostgreSQL when
 * TEST_DATABASE_URL or BENCH_DATABASE_URL is set): the reminder sweep reads only what can be due (indexed ranges), so
 * a tick should cost about the same at both sizes; the list and statistics read the ledger and grow with it.
 */
export const benchCases: BenchCase[] = [
  {
    name: "hazards",
    async run() {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1|localhost/);
      let ts = 1;
      nock("https://slack.com")
        .persist()
        .post(/.*/)
        .reply(200, () => ({ ok: true, ts: `${ts++}.000100`, channel: "C1", members: [] }));
      try {
        const out = rows("embedded", await measure("pglite:memory://", LARGE), await measure("pglite:memory://", 1_000));
        const pg = await withPostgres("redline_bench_hazards", (url) => measure(url, LARGE));
        if (pg) {
          const small = await withPostgres("redline_bench_hazards_small", (url) => measure(url, 1_000));
          out.push(...rows("postgres", pg, small!));
        }
        return out;
      } finally {
        nock.cleanAll();
        nock.enableNetConnect();
      }
    },
  },
];
