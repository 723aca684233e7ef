import type { Db } from "../db/client.ts";
import type { AuditFilter } from "../domain/audit/audit-filter.ts";
import type { AuditEntry, Prisma } from "../generated/prisma/client.ts";

/** A text filter with a trailing `*` matches by prefix; otherwise exactly. */
function textMatch(value: string): Prisma.StringFilter {
  return value.endsWith("*") ? { startsWith: value.slice(0, -1) } : { equals: value };
}

function whereOf(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  return {
    ...(filter.since || filter.until
      ? { at: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } }
      : {}),
    ...(filter.actor ? { actor: textMatch(filter.actor) } : {}),
    ...(filter.actionPrefix ? { action: { startsWith: filter.actionPrefix } } : {}),
    ...(filter.subject ? { subject: textMatch(filter.subject) } : {}),
    ...(filter.departmentId ? { departmentId: filter.departmentId } : {}),
  };
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  older: bigint | null;
}

/** One page of the log, newest first (in the order entries were written), older than `before` when given. */
export async function readAuditPage(db: Db, filter: AuditFilter, page: { limit: number; before?: bigint }): Promise<AuditPage> {
  const rows = await db.auditEntry.findMany({
    where: { ...whereOf(filter), ...(page.before !== undefined ? { id: { lt: page.before } } : {}) },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const entries = rows.slice(0, page.limit);
  return { entries, older: rows.length > page.limit ? entries.at(-1)!.id : null };
}

/** Every matching entry, oldest first, read in batches so an export of a year holds one batch in memory at a time. */
export async function* readAuditLog(db: Db, filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditEntry[]> {
  let after: bigint | undefined;
  for (;;) {
    const batch = await db.auditEntry.findMany({
      where: { ...whereOf(filter), ...(after !== undefined ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    after = batch.at(-1)!.id;
  }
}
