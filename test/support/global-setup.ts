import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createAdapter } from "../../src/db/adapters.ts";
import { applyPendingMigrations } from "../../src/db/migrations.ts";
import { adminSql, PG_TEMPLATE_DB } from "./pg-admin.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A dump of an embedded database with every migration applied; each test file loads its own copy. */
    pgliteTemplate: string;
    /** Set when the suite also runs on PostgreSQL: a migrated template database to copy per test file. */
    postgresTemplateUrl: string | null;
  }
}

/** Migrates once per run, so test files start from a copy instead of migrating again. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), "redline-test-"));
  const handle = await createAdapter("pglite:memory://");
  await applyPendingMigrations(handle);
  const dump = await handle.pglite!.dumpDataDir("none");
  await handle.close();
  const file = path.join(dir, "template.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);

  const pgUrl = process.env.TEST_DATABASE_URL || null;
  if (pgUrl) {
    await adminSql(pgUrl, [`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB}`, `CREATE DATABASE ${PG_TEMPLATE_DB}`]);
    const url = new URL(pgUrl);
    url.pathname = `/${PG_TEMPLATE_DB}`;
    const pg = await createAdapter(url.toString());
    await applyPendingMigrations(pg);
    await pg.close();
    project.provide("postgresTemplateUrl", url.toString());
  } else {
    project.provide("postgresTemplateUrl", null);
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
