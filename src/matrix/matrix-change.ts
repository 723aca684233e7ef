import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { MatrixChange, Prisma } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "../lib/errors.ts";

export type MatrixChangeAction = "venue-type.add" | "alias.add" | "lead.change";

export interface MatrixChangeOptions {
  /** The submission that asks for it (`slack-view:<view id>`): the same key twice changes the matrix once. */
  sourceKey: string;
  /** Slack user id of the office member. */
  actor: string;
  now: Date;
}

export interface MatrixChangeResult {
  change: MatrixChange;
  /** False when this submission had been applied already (a retry): nothing more changed. */
  created: boolean;
}

/** What one edit did, for the history: the rows it touched before and after, as plain JSON. */
export interface AppliedEdit {
  action: MatrixChangeAction;
  venueTypeId: string;
  before: Prisma.InputJsonValue | null;
  after: Prisma.InputJsonValue;
}

/**
 * Runs one office edit of the matrix in a transaction that holds the matrix's version row: edits from every process
 * queue there, so two office members adding the same alias on two replicas cannot both pass the duplicate check. The
 * history row and the audit entry are written in the same transaction; the triggers bump the version, so every replica
 * reloads the matrix on its next question.
 */
export async function applyMatrixChange(
  db: Db,
  options: MatrixChangeOptions,
  edit: (tx: Prisma.TransactionClient) => Promise<AppliedEdit>,
): Promise<MatrixChangeResult> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "version" FROM "MatrixVersion" WHERE "id" = 1 FOR UPDATE`;
      const done = await tx.matrixChange.findUnique({ where: { sourceKey: options.sourceKey } });
      if (done) return { change: done, created: false };
      const applied = await edit(tx);
      const change = await tx.matrixChange.create({
        data: {
          sourceKey: options.sourceKey,
          at: options.now,
          actor: options.actor,
          action: applied.action,
          venueTypeId: applied.venueTypeId,
          before: applied.before ?? undefined,
          after: applied.after,
        },
      });
      await recordAudit(tx, {
        actor: options.actor,
        action: `matrix.${applied.action}`,
        outcome: "ok",
        subject: `venue-type:${applied.venueTypeId}`,
        detail: { change: change.id },
        at: options.now,
      });
      return { change, created: true };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const done = await db.matrixChange.findUnique({ where: { sourceKey: options.sourceKey } });
    if (done) return { change: done, created: false };
    throw e;
  }
}

/** The venue types' names and aliases as the duplicate check needs them, read inside the edit's transaction. */
export function matrixNames(tx: Prisma.TransactionClient) {
  return tx.venueType.findMany({ select: { id: true, nameZh: true, nameEn: true, aliases: true } });
}
