import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { decideHazardAction } from "../domain/hazards/decide-action.ts";
import type { HazardActionKind, HazardFacts } from "../domain/hazards/types.ts";
import type { Hazard, HazardEvent } from "../generated/prisma/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { HazardFileInput } from "./hazard-input.ts";
import { loadHazardActor } from "./hazard-actor.ts";

export function toHazardFacts(h: Hazard): HazardFacts {
  return {
    number: h.number,
    unitId: h.unitId,
    leadDepartmentId: h.leadDepartmentId,
    routing: h.routing,
    level: h.level,
    state: h.state,
    listed: h.listed,
    deadlineDay: h.deadlineDay,
    measures: h.measures,
    responsibility: h.responsibility,
    funding: h.funding,
    contingencyPlan: h.contingencyPlan,
    responsibleSlackUserId: h.responsibleSlackUserId,
    responsibleName: h.responsibleName,
  };
}

export interface HazardActionArgs {
  hazardId: number;
  slackUserId: string;
  action: HazardActionKind;
  note?: string | null;
  files?: HazardFileInput[];
  now: Date;
}

const INPUT_REFUSALS = new Set(["reason_required", "evidence_required"]);

/**
 * One step of the loop: the rules decide (on the server, from the directory and Slack's channel membership), then a
 * conditional update on (state, version) applies it with its history entry, files and audit entry in one transaction.
 * A double press or a race between two acceptors changes the hazard once; the loser is told it has moved on.
 */
export async function applyHazardAction(
  db: Db,
  slack: Pick<Delivery, "isChannelMember">,
  args: HazardActionArgs,
): Promise<{ hazard: Hazard; event: HazardEvent }> {
  const hazard = await db.hazard.findUnique({ where: { id: args.hazardId } });
  if (!hazard) throw new AppError(ErrorCode.NotFound, { zh: "找不到这条隐患。", en: "No such hazard." });
  const actor = await loadHazardActor(db, slack, args.slackUserId, [hazard.unitId]);
  const files = args.files ?? [];
  const decision = decideHazardAction(toHazardFacts(hazard), actor, args.action, { note: args.note, fileCount: files.length });
  if (!decision.ok)
    throw new AppError(INPUT_REFUSALS.has(decision.code) ? ErrorCode.InputInvalid : ErrorCode.Forbidden, decision.message, {
      details: { refusal: decision.code, hazard: hazard.number },
    });
  const { now } = args;
  return db.$transaction(async (tx) => {
    const moved = await tx.hazard.updateMany({
      where: { id: hazard.id, state: hazard.state, version: hazard.version },
      data: {
        state: decision.to,
        listed: decision.listed,
        version: { increment: 1 },
        ...(args.action === "submit_rectification" ? { submittedAt: now } : {}),
        ...(args.action === "accept" ? { closedAt: now } : {}),
        ...(args.action === "list" ? { listedAt: now } : {}),
        ...(decision.delists ? { delistedAt: now } : {}),
      },
    });
    if (moved.count !== 1)
      throw new AppError(ErrorCode.Conflict, {
        zh: `隐患 ${hazard.number} 刚刚已被他人处理，请查看卡片上的最新状态。`,
        en: `Hazard ${hazard.number} was just changed by someone else; see the card for its current state.`,
      });
    const event = await tx.hazardEvent.create({
      data: {
        hazardId: hazard.id,
        at: now,
        actorSlackUserId: args.slackUserId,
        action: args.action === "accept" && decision.delists ? "accept" : args.action,
        fromState: decision.from,
        toState: decision.to,
        note: args.note?.trim() || null,
        detail: { as: decision.as, ...(decision.delists ? { delisted: true } : {}) },
      },
    });
    if (files.length)
      await tx.hazardFile.createMany({
        data: files.map((f) => ({
          hazardId: hazard.id,
          eventId: event.id,
          kind: args.action === "submit_rectification" ? ("after" as const) : ("other" as const),
          slackFileId: f.slackFileId,
          name: f.name ?? null,
          mimetype: f.mimetype ?? null,
          permalink: f.permalink ?? null,
          createdAt: now,
        })),
        skipDuplicates: true,
      });
    await recordAudit(tx, {
      actor: args.slackUserId,
      action: `hazard.${args.action}`,
      outcome: "ok",
      subject: `hazard:${hazard.number}`,
      departmentId: hazard.unitId,
      detail: {
        from: decision.from,
        to: decision.to,
        as: decision.as,
        files: files.length,
        ...(decision.delists ? { delisted: true } : {}),
      },
      at: now,
    });
    const updated = await tx.hazard.findUniqueOrThrow({ where: { id: hazard.id } });
    return { hazard: updated, event };
  });
}
