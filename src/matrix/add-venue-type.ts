import type { Db } from "../db/client.ts";
import { checkNamesFree, venueTypeIdFor } from "../domain/matrix/matrix-edits.ts";
import { applyMatrixChange, matrixNames, type MatrixChangeOptions, type MatrixChangeResult } from "./matrix-change.ts";
import { checkLeadDepartment, entryJson, officeEntryFields, type TVenueTypeInput } from "./matrix-edit-input.ts";

/**
 * A venue type the speech does not name, added by the office with its lead and source. Its names and aliases must be
 * free (a name another venue type answers to is refused, naming that one) and its lead a department in the directory.
 */
export async function addVenueType(db: Db, input: TVenueTypeInput, options: MatrixChangeOptions): Promise<MatrixChangeResult> {
  return applyMatrixChange(db, options, async (tx) => {
    const existing = await matrixNames(tx);
    checkNamesFree([input.nameZh, input.nameEn, ...input.aliases], existing);
    await checkLeadDepartment(tx, input.lead.departmentId);
    const id = venueTypeIdFor(input.nameEn, new Set(existing.map((v) => v.id)));
    const entry = officeEntryFields(input.lead, options.actor, options.now);
    await tx.venueType.create({
      data: {
        id,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        category: input.category,
        aliases: input.aliases,
        entries: { create: [entry] },
      },
    });
    return {
      action: "venue-type.add",
      venueTypeId: id,
      before: null,
      after: {
        id,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        category: input.category,
        aliases: input.aliases,
        leads: [entryJson(entry)],
      },
    };
  });
}
