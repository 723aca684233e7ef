import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { acquireDataLockWaiting, type DataLock, type LockRole } from "./data-lock.ts";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { pgListen, pgliteListen, type Listen } from "./listen.ts";
import { pgliteStartParams } from "./pglite-settings.ts";

/** Embedded default: a PGlite (WebAssembly PostgreSQL) data folder, no server needed. */
export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite";

export interface AdapterHandle {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Closes what the adapter opened (PGlite must be closed or the process may hang). */
  close: () => Promise<void>;
  /** The embedded database, when there is one (tests dump and clone it). */
  pglite?: PGlite;
  /** `LISTEN` on a channel (its own connection on PostgreSQL). */
  listen: Listen;
  /** The embedded data folder's lock, held from open to close (none for PostgreSQL or in-memory). */
  lock?: DataLock;
}

export interface AdapterOptions {
  /** An already open PGlite (tests); no folder is opened, so no lock is taken. */
  pglite?: PGlite;
  /** Who opens an embedded folder, written into its lock (default: cli). */
  role?: LockRole;
  /** Told once while another redline command holds the folder and this open waits for it. */
  onLockWait?: (line: string) => void;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * postgres:// | postgresql:// → a PostgreSQL server through @prisma/adapter-pg.
 * pglite:<dir> | pglite:memory:// → embedded PGlite through pglite-prisma-adapter. A folder is locked first
 * (`<dir>/redline.lock`): a second process is refused with `database_busy` before anything is opened.
 */
export async function createAdapter(url: string, options: AdapterOptions = {}): Promise<AdapterHandle> {
  if (isPostgresUrl(url)) return createPgAdapter(url);
  if (url.startsWith("pglite:")) {
    let pglite = options.pglite;
    let lock: DataLock | undefined;
    if (!pglite) {
      const dataDir = url.slice("pglite:".length);
      if (!dataDir.includes("://")) {
        mkdirSync(dataDir, { recursive: true });
        lock = await acquireDataLockWaiting(dataDir, options.role ?? "cli", { onWait: options.onLockWait });
      }
      try {
        const { PGlite } = await import("@electric-sql/pglite");
        pglite = new PGlite(dataDir, { startParams: pgliteStartParams(PGlite) });
      } catch (e) {
        lock?.release();
        throw e;
      }
    }
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const db = pglite;
    const close = async () => {
      try {
        await db.close();
      } finally {
        // Only once PGlite has flushed and let go may the next process open the folder.
        lock?.release();
      }
    };
    return { factory: withPgliteFixes(new PrismaPGlite(db)), close, pglite: db, lock, listen: pgliteListen(db) };
  }
  throw new Error(`unsupported database URL (expected postgres://…, postgresql://… or pglite:<folder>)`);
}

async function createPgAdapter(url: string): Promise<AdapterHandle> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { parseIntoClientConfig } = await import("pg-connection-string");
  // Discrete settings, not { connectionString }: adapter-pg 7.10 builds the shadow database pool as
  // { ...config, database: shadow } and a connectionString would win, pointing it at the main database.
  const config = parseIntoClientConfig(url);
  const pg = new PrismaPg(config);
  // Each connect() opens a pool; close() ends those still open, so nothing keeps a socket (and the process) alive.
  const open = new Set<SqlDriverAdapter>();
  const tracked = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
    };
    return adapter;
  };
  return {
    factory: {
      provider: pg.provider,
      adapterName: pg.adapterName,
      connect: async () => tracked(wholeScripts(patchPgCatalogTypes(await pg.connect()))),
      // adapter-pg 7.10 drops the shadow database before closing its pool and leaks it; close first.
      async connectToShadowDb() {
        const admin = await pg.connect();
        const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
        await admin.executeScript(`CREATE DATABASE "${name}"`);
        const shadow = wholeScripts(patchPgCatalogTypes(await new PrismaPg({ ...config, database: name }).connect()));
        const dispose = shadow.dispose.bind(shadow);
        shadow.dispose = async () => {
          await dispose();
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
          await admin.dispose();
        };
        return shadow;
      },
    },
    close: async () => {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
    listen: pgListen(config),
  };
}

/**
 * pglite-prisma-adapter 0.7.2 prepares every parameterless statement, so the schema engine's
 * multi-statement migration scripts fail ("cannot insert multiple commands into a prepared
 * statement"); route them through PGlite.exec(). Its executeScript() also forgets to await.
 */
function withPgliteFixes(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const fix = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const a = adapter as SqlDriverAdapter & {
      client: { exec(sql: string): Promise<Array<{ affectedRows?: number }>> };
      onError(e: unknown): never;
    };
    const executeRaw = a.executeRaw.bind(a);
    a.executeRaw = async (query: SqlQuery) => {
      if (query.args.length > 0) return executeRaw(query);
      try {
        const results = await a.client.exec(query.sql);
        return results.at(-1)?.affectedRows ?? 0;
      } catch (e) {
        return a.onError(e);
      }
    };
    a.executeScript = async (script: string) => {
      try {
        await a.client.exec(script);
      } catch (e) {
        a.onError(e);
      }
    };
    return a;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fix(await factory.connect()),
    connectToShadowDb: async () => fix(await factory.connectToShadowDb()),
  };
}

/**
 * adapter-pg 7.10 splits a migration script on every ";" — inside a function body ($$ … $$) too — and runs the
 * pieces one by one. Sent whole, without parameters, node-postgres uses the simple query protocol, which runs
 * several statements in one go.
 */
function wholeScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const a = adapter as T & { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

/**
 * adapter-pg 7.10 cannot decode the catalog type "char" (OID 18) that the schema engine reads when
 * it describes a schema; node-postgres already returns it as a string, so report it as text.
 */
function patchPgCatalogTypes<T extends object>(adapter: T): T {
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.performIO.__catalogTypesPatched) return adapter;
  const performIO = proto.performIO;
  const patched = async function (this: unknown, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    return result;
  };
  patched.__catalogTypesPatched = true;
  proto.performIO = patched;
  return adapter;
}
