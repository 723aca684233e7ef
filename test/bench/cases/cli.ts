import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { percentile, type BenchCase, type BenchRow } from "../harness.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RUNS = 5;

/** What the embedded database costs by itself: open the same folder, one query, close (the CLI's Wasm flag too). */
const PGLITE_FLOOR = `
import v8 from "node:v8";
v8.setFlagsFromString("--liftoff-only");
const { PGlite } = await import("@electric-sql/pglite");
const db = new PGlite(process.env.DATABASE_URL.slice("pglite:".length));
await db.query("SELECT 1");
await db.close();
`;

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * `redline ask KTV` as a person runs it (`node src/cli/bin.mjs`, dist/ built), wall clock from spawn to exit on a warm
 * embedded database (the first run, which migrates and seeds, is not counted), against `node -e ''` and against
 * opening that database alone.
 */
export const benchCases: BenchCase[] = [
  {
    name: "cli",
    async run() {
      const built = spawnSync(process.execPath, ["tools/build.mjs", "--if-stale"], { cwd: ROOT, stdio: "inherit" });
      if (built.status !== 0) throw new Error("build failed");
      const dir = await mkdtemp(path.join(tmpdir(), "redline-bench-cli-"));
      const env = { ...process.env, DATABASE_URL: `pglite:${dir}/db`, LOG_LEVEL: "silent", SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" };
      const wall = (args: string[], expect?: string) => {
        const t0 = performance.now();
        const run = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
        const ms = performance.now() - t0;
        if (run.status !== 0) throw new Error(run.stderr);
        if (expect && !run.stdout.includes(expect)) throw new Error(`unexpected answer: ${run.stdout}`);
        return ms;
      };
      const times = (args: string[], expect?: string) => median(Array.from({ length: RUNS }, () => wall(args, expect)));
      try {
        wall(["src/cli/bin.mjs", "ask", "KTV"], "文化部门");
        const ask = times(["src/cli/bin.mjs", "ask", "KTV"], "文化部门");
        const help = times(["src/cli/bin.mjs", "--help"]);
        const floor = times(["-e", ""]);
        const embedded = times(["--input-type=module", "-e", PGLITE_FLOOR]);
        const rows: BenchRow[] = [
          {
            figure: `redline ask KTV, warm embedded database (wall, median of ${RUNS})`,
            value: ask,
            unit: "ms",
            baseline: { label: "node -e ''", value: floor },
            note: "target ≤ 1500 ms",
          },
          {
            figure: "redline ask KTV against opening the embedded database alone",
            value: ask,
            unit: "ms",
            baseline: { label: "PGlite open + 1 query + close", value: embedded },
          },
          {
            figure: "redline --help (loads every command, opens nothing)",
            value: help,
            unit: "ms",
            baseline: { label: "node -e ''", value: floor },
          },
        ];
        return rows;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
