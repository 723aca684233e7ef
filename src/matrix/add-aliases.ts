import type { Db } from "../db/client.ts";
import { checkNamesFree, nameOwner } from "../domain/matrix/matrix-edits.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { applyMatrixChange, matrixNames, type MatrixChangeOptions, type MatrixChangeResult } from "./matrix-change.ts";

/** Names people use for a venue type, added to it; one another venue type already answers to is refused, naming it. */
export async function addAliases(
  db: Db,
  input: { venueTypeId: string; aliases: string[] },
  options: MatrixChangeOptions,
): Promise<MatrixChangeResult> {
  return applyMatrixChange(db, options, async (tx) => {
    const existing = await matrixNames(tx);
    const venueType = existing.find((v) => v.id === input.venueTypeId);
    if (!venueType)
      throw new AppError(ErrorCode.NotFound, {
        zh: `责任矩阵中已没有这类场所（${input.venueTypeId}），未保存。`,
        en: `The matrix no longer has this venue type (${input.venueTypeId}); nothing was saved.`,
      });
    checkNamesFree(input.aliases, existing, venueType.id);
    const added = input.aliases.filter((a) => !nameOwner(a, [venueType]));
    if (!added.length)
      throw new AppError(ErrorCode.InputInvalid, {
        zh: `这些别名“${venueType.nameZh}”已经有了，未作更改。`,
        en: `"${venueType.nameEn}" already has these aliases; nothing changed.`,
      });
    const aliases = [...venueType.aliases, ...added];
    await tx.venueType.update({ where: { id: venueType.id }, data: { aliases } });
    return { action: "alias.add", venueTypeId: venueType.id, before: { aliases: venueType.aliases }, after: { aliases, added } };
  });
}
