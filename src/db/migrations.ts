import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SE from "@prisma/schema-engine-wasm";
import type { AdapterHandle } from "./adapters.ts";

/**
 * Prisma Migrate without the native schema-engine binary (which Prisma downloads from a host an
 * intranet cannot reach): the same engine compiled to WebAssembly, driven through a driver adapter.
 * Migration folders and the _prisma_migrations table are the ones `prisma migrate` makes.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
export const LOCKFILE = "migration_lock.toml";
export const NO_FILTERS: SE.SchemaFilter = { externalTables: [], externalEnums: [] };

/** The engine reports a Rust panic through this global before throwing; keep the message for the error. */
const panicRegistry = {
  message: "",
  set_message(message: string) {
    this.message = message;
  },
};

let engineClass: Promise<typeof SE.SchemaEngine> | undefined;

/** The wasm-bindgen glue is a module singleton: instantiate the module once per process, or it corrupts. */
function loadSchemaEngineClass(): Promise<typeof SE.SchemaEngine> {
  return (engineClass ??= instantiateSchemaEngine());
}

async function instantiateSchemaEngine(): Promise<typeof SE.SchemaEngine> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
  // createRequire, not import.meta.resolve: the latter is missing under vitest's module runner.
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(pathToFileURL(gluePath).href);
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return glue.SchemaEngine;
}

export async function loadSchema(): Promise<SE.SchemasContainer> {
  return { files: [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") }] };
}

export async function loadMigrations(): Promise<SE.MigrationList> {
  const lockContent = await readFile(path.join(MIGRATIONS_DIR, LOCKFILE), "utf8").catch(() => null);
  const entries = existsSync(MIGRATIONS_DIR) ? await readdir(MIGRATIONS_DIR, { withFileTypes: true }) : [];
  const migrationDirectories: SE.MigrationDirectory[] = [];
  for (const dir of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(MIGRATIONS_DIR, dir.name, "migration.sql"), "utf8")
      .then((value): SE.JsResult<string, string> => ({ tag: "ok", value }))
      .catch((e: Error): SE.JsResult<string, string> => ({ tag: "error", value: e.message }));
    migrationDirectories.push({ path: dir.name, migrationFile: { path: "migration.sql", content } });
  }
  return { baseDir: MIGRATIONS_DIR, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: "", migrationDirectories };
}

/** Opens the Wasm schema engine on a database; free() it when done. */
export async function openSchemaEngine(handle: AdapterHandle, log: (line: string) => void = () => {}): Promise<SE.SchemaEngine> {
  const SchemaEngine = await loadSchemaEngineClass();
  const schema = await loadSchema();
  return SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content] as [string, string]) },
    log,
    bindMigrationAwareSqlAdapterFactory(handle.factory),
  );
}

/** `prisma migrate deploy`: applies the committed migrations the database does not have yet. */
export async function applyPendingMigrations(handle: AdapterHandle): Promise<string[]> {
  const engine = await openSchemaEngine(handle);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}
