import type { Db } from "../../src/db/client.ts";

/** Rows per table (every table but Prisma's own): what a request that must change nothing is checked against. */
export async function tableCounts(db: Db, tables?: readonly string[]): Promise<Record<string, number>> {
  const names =
    tables ??
    (
      await db.$queryRawUnsafe<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
      )
    ).map((t) => t.tablename);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}
