import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { adminSql } from "../../support/pg-admin.ts";
import { startSlackStandIn } from "../../support/slack-standin.ts";
import { postSigned, slashCommandPayload, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { percentile, type BenchCase, type BenchRow } from "../harness.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const WARM_STARTS = 3;

/** The floor every ready time is held against: a Bolt app on the HTTP receiver with one command, nothing else. */
const BARE_BOLT = `
import bolt from "@slack/bolt";
const app = new bolt.App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.command("/redline", async ({ ack }) => { await ack("ok"); });
await app.start(Number(process.env.PORT));
console.log(JSON.stringify({ msg: "redline is listening" }));
`;

interface Started {
  child: ChildProcess;
  readyMs: number;
  rssMb: () => Promise<number>;
  stop: () => Promise<void>;
}

/** Spawns `args`, resolves when it logs that it listens: how long that took, and its resident memory on demand. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`not ready in 120 s: ${err.slice(-500)}`)), 120_000);
    child.stderr!.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`exited ${code} before ready: ${err.slice(-800)}`)));
    child.stdout!.on("data", (d) => {
      out += d;
      if (!out.includes("redline is listening")) return;
      clearTimeout(timer);
      const readyMs = performance.now() - t0;
      child.stdout!.removeAllListeners("data");
      child.stdout!.resume();
      resolve({
        child,
        readyMs,
        rssMb: async () => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** Warm starts (the first, which migrates and seeds, is not counted): median ready time and RSS just after ready. */
async function warmStarts(args: string[], env: NodeJS.ProcessEnv, then?: (s: Started) => Promise<void>) {
  await (await start(args, env)).stop();
  const ready: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < WARM_STARTS; i++) {
    const s = await start(args, env);
    ready.push(s.readyMs);
    rss.push(await s.rssMb());
    if (i === WARM_STARTS - 1 && then) await then(s);
    await s.stop();
  }
  return { readyMs: median(ready), rssMb: median(rss) };
}

/** 10,000 signed `/redline 谁负责 KTV` requests, 50 at a time; every one must be answered in its ack. */
async function whoLeadsLoad(url: string, total = 10_000, concurrency = 50): Promise<number> {
  const body = new URLSearchParams(slashCommandPayload({ text: "谁负责 KTV" })).toString();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const res = await postSigned(url, body, "application/x-www-form-urlencoded");
        if (res.status !== 200 || !res.text.includes("文化")) failed++;
      }
    }),
  );
  return failed;
}

async function bootRows(label: string, databaseUrl: string, port: number): Promise<BenchRow[]> {
  const standIn = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: "info",
    REDLINE_SCHEDULER: "off",
    OPENAI_API_KEY: "",
  };
  try {
    const bare = await warmStarts(["--input-type=module", "-e", BARE_BOLT], env);
    let afterLoad = NaN;
    let failed = 0;
    const redline = await warmStarts(["dist/main.js"], env, async (s) => {
      failed = await whoLeadsLoad(`http://127.0.0.1:${port}`);
      afterLoad = await s.rssMb();
    });
    return [
      {
        figure: `warm ready, ${label} (node dist/main.js, median of ${WARM_STARTS})`,
        value: redline.readyMs,
        unit: "ms",
        baseline: { label: "bare Bolt", value: bare.readyMs },
        note: `target ≤ ${label === "PostgreSQL" ? 1000 : 1500} ms`,
      },
      {
        figure: `RSS after ready, ${label}`,
        value: redline.rssMb,
        unit: "MB",
        baseline: { label: "bare Bolt", value: bare.rssMb },
        note: `target ≤ ${label === "PostgreSQL" ? 150 : 300} MB`,
      },
      {
        figure: `RSS after 10,000 who-leads requests (50 concurrent), ${label}`,
        value: afterLoad,
        unit: "MB",
        baseline: { label: "after ready", value: redline.rssMb },
        target: 1.2,
        note: `${failed} not answered in the ack`,
      },
    ];
  } finally {
    await standIn.close();
  }
}

/**
 * Start-up from compiled JavaScript against a bare Bolt app started the same way, on the embedded database and (with
 * TEST_DATABASE_URL) on PostgreSQL (`redline ask` is the cli case).
 */
export const benchCases: BenchCase[] = [
  {
    name: "boot",
    async run() {
      const built = spawnSync(process.execPath, ["tools/build.mjs", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
      if (built.status !== 0) throw new Error("build failed");
      const dir = await mkdtemp(path.join(tmpdir(), "redline-bench-boot-"));
      const rows: BenchRow[] = [];
      try {
        rows.push(...(await bootRows("embedded", `pglite:${dir}/db`, 39_431)));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const pgUrl = process.env.TEST_DATABASE_URL;
      if (pgUrl) {
        const name = "redline_bench_boot";
        const url = new URL(pgUrl);
        url.pathname = `/${name}`;
        await adminSql(pgUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
        try {
          rows.push(...(await bootRows("PostgreSQL", url.toString(), 39_432)));
        } finally {
          await adminSql(pgUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
        }
      }
      return rows;
    },
  },
];
