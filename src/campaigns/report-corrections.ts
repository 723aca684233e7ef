import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { Person } from "../delivery/people.ts";
import { readReport, sameReport } from "../domain/campaigns/report-correction.ts";
import type { ReportData } from "../domain/campaigns/completion-data.ts";
import type { CompletionRecord } from "../domain/campaigns/types.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { TaskContext } from "./completions.ts";
import { toCompletionRecord } from "./load-boards.ts";

export type CorrectionResult =
  /** Saved as revision `revision` (or, for a retried request, found already saved). */
  | { corrected: true; revision: number; completion: CompletionRecord; repeated: boolean }
  /** The form says what the report already says: nothing saved. */
  | { corrected: false; reason: "unchanged"; completion: CompletionRecord }
  /** Someone corrected it after this form was opened: nothing saved, their version stands. */
  | { corrected: false; reason: "stale"; completion: CompletionRecord; revision: number };

/**
 * Replaces a submitted report with a correction, keeping the version it replaces (who wrote it, when, its answers)
 * as a CompletionRevision row. Conditional on the revision the form was opened on, so two corrections from forms
 * opened on the same version save one (the other is told whose stands), and Slack's retry of the same submission is
 * recognised and saves nothing more. Audited in the same transaction.
 */
export async function recordCorrection(
  db: Db,
  ctx: TaskContext,
  input: { actor: Person; data: ReportData; shownRevision: number; now: Date },
): Promise<CorrectionResult> {
  const { actor, data, shownRevision, now } = input;
  const where = { taskId_departmentId: { taskId: ctx.taskRow.id, departmentId: ctx.department.id } };
  const record = (row: Prisma.CompletionGetPayload<object>) => toCompletionRecord({ ...row, task: { key: ctx.taskRow.key } });
  return db.$transaction(async (tx) => {
    // Hold the report's row first: a second submission (Slack's retry, a double click, another replica) waits here and
    // then reads the version the first one wrote, instead of racing it between the read and the update.
    await tx.$queryRaw`SELECT 1 FROM "Completion" WHERE "taskId" = ${ctx.taskRow.id} AND "departmentId" = ${ctx.department.id} FOR UPDATE`;
    const row = await tx.completion.findUnique({ where });
    if (!row) {
      throw new AppError(ErrorCode.NotFound, {
        zh: `${ctx.department.nameZh}还没有提交“${ctx.task.title.zh}”，没有可更正的报告。`,
        en: `${ctx.department.nameEn} has not submitted “${ctx.task.title.en}” yet; there is nothing to correct.`,
      });
    }
    // Moved on since the form opened: this very correction (Slack's retry, a double click), or someone else's.
    const movedOn = (current: typeof row): CorrectionResult => {
      const retried =
        current.revision === shownRevision + 1 && current.correctedBy === actor.slackUserId && sameReport(readReport(current.data), data);
      if (retried) return { corrected: true, revision: current.revision, completion: record(current), repeated: true };
      return { corrected: false, reason: "stale", completion: record(current), revision: current.revision };
    };
    if (row.revision !== shownRevision) return movedOn(row);
    if (sameReport(readReport(row.data), data)) return { corrected: false, reason: "unchanged", completion: record(row) };
    const updated = await tx.completion.updateMany({
      where: { id: row.id, revision: shownRevision },
      data: {
        data: { ...data },
        revision: shownRevision + 1,
        correctedAt: now,
        correctedBy: actor.slackUserId,
        correctedName: actor.name,
      },
    });
    // Another transaction got there between our read and our update (it held the row; we waited, then saw it moved).
    if (updated.count === 0) return movedOn(await tx.completion.findUniqueOrThrow({ where }));
    await tx.completionRevision.create({
      data: {
        completionId: row.id,
        revision: shownRevision,
        data: row.data === null ? Prisma.DbNull : (row.data as Prisma.InputJsonValue),
        slackUserId: row.revision === 0 ? row.slackUserId : (row.correctedBy ?? row.slackUserId),
        userName: row.revision === 0 ? row.userName : (row.correctedName ?? row.userName),
        writtenAt: row.revision === 0 ? row.createdAt : (row.correctedAt ?? row.createdAt),
        replacedAt: now,
      },
    });
    await recordAudit(tx, {
      actor: actor.slackUserId,
      action: "campaign.report_correct",
      outcome: "ok",
      subject: `campaign:${ctx.campaign.id}`,
      departmentId: ctx.department.id,
      detail: { task: ctx.task.key, revision: shownRevision + 1 },
      at: now,
    });
    const saved = await tx.completion.findUniqueOrThrow({ where });
    return { corrected: true, revision: saved.revision, completion: record(saved), repeated: false };
  });
}

/** One version of a report: the first submission (revision 0) or a correction. */
export interface ReportVersion {
  revision: number;
  data: ReportData | null;
  slackUserId: string;
  userName: string;
  writtenAt: Date;
}

export interface ReportHistory {
  departmentId: string;
  departmentName: { zh: string; en: string };
  taskKey: string;
  taskTitle: { zh: string; en: string };
  /** Oldest first; the last is the report as it stands. */
  versions: ReportVersion[];
}

/** Every corrected report of a campaign (of one department, if given), in directory and task order, oldest version first. */
export async function loadReportHistory(db: Db, campaignId: string, departmentId?: string): Promise<ReportHistory[]> {
  const rows = await db.completion.findMany({
    where: { revision: { gt: 0 }, task: { campaignId, kind: "report" }, ...(departmentId ? { departmentId } : {}) },
    include: { task: true, revisions: { orderBy: { revision: "asc" } } },
  });
  const departments = await db.department.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.departmentId))] } },
    orderBy: [{ kind: "asc" }, { id: "asc" }],
  });
  const rank = new Map(departments.map((d, i) => [d.id, i]));
  const byId = new Map(departments.map((d) => [d.id, d]));
  return rows
    .sort(
      (a, b) => (rank.get(a.departmentId) ?? 0) - (rank.get(b.departmentId) ?? 0) || a.task.opensAt.getTime() - b.task.opensAt.getTime(),
    )
    .map((row) => {
      const d = byId.get(row.departmentId);
      return {
        departmentId: row.departmentId,
        departmentName: { zh: d?.nameZh ?? row.departmentId, en: d?.nameEn ?? row.departmentId },
        taskKey: row.task.key,
        taskTitle: { zh: row.task.titleZh, en: row.task.titleEn },
        versions: [
          ...row.revisions.map((r) => ({
            revision: r.revision,
            data: readReport(r.data),
            slackUserId: r.slackUserId,
            userName: r.userName,
            writtenAt: r.writtenAt,
          })),
          {
            revision: row.revision,
            data: readReport(row.data),
            slackUserId: row.correctedBy ?? row.slackUserId,
            userName: row.correctedName ?? row.userName,
            writtenAt: row.correctedAt ?? row.createdAt,
          },
        ],
      };
    });
}
