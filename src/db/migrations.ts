import { createHash } from "node:crypto";
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
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": withTrackedTimers(glue) as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return glue.SchemaEngine;
}

/**
 * The engine's runtime arms timers (10 s) through the glue's setTimeout import and leaves them pending after
 * free(), which kept every CLI command alive ~10 s. Route them through a registry so `releaseEngineTimers`
 * can clear what is left once the engine is done.
 */
const engineTimers = new Set<ReturnType<typeof setTimeout>>();

function withTrackedTimers(glue: Record<string, unknown>): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (!/^__wbg_setTimeout_/.test(name) || typeof fn !== "function") continue;
    imports[name] = (...args: unknown[]) => {
      const real = globalThis.setTimeout;
      globalThis.setTimeout = ((callback: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
        const timer: ReturnType<typeof setTimeout> = real(
          (...a: unknown[]) => {
            engineTimers.delete(timer);
            callback(...a);
          },
          ms,
          ...rest,
        );
        engineTimers.add(timer);
        return timer;
      }) as typeof setTimeout;
      try {
        return fn(...args);
      } finally {
        globalThis.setTimeout = real;
      }
    };
  }
  return imports;
}

/** Clears the timers a freed engine left armed; call only when no engine is in use. */
export function releaseEngineTimers(): number {
  const count = engineTimers.size;
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
  return count;
}

/** Engines open right now (migrate-cli and deploy); timers are released when the last one is freed. */
let enginesInUse = 0;
let engineStarts = 0;

/** How many schema engines this process has opened (0 when every start found nothing to migrate). */
export const schemaEngineStarts = (): number => engineStarts;

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
  const engine = await SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content] as [string, string]) },
    log,
    bindMigrationAwareSqlAdapterFactory(handle.factory),
  );
  enginesInUse += 1;
  engineStarts += 1;
  const free = engine.free.bind(engine);
  let freed = false;
  engine.free = () => {
    if (freed) return;
    freed = true;
    free();
    if (--enginesInUse === 0) releaseEngineTimers();
  };
  return engine;
}

/** What the migrations folder holds against what the database has recorded in `_prisma_migrations`. */
export interface MigrationState {
  /** Folder migrations the database has not finished (or has rolled back), oldest first. */
  pending: string[];
  /** Recorded migrations that failed (started, never finished, not rolled back): the engine must decide. */
  failed: string[];
  /** Applied migrations whose file changed since (checksum differs): the engine must decide. */
  modified: string[];
}

/** Prisma's migration checksum: SHA-256 of the script, hex. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script).digest("hex");
}

/** Runs one parameterless query through the adapter on a connection of its own, closed after. */
async function queryRows(handle: AdapterHandle, sql: string): Promise<unknown[][]> {
  const conn = await handle.factory.connect();
  try {
    const result = await conn.queryRaw({ sql, args: [], argTypes: [] });
    return result.rows;
  } finally {
    await conn.dispose();
  }
}

/**
 * Compares the migrations folder with `_prisma_migrations` using plain SQL — no schema engine. A database
 * without the table has every migration pending.
 */
export async function migrationState(handle: AdapterHandle): Promise<MigrationState> {
  const folder = await loadMigrations();
  const [exists] = await queryRows(handle, `SELECT to_regclass('_prisma_migrations') IS NOT NULL`);
  const recorded = exists?.[0]
    ? await queryRows(
        handle,
        `SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NOT NULL FROM _prisma_migrations`,
      )
    : [];
  const applied = new Map<string, string>();
  const failed: string[] = [];
  for (const [name, checksum, finished, rolledBack] of recorded) {
    if (rolledBack) continue;
    if (finished) applied.set(String(name), String(checksum));
    else failed.push(String(name));
  }
  const pending: string[] = [];
  const modified: string[] = [];
  for (const dir of folder.migrationDirectories) {
    const checksum = applied.get(dir.path);
    if (checksum === undefined) pending.push(dir.path);
    else if (dir.migrationFile.content.tag === "ok" && checksum !== migrationChecksum(dir.migrationFile.content.value)) {
      modified.push(dir.path);
    }
  }
  return { pending, failed: failed.filter((name) => !applied.has(name)), modified };
}

const isUpToDate = (state: MigrationState) => !state.pending.length && !state.failed.length && !state.modified.length;

/** The key the schema engine takes with pg_advisory_lock while it migrates PostgreSQL (Prisma's constant). */
export const PRISMA_MIGRATION_LOCK_KEY = 72707369;

export interface ApplyOptions {
  /** Told once when another process holds the migration lock and this one waits for it. */
  onWait?: (line: string) => void;
  /** How long to wait for another process's migration before giving up (default 10 minutes). */
  waitMs?: number;
  pollMs?: number;
}

/** Whether another session holds Prisma's migration lock (PostgreSQL only; the embedded database has one process). */
async function migrationLockHeld(handle: AdapterHandle): Promise<boolean> {
  if (handle.pglite) return false;
  const [row] = await queryRows(
    handle,
    `SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = ${PRISMA_MIGRATION_LOCK_KEY} AND objsubid = 1`,
  );
  return Number(row?.[0] ?? 0) > 0;
}

const isLockTimeout = (e: unknown) => /P1002|advisory lock|timed out/i.test(String((e as { message?: string })?.message ?? e));

/**
 * `prisma migrate deploy`, only when needed: with nothing pending the schema engine is never loaded (and no
 * migration lock is taken, so any number of processes can start together). While another process migrates,
 * this one waits — saying so once — and checks again when the lock is released.
 */
export async function applyPendingMigrations(handle: AdapterHandle, options: ApplyOptions = {}): Promise<string[]> {
  const deadline = Date.now() + (options.waitMs ?? 600_000);
  const pollMs = options.pollMs ?? 500;
  let told = false;
  for (;;) {
    if (isUpToDate(await migrationState(handle))) return [];
    if (await migrationLockHeld(handle)) {
      if (Date.now() > deadline) {
        throw new Error("another process has held the database migration lock for too long / 另一进程占用数据库迁移锁过久");
      }
      if (!told) {
        told = true;
        (options.onWait ?? ((line: string) => process.stderr.write(`${line}\n`)))(
          "另一进程正在迁移数据库，等待其完成… / Another process is migrating the database; waiting for it to finish…",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    try {
      return await runSchemaEngineDeploy(handle);
    } catch (e) {
      // Lost the race for the lock to a process that started migrating just now: wait for it instead.
      if (!handle.pglite && isLockTimeout(e) && Date.now() < deadline) continue;
      throw e;
    }
  }
}

/** The schema engine's applyMigrations, always freed afterwards. */
export async function runSchemaEngineDeploy(handle: AdapterHandle): Promise<string[]> {
  const engine = await openSchemaEngine(handle);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}
