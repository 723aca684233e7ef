import type { Db } from "../db/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { applyMatrixChange, type MatrixChangeOptions, type MatrixChangeResult } from "./matrix-change.ts";
import { checkLeadDepartment, entryJson, officeEntryFields, type TLeadInput } from "./matrix-edit-input.ts";

export interface ChangeLeadInput {
  venueTypeId: string;
  /** The entry to change; null gives a lead to a venue type that has none (油气管道). */
  entryId: number | null;
  /** The entry as the form showed it (`entryJson`), so a change made meanwhile by someone else is not overwritten. */
  seen: unknown;
  lead: TLeadInput;
}

const STALE = {
  zh: "这一条在您打开表单后已被修改，未保存。请重新输入 /redline 矩阵 修改 查看最新内容。",
  en: "This lead was changed after you opened the form; nothing was saved. Run /redline matrix edit again to see it as it is now.",
};

/**
 * Changes who leads a venue type, with the office's source (document and/or clause), or gives a lead to a venue type
 * the speech left without one. Only a department in the directory can lead, and only if nobody changed the row since
 * the form was opened.
 */
export async function changeLead(db: Db, input: ChangeLeadInput, options: MatrixChangeOptions): Promise<MatrixChangeResult> {
  try {
    return await applyMatrixChange(db, options, async (tx) => {
      const venueType = await tx.venueType.findUnique({
        where: { id: input.venueTypeId },
        include: { entries: { orderBy: { id: "asc" } } },
      });
      if (!venueType)
        throw new AppError(ErrorCode.NotFound, {
          zh: `责任矩阵中已没有这类场所（${input.venueTypeId}），未保存。`,
          en: `The matrix no longer has this venue type (${input.venueTypeId}); nothing was saved.`,
        });
      await checkLeadDepartment(tx, input.lead.departmentId);
      const fields = officeEntryFields(input.lead, options.actor, options.now);
      if (input.entryId === null) {
        if (venueType.entries.length > 0) throw new AppError(ErrorCode.Conflict, STALE);
        await tx.venueType.update({
          where: { id: venueType.id },
          data: { unassignedSource: null, unassignedNoteZh: null, unassignedNoteEn: null, entries: { create: [fields] } },
        });
        return {
          action: "lead.change",
          venueTypeId: venueType.id,
          before: { unassigned: venueType.unassignedSource },
          after: entryJson(fields),
        };
      }
      const entry = venueType.entries.find((e) => e.id === input.entryId);
      if (!entry || JSON.stringify(entryJson(entry)) !== JSON.stringify(input.seen)) throw new AppError(ErrorCode.Conflict, STALE);
      await tx.matrixEntry.update({ where: { id: entry.id }, data: fields });
      return { action: "lead.change", venueTypeId: venueType.id, before: entryJson(entry), after: entryJson(fields) };
    });
  } catch (e) {
    // (venue type, department) is unique: the new lead already leads another part of this place.
    if (isUniqueViolation(e) && !(await db.matrixChange.findUnique({ where: { sourceKey: options.sourceKey } })))
      throw new AppError(ErrorCode.Conflict, {
        zh: "该部门已是这类场所另一范围的牵头部门，未保存。",
        en: "That department already leads another part of this venue type; nothing was saved.",
      });
    throw e;
  }
}
