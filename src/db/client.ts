import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "../generated/prisma/client.ts";
import { createAdapter, DEFAULT_DATABASE_URL } from "./adapters.ts";
import type { Listen } from "./listen.ts";
import { applyPendingMigrations } from "./migrations.ts";

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  url: string;
  /** `LISTEN` on a channel of this database (notifications from every process that writes to it). */
  listen: Listen;
  close(): Promise<void>;
}

/**
 * The one way to open the database: the same code for embedded PGlite (default) and a PostgreSQL
 * server. `migrate` applies pending committed migrations first, as `npm start` does.
 */
export async function openDatabase(
  url: string = DEFAULT_DATABASE_URL,
  options: { migrate?: boolean; pglite?: PGlite; onMigrationWait?: (line: string) => void } = {},
): Promise<Database> {
  const handle = await createAdapter(url, { pglite: options.pglite });
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
    async close() {
      await prisma.$disconnect();
      await handle.close();
    },
  };
}
