import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { seedDefaults } from "../../src/directory/seed-defaults.ts";
import { adminSql, PG_TEMPLATE_DB } from "./pg-admin.ts";

export type DbKind = "embedded" | "postgres";

/** The database kinds this run covers: always embedded, plus PostgreSQL when TEST_DATABASE_URL is set. */
export function dbKinds(): DbKind[] {
  return inject("postgresTemplateUrl") ? ["embedded", "postgres"] : ["embedded"];
}

/**
 * A fresh, migrated database of the given kind for one test file (closed after the file), seeded with
 * the speech's directory and matrix unless `seed: false`.
 */
export async function openTestDatabase(kind: DbKind = "embedded", options: { seed?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (kind === "embedded") {
    const dump = await readFile(inject("pgliteTemplate"));
    const pglite = new PGlite({ loadDataDir: new Blob([dump]) });
    db = await openDatabase("pglite:memory://", { pglite });
  } else {
    const template = inject("postgresTemplateUrl");
    if (!template) throw new Error("TEST_DATABASE_URL is not set");
    const name = `redline_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminSql(template, [`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`]);
    const url = new URL(template);
    url.pathname = `/${name}`;
    const opened = await openDatabase(url.toString());
    db = {
      ...opened,
      async close() {
        await opened.close();
        await adminSql(template, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      },
    };
  }
  if (options.seed !== false) await seedDefaults(db.prisma);
  return db;
}

/** Empties every table (keeps the schema), then seeds again: for suites that want a clean slate per test. */
export async function resetDatabase(db: Database, options: { seed?: boolean } = {}): Promise<void> {
  const tables = await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length) await db.prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
  if (options.seed !== false) await seedDefaults(db.prisma);
}

/** Opens a database for the whole file and closes it afterwards. */
export function useTestDatabase(kind: DbKind = "embedded", options: { seed?: boolean } = {}): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind, options);
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("test database is not open yet: use it inside a test or a later hook");
    return db;
  };
}
