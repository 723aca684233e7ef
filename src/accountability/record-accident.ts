import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { FOLLOW_UP_IDS } from "../domain/accountability/categories.ts";
import type { Accident } from "../generated/prisma/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import type { TAccidentInput } from "./accident-input.ts";

export interface RecordAccidentResult {
  accident: Accident;
  /** False when the same submission (source key) had already been recorded: nothing was added. */
  created: boolean;
}

async function checkUnits(db: Db, input: TAccidentInput): Promise<void> {
  const [unit, county] = await Promise.all([
    db.department.findUnique({ where: { id: input.departmentId }, select: { id: true } }),
    db.department.findUnique({ where: { id: input.countyId }, select: { kind: true } }),
  ]);
  if (!unit)
    throw new AppError(ErrorCode.InputInvalid, { zh: `名录中没有单位 "${input.departmentId}"，未登记。`, en: `No unit "${input.departmentId}" in the directory; nothing was recorded.` });
  if (!county || county.kind !== "county_district")
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `"${input.countyId}" 不是名录中的县（市）、区，未登记。`,
      en: `"${input.countyId}" is not a county or district in the directory; nothing was recorded.`,
    });
}

/**
 * Records an accident with its four open 四不放过 items, in one transaction with its audit entry. The number is
 * the year's next ("SG-2026-0003"); two recorders racing for it collide on the key and the loser takes the next.
 * The same source key twice (a retried form, a re-run CLI line) returns the first row.
 */
export async function recordAccident(db: Db, input: TAccidentInput, opts: { sourceKey: string; actor: string; now: Date }): Promise<RecordAccidentResult> {
  const existing = await db.accident.findUnique({ where: { sourceKey: opts.sourceKey } });
  if (existing) return { accident: existing, created: false };
  await checkUnits(db, input);
  const year = Number(input.occurredOn.slice(0, 4));
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const accident = await db.$transaction(async (tx) => {
        const count = await tx.accident.count({ where: { year } });
        const id = `SG-${year}-${String(count + 1 + attempt).padStart(4, "0")}`;
        const row = await tx.accident.create({
          data: {
            id,
            sourceKey: opts.sourceKey,
            year,
            ...input,
            recordedBy: opts.actor,
            createdAt: opts.now,
            followUps: { create: FOLLOW_UP_IDS.map((item) => ({ item })) },
          },
        });
        await recordAudit(tx, {
          actor: opts.actor,
          action: "accident.record",
          outcome: "ok",
          subject: `accident:${id}`,
          departmentId: input.departmentId,
          detail: { category: input.category, level: input.level, deaths: input.deaths, county: input.countyId },
          at: opts.now,
        });
        return row;
      });
      return { accident, created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const again = await db.accident.findUnique({ where: { sourceKey: opts.sourceKey } });
      if (again) return { accident: again, created: false };
    }
  }
  throw new AppError(ErrorCode.Conflict, { zh: "事故编号分配冲突，请重试。", en: "Could not allocate an accident number; please retry." });
}
