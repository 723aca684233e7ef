import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import { DaySchema } from "../domain/calendar/working-days.ts";
import type { HazardEvent, SafetyInterview } from "../generated/prisma/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";

export const ZInterviewInput = z.strictObject({
  departmentId: z.string().min(1),
  onDay: DaySchema,
  summoned: z.string().trim().min(1, "请写明被约谈人 / name who was summoned").max(200, "被约谈人最多 200 字 / at most 200 characters"),
  note: z.string().trim().max(2000, "备注最多 2000 字 / the note is at most 2000 characters").nullish(),
  /** YH-2026-0001: the hazard the 约谈 was about (it then appears in that hazard's history). */
  hazardNumber: z.string().trim().nullish(),
});
export type InterviewInput = z.input<typeof ZInterviewInput>;

export interface RecordedInterview {
  interview: SafetyInterview;
  /** The hazard's history entry, when the 约谈 was about a hazard. */
  event: HazardEvent | null;
  /** False when the same 约谈 (unit, day, who) was already recorded: nothing new was written. */
  created: boolean;
}

const invalid = (zh: string, en: string) => new AppError(ErrorCode.InputInvalid, { zh, en });

/**
 * The office records a 约谈 (safety interview) against a unit: the day, who was summoned, a note, optionally the hazard
 * it was about. The caller checks who may: office staff over Slack (`requireOffice`), the operator's shell for the CLI.
 * `by` is the Slack user or `cli:<user>`. One transaction writes the interview, the hazard's
 * history entry and the audit entry; the same 约谈 entered again (unit, day, who) is recorded once.
 */
export async function recordInterview(db: Db, input: InterviewInput, by: string, now: Date): Promise<RecordedInterview> {
  const parsed = ZInterviewInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [zh, en] = issue.message.includes(" / ") ? issue.message.split(" / ") : [issue.message, issue.message];
    throw invalid(`约谈记录有误：${zh}`, `The interview record is wrong: ${en}`);
  }
  const i = parsed.data;
  const unit = await db.department.findUnique({ where: { id: i.departmentId } });
  if (!unit) throw invalid(`名录中没有单位“${i.departmentId}”。`, `No unit "${i.departmentId}" in the directory.`);
  const hazard = i.hazardNumber ? await db.hazard.findUnique({ where: { number: i.hazardNumber.toUpperCase() } }) : null;
  if (i.hazardNumber && !hazard) throw invalid(`台账中没有隐患 ${i.hazardNumber}。`, `No hazard ${i.hazardNumber} in the ledger.`);
  if (hazard && hazard.unitId !== unit.id)
    throw invalid(
      `隐患 ${hazard.number} 不属于${unit.nameZh}，不能记在该单位的约谈下。`,
      `Hazard ${hazard.number} does not belong to ${unit.nameEn}, so it cannot be recorded with this interview.`,
    );
  const key = { departmentId: unit.id, onDay: i.onDay, summoned: i.summoned };
  const existing = async (): Promise<RecordedInterview | null> => {
    const row = await db.safetyInterview.findUnique({ where: { departmentId_onDay_summoned: key } });
    if (!row) return null;
    const event = row.hazardId
      ? await db.hazardEvent.findFirst({ where: { hazardId: row.hazardId, action: "interview", detail: { path: ["interviewId"], equals: row.id } } })
      : null;
    return { interview: row, event, created: false };
  };
  const already = await existing();
  if (already) return already;
  try {
    return await db.$transaction(async (tx) => {
      const interview = await tx.safetyInterview.create({
        data: { ...key, hazardId: hazard?.id ?? null, note: i.note || null, recordedBySlackUser: by, createdAt: now },
      });
      const event = hazard
        ? await tx.hazardEvent.create({
            data: {
              hazardId: hazard.id,
              at: now,
              actorSlackUserId: by,
              action: "interview",
              fromState: hazard.state,
              toState: hazard.state,
              note: `${i.onDay} 约谈 ${i.summoned}${i.note ? `：${i.note}` : ""}`,
              detail: { interviewId: interview.id, onDay: i.onDay, summoned: i.summoned },
            },
          })
        : null;
      await recordAudit(tx, {
        actor: by,
        action: "hazard.interview",
        outcome: "ok",
        subject: hazard ? `hazard:${hazard.number}` : `department:${unit.id}`,
        departmentId: unit.id,
        detail: { interview: interview.id, onDay: i.onDay },
        at: now,
      });
      return { interview, event, created: true };
    });
  } catch (e) {
    // Two offices entering the same 约谈 at once: the unique key keeps one.
    if (isUniqueViolation(e)) {
      const row = await existing();
      if (row) return row;
    }
    throw e;
  }
}

/** One recorded 约谈 as the unit's record lists it. */
export interface InterviewRow {
  id: number;
  onDay: string;
  unit: { id: string; nameZh: string; nameEn: string };
  summoned: string;
  note: string | null;
  hazardNumber: string | null;
}

/** The 约谈 recorded against these units (all when omitted) on or after `sinceDay`, newest first. */
export async function listInterviews(db: Db, query: { departmentIds?: readonly string[]; sinceDay?: string } = {}): Promise<InterviewRow[]> {
  const rows = await db.safetyInterview.findMany({
    where: {
      ...(query.departmentIds ? { departmentId: { in: [...query.departmentIds] } } : {}),
      ...(query.sinceDay ? { onDay: { gte: query.sinceDay } } : {}),
    },
    orderBy: [{ onDay: "desc" }, { id: "desc" }],
  });
  if (rows.length === 0) return [];
  const [units, hazards] = await Promise.all([
    db.department.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.departmentId))] } }, select: { id: true, nameZh: true, nameEn: true } }),
    db.hazard.findMany({ where: { id: { in: rows.flatMap((r) => (r.hazardId ? [r.hazardId] : [])) } }, select: { id: true, number: true } }),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const numberOf = new Map(hazards.map((h) => [h.id, h.number]));
  return rows.map((r) => ({
    id: r.id,
    onDay: r.onDay,
    unit: unitOf.get(r.departmentId) ?? { id: r.departmentId, nameZh: r.departmentId, nameEn: r.departmentId },
    summoned: r.summoned,
    note: r.note,
    hazardNumber: r.hazardId ? (numberOf.get(r.hazardId) ?? null) : null,
  }));
}
