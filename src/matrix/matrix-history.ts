import type { Db } from "../db/client.ts";
import type { MatrixChange } from "../generated/prisma/client.ts";

export const MATRIX_HISTORY_PAGE = 10;

export interface MatrixHistoryPage {
  changes: MatrixChange[];
  /** The cursor of the next, older page; null on the last page. */
  older: number | null;
}

/** The office's changes to the matrix, newest first, a page at a time (`before`: ids older than this). */
export async function readMatrixHistory(db: Db, before?: number): Promise<MatrixHistoryPage> {
  const rows = await db.matrixChange.findMany({
    where: before !== undefined ? { id: { lt: before } } : {},
    orderBy: { id: "desc" },
    take: MATRIX_HISTORY_PAGE + 1,
  });
  const changes = rows.slice(0, MATRIX_HISTORY_PAGE);
  return { changes, older: rows.length > MATRIX_HISTORY_PAGE ? changes.at(-1)!.id : null };
}
