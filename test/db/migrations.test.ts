import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createAdapter } from "../../src/db/adapters.ts";
import {
  applyPendingMigrations,
  loadMigrations,
  migrationState,
  PRISMA_MIGRATION_LOCK_KEY,
  schemaEngineStarts,
} from "../../src/db/migrations.ts";
import { runCli } from "../../src/cli/program.ts";
import { createCliContext } from "../../src/cli/context.ts";
import { adminSql } from "../support/pg-admin.ts";
import { waitFor } from "../support/wait-for.ts";
import pg from "pg";

const run = promisify(execFile);
const FIXTURE = path.join(import.meta.dirname, "fixtures/open-and-migrate.ts");
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("migrations at start-up", () => {
  it("compares the folder with _prisma_migrations, and loads no schema engine when nothing is pending", async () => {
    const folder = (await loadMigrations()).migrationDirectories.map((d) => d.path);
    const handle = await createAdapter("pglite:memory://");
    try {
      expect((await migrationState(handle)).pending).toEqual(folder);
      const before = schemaEngineStarts();
      expect(await applyPendingMigrations(handle)).toEqual(folder);
      expect(schemaEngineStarts()).toBe(before + 1);
      expect(await migrationState(handle)).toEqual({ pending: [], failed: [], modified: [] });
      expect(await applyPendingMigrations(handle)).toEqual([]);
      expect(schemaEngineStarts()).toBe(before + 1);
      // A migration file edited after it was applied is the engine's call, not skipped silently.
      await handle.pglite!.query(`UPDATE _prisma_migrations SET checksum = 'x' WHERE migration_name = $1`, [folder[0]]);
      expect((await migrationState(handle)).modified).toEqual([folder[0]]);
    } finally {
      await handle.close();
    }
  });

  it("a CLI command that had to migrate leaves no timer behind once it returns", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "redline-migrate-"));
    try {
      const baseline = timers();
      const out: string[] = [];
      const ctx = { ...createCliContext({ DATABASE_URL: `pglite:${dir}/pglite`, LOG_LEVEL: "silent" }), out: (l: string) => out.push(l) };
      expect(await runCli(["ask", "KTV"], ctx)).toBe(0);
      expect(out.join("\n")).toContain("文化部门");
      expect(timers()).toBeLessThanOrEqual(baseline);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const pgTemplate = inject("postgresTemplateUrl");
describe.skipIf(!pgTemplate)("processes starting together on PostgreSQL", () => {
  const base = new URL(pgTemplate ?? "postgresql://x/x");
  const name = `redline_start_${process.pid}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  afterAll(async () => {
    if (pgTemplate) await adminSql(pgTemplate, [`DROP DATABASE IF EXISTS ${name}`]);
  });

  const startThree = () =>
    Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ["--import", "tsx", FIXTURE, url.toString()], { cwd: process.cwd(), timeout: 110_000 })),
    );

  it("three processes at once on an empty database all start; the migrations are applied once", async () => {
    await adminSql(pgTemplate!, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
    const results = await startThree();
    const folder = (await loadMigrations()).migrationDirectories.length;
    const reports = results.map((r) => JSON.parse(r.stdout.trim()) as { migrations: number; engines: number });
    expect(reports.map((r) => r.migrations)).toEqual([folder, folder, folder]);
    // At least one migrated; any that found the lock held said so and waited instead of failing with P1002.
    expect(reports.some((r) => r.engines === 1)).toBe(true);
    for (const [i, r] of results.entries()) {
      if (reports[i]!.engines === 0) expect(r.stderr === "" || r.stderr.includes("Another process is migrating")).toBe(true);
    }
  }, 120_000);

  it("a CLI command while another process migrates waits, says so where it prints, and runs once the migration is done", async () => {
    const waiting = `${name}_cli`;
    const cliUrl = new URL(base);
    cliUrl.pathname = `/${waiting}`;
    await adminSql(pgTemplate!, [`DROP DATABASE IF EXISTS ${waiting}`, `CREATE DATABASE ${waiting}`]);
    // Another process "migrating": it holds Prisma's migration lock on that server.
    const migrator = new pg.Client({ connectionString: cliUrl.toString() });
    await migrator.connect();
    try {
      await migrator.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATION_LOCK_KEY})`);
      const out: string[] = [];
      const err: string[] = [];
      const ctx = {
        ...createCliContext({ DATABASE_URL: cliUrl.toString(), LOG_LEVEL: "silent" }),
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
      };
      const running = runCli(["ask", "KTV"], ctx);
      await waitFor(() => err.some((l) => l.includes("Another process is migrating")), "the wait message", 60_000);
      expect(out).toEqual([]);
      await migrator.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATION_LOCK_KEY})`);
      expect(await running).toBe(0);
      expect(out.join("\n")).toContain("文化部门");
      expect(err).toEqual(["另一进程正在迁移数据库，等待其完成… / Another process is migrating the database; waiting for it to finish…"]);
    } finally {
      await migrator.end();
      await adminSql(pgTemplate!, [`DROP DATABASE IF EXISTS ${waiting} WITH (FORCE)`]);
    }
  }, 120_000);

  it("three processes at once on a migrated database start without loading the schema engine", async () => {
    const results = await startThree();
    const reports = results.map((r) => JSON.parse(r.stdout.trim()) as { migrations: number; engines: number });
    expect(reports.map((r) => r.engines)).toEqual([0, 0, 0]);
  }, 120_000);
});
