import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { allClosed } from "../domain/accountability/follow-up.ts";
import { followUpName, type FollowUpItemId } from "../domain/accountability/categories.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";

export interface CloseFollowUpInput {
  accidentId: string;
  item: FollowUpItemId;
  note: string;
  evidence: string;
}

export type CloseFollowUpResult =
  | { closed: true; accidentClosed: boolean; openItems: FollowUpItemId[] }
  | { closed: false; closedBy: string | null; closedAt: Date | null };

/**
 * Closes one 四不放过 item with the office's note and evidence. The update only takes an open item, so two people
 * closing it at once close it once, and the first note stands. The accident closes in the same transaction when
 * this was the last open item.
 */
export async function closeFollowUp(db: Db, input: CloseFollowUpInput, opts: { actor: string; now: Date }): Promise<CloseFollowUpResult> {
  const note = input.note.trim();
  const evidence = input.evidence.trim();
  if (!note || !evidence)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `落实「${followUpName(input.item, "zh")}」须写明情况说明和证据（文号或链接），未作更改。`,
      en: `Closing "${followUpName(input.item, "en")}" needs a note and evidence (a document number or link); nothing was changed.`,
    });
  const accident = await db.accident.findUnique({ where: { id: input.accidentId }, select: { id: true, departmentId: true } });
  if (!accident) throw new AppError(ErrorCode.NotFound, { zh: `找不到事故 ${input.accidentId}。`, en: `No accident ${input.accidentId}.` });
  return db.$transaction(async (tx) => {
    const taken = await tx.accidentFollowUp.updateMany({
      where: { accidentId: input.accidentId, item: input.item, closedAt: null },
      data: { closedAt: opts.now, closedBy: opts.actor, note: note.slice(0, 2000), evidence: evidence.slice(0, 500) },
    });
    if (taken.count === 0) {
      const row = await tx.accidentFollowUp.findUnique({ where: { accidentId_item: { accidentId: input.accidentId, item: input.item } } });
      return { closed: false as const, closedBy: row?.closedBy ?? null, closedAt: row?.closedAt ?? null };
    }
    const items = await tx.accidentFollowUp.findMany({ where: { accidentId: input.accidentId } });
    const done = allClosed(items);
    if (done) await tx.accident.updateMany({ where: { id: input.accidentId, closedAt: null }, data: { closedAt: opts.now } });
    await recordAudit(tx, {
      actor: opts.actor,
      action: "accident.follow-up",
      outcome: "ok",
      subject: `accident:${input.accidentId}`,
      departmentId: accident.departmentId,
      detail: { item: input.item, evidence: evidence.slice(0, 300), accidentClosed: done },
      at: opts.now,
    });
    return { closed: true as const, accidentClosed: done, openItems: items.filter((i) => i.closedAt === null).map((i) => i.item as FollowUpItemId) };
  });
}
