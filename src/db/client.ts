import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "../generated/prisma/client.ts";
import { createAdapter, DEFAULT_DATABASE_URL } from "./adapters.ts";
import type { Listen } from "./listen.ts";
import type { DataLock, LockRole } from "./data-lock.ts";
import { applyPendingMigrations } from "./migrations.ts";

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  url: string;
  /** `LISTEN` on a channel of this database (notifications from every process that writes to it). */
  listen: Listen;
  /** The embedded folder's lock this process holds (none for PostgreSQL or in-memory databases). */
  lock?: DataLock;
  close(): Promise<void>;
}

/**
 * The one way to open the database: the same code for embedded PGlite (default) and a PostgreSQL
 * server. `migrate` applies pending committed migrations first, as `npm start` does.
 */
export async function openDatabase(
  url: string = DEFAULT_DATABASE_URL,
  options: { migrate?: boolean; pglite?: PGlite; onMigrationWait?: (line: string) => void; role?: LockRole } = {},
): Promise<Database> {
  const handle = await createAdapter(url, { pglite: options.pglite, role: options.role, onLockWait: options.onMigrationWait });
  try {
    if (options.migrate) await applyPendingMigrations(handle, { onWait: options.onMigrationWait });
  } catch (e) {
    await handle.close();
    throw e;
  }
  const prisma = new PrismaClient({ adapter: handle.factory });
  return {
    prisma,
    url,
    listen: handle.listen,
    lock: handle.lock,
    async close() {
      try {
        await prisma.$disconnect();
      } finally {
        await handle.close();
      }
    },
  };
}
