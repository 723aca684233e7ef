import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { mayCompleteNow } from "../domain/campaigns/task-state.ts";
import { formatInstant } from "../domain/campaigns/format-local.ts";
import { mayActForDepartment, type DepartmentMembership } from "../domain/campaigns/may-act-for-department.ts";
import { maySignPledge } from "../domain/campaigns/may-sign-pledge.ts";
import { taskState, type TaskState } from "../domain/campaigns/task-state.ts";
import type { CampaignTask, CompletionRecord, TaskKind } from "../domain/campaigns/types.ts";
import type { Campaign, CampaignTarget, Department, Prisma, Task } from "../generated/prisma/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import type { Bilingual, Lang } from "../lib/i18n.ts";
import { KIND_LABELS } from "../messages/campaigns/labels.ts";
import type { CampaignTaskRef } from "../messages/campaigns/task-ref.ts";
import type { Actor, Person } from "../delivery/people.ts";
import { departmentRole, type DepartmentRole } from "../directory/membership.ts";
import { toCampaignTask, toCompletionRecord } from "./load-boards.ts";

/** Everything a click or a form needs about one department's task, read fresh from the database. */
export interface TaskContext {
  campaign: Campaign;
  taskRow: Task;
  task: CampaignTask;
  department: Department;
  target: CampaignTarget;
  /** The department's completion on file, if any (a pledge on an older text included). */
  completion: CompletionRecord | null;
  state: TaskState;
}

const staleButton = () =>
  new AppError(ErrorCode.NotFound, {
    zh: "找不到这项任务，按钮可能已失效。请在本单位频道的最新行动消息中操作，或联系安委办。",
    en: "This task no longer exists; the button may be out of date. Please use the latest campaign message in your department's channel, or contact the safety office.",
  });

export async function loadTaskContext(db: Db, ref: CampaignTaskRef, now: Date, zone: string): Promise<TaskContext> {
  const campaign = await db.campaign.findUnique({ where: { id: ref.campaignId } });
  if (!campaign) throw staleButton();
  if (campaign.status === "closed") {
    const when = campaign.closedAt ? formatInstant(campaign.closedAt, zone, "zh", now) : "";
    const whenEn = campaign.closedAt ? formatInstant(campaign.closedAt, zone, "en", now) : "";
    throw new AppError(
      ErrorCode.OutsideWindow,
      {
        zh: `“${campaign.titleZh}”已${when ? `于${when}` : ""}结束，不再接受提交。如有需要请联系安委办。`,
        en: `“${campaign.titleEn}” was closed${whenEn ? ` on ${whenEn}` : ""} and takes no more submissions. Please contact the safety office if needed.`,
      },
      { details: { campaign: campaign.id } },
    );
  }
  const [taskRow, department, target] = await Promise.all([
    db.task.findUnique({ where: { campaignId_key: { campaignId: ref.campaignId, key: ref.taskKey } } }),
    db.department.findUnique({ where: { id: ref.departmentId } }),
    db.campaignTarget.findUnique({ where: { campaignId_departmentId: { campaignId: ref.campaignId, departmentId: ref.departmentId } } }),
  ]);
  if (!taskRow || !department) throw staleButton();
  if (!target) {
    throw new AppError(
      ErrorCode.Forbidden,
      { zh: `“${campaign.titleZh}”没有发给${department.nameZh}。`, en: `“${campaign.titleEn}” was not sent to ${department.nameEn}.` },
      { details: { campaign: campaign.id, department: department.id } },
    );
  }
  const row = await db.completion.findUnique({ where: { taskId_departmentId: { taskId: taskRow.id, departmentId: department.id } } });
  const task = toCampaignTask(taskRow);
  const completion = row ? toCompletionRecord({ ...row, task: { key: taskRow.key } }) : null;
  return { campaign, taskRow, task, department, target, completion, state: taskState(task, completion ?? undefined, now, zone) };
}

/** The task the button or form was made for must be of the kind it handles; anything else is a stale or forged payload. */
export function assertKind(ctx: TaskContext, kind: TaskKind): void {
  if (ctx.task.kind !== kind) throw staleButton();
}

export function membershipFromRole(slackUserId: string, role: DepartmentRole | null): DepartmentMembership {
  return {
    headId: role === "head" ? slackUserId : null,
    liaisonIds: role === "liaison" ? [slackUserId] : [],
    channelMemberIds: role === "channel_member" ? [slackUserId] : [],
  };
}

export type ActorCheck = { ok: true } | { ok: false; code: string; message: Bilingual };

/**
 * Whether `slackUserId` may complete this task for the department, checked on the server for every click and every
 * form: a pledge only by the registered head; anything else by the department's head, liaisons or channel members.
 */
export async function checkActor(db: Db, slack: Delivery, ctx: TaskContext, slackUserId: string): Promise<ActorCheck> {
  if (ctx.task.kind === "pledge") return maySignPledge({ slackUserId }, ctx.department);
  const role = await departmentRole(db, slack, slackUserId, ctx.department.id);
  const check = mayActForDepartment({ slackUserId }, ctx.department, membershipFromRole(slackUserId, role));
  return check.ok ? { ok: true } : check;
}

export type CompletionGate =
  | { ok: true }
  | { ok: false; reason: "refused"; code: string; message: Bilingual }
  | { ok: false; reason: "done"; completion: CompletionRecord; message: Bilingual }
  | { ok: false; reason: "not_open"; code: string; message: Bilingual };

/**
 * Whether this person may complete this task for this department now, checked on the server for every button and
 * every form: they belong to the department (the registered head alone for a pledge), it is not done already,
 * and the task has opened.
 */
export async function gateCompletion(
  db: Db,
  slack: Delivery,
  ctx: TaskContext,
  slackUserId: string,
  now: Date,
  zone: string,
): Promise<CompletionGate> {
  const actor = await checkActor(db, slack, ctx, slackUserId);
  if (!actor.ok) return { ok: false, reason: "refused", code: actor.code, message: actor.message };
  if (ctx.state.state === "done" && ctx.completion) {
    return { ok: false, reason: "done", completion: ctx.completion, message: alreadyDoneMessage(ctx.task, ctx.completion, zone, now) };
  }
  const open = mayCompleteNow(ctx.task, now, zone);
  if (!open.ok) return { ok: false, reason: "not_open", code: open.code, message: open.message };
  return { ok: true };
}

export interface CompletionAttempt {
  actor: Actor;
  ctx: TaskContext;
  gate: CompletionGate;
}

/**
 * Everything a button or a form needs before it acts: who is acting (name, title, language), the task for the
 * department as it stands, that it is the kind the control is for, and whether this person may complete it now.
 */
export async function prepareCompletion(
  db: Db,
  slack: Delivery,
  args: { ref: CampaignTaskRef; kind: TaskKind; slackUserId: string; now: Date; zone: string; lang: Lang },
): Promise<CompletionAttempt> {
  const [actor, ctx] = await Promise.all([
    slack.lookUpPerson(args.slackUserId, args.lang),
    loadTaskContext(db, args.ref, args.now, args.zone),
  ]);
  assertKind(ctx, args.kind);
  return { actor, ctx, gate: await gateCompletion(db, slack, ctx, args.slackUserId, args.now, args.zone) };
}

/** "“确认收到行动通知”已由张三（科长）于5月25日 10:02完成，无需重复操作。" */
export function alreadyDoneMessage(task: CampaignTask, completion: CompletionRecord, zone: string, now: Date): Bilingual {
  const who = (lang: Lang) => {
    if (!completion.userTitle) return completion.userName;
    return lang === "zh" ? `${completion.userName}（${completion.userTitle}）` : `${completion.userName} (${completion.userTitle})`;
  };
  const at = (lang: Lang) => formatInstant(completion.completedAt, zone, lang, now);
  return {
    zh: `“${task.title.zh}”已由${who("zh")}于${at("zh")}完成（${KIND_LABELS[task.kind].zh}），无需重复操作。`,
    en: `“${task.title.en}” was already done by ${who("en")} on ${at("en")} (${KIND_LABELS[task.kind].en}); nothing more to do.`,
  };
}

export function doneMessage(task: CampaignTask, department: Pick<Department, "nameZh" | "nameEn">, late: boolean): Bilingual {
  return {
    zh: `✅ 已记录：${department.nameZh}已完成“${task.title.zh}”${late ? "（逾期完成）" : ""}。`,
    en: `✅ Recorded: ${department.nameEn} has completed “${task.title.en}”${late ? " (late)" : ""}.`,
  };
}

export interface CompletionInput {
  actor: Person;
  /** The form's answers (report, education session); none for acknowledgements and pledges. */
  data?: Prisma.InputJsonValue;
  /** Pledges: the version of the text signed. */
  pledgeVersion?: number;
  now: Date;
}

export type RecordResult = { recorded: true; completion: CompletionRecord } | { recorded: false; existing: CompletionRecord };

/**
 * Records the department's completion once: the (task, department) unique key decides between a double click, a
 * retried request or two people at once, and the loser gets the completion that stands. A pledge signed on an older
 * text is replaced by the new signature (only if it is still the one we read), the earlier one kept in `data`.
 */
export async function recordCompletion(db: Db, ctx: TaskContext, input: CompletionInput): Promise<RecordResult> {
  const fields = {
    slackUserId: input.actor.slackUserId,
    userName: input.actor.name,
    userTitle: input.actor.title,
    pledgeVersion: input.pledgeVersion ?? null,
    createdAt: input.now,
  };
  const existing = ctx.completion;
  if (existing && ctx.state.stalePledge) {
    const previous = {
      slackUserId: existing.slackUserId,
      userName: existing.userName,
      userTitle: existing.userTitle,
      pledgeVersion: existing.pledgeVersion,
      signedAt: existing.completedAt.toISOString(),
    };
    const earlier = previousSignatures(existing.data);
    const replaced = await db.completion.updateMany({
      where: {
        taskId: ctx.taskRow.id,
        departmentId: ctx.department.id,
        pledgeVersion: existing.pledgeVersion,
        createdAt: existing.completedAt,
      },
      data: { ...fields, data: { previousSignatures: [...earlier, previous] } },
    });
    if (replaced.count === 1) return { recorded: true, completion: await reload(db, ctx) };
    return { recorded: false, existing: await reload(db, ctx) };
  }
  if (existing) return { recorded: false, existing };
  try {
    const row = await db.completion.create({
      data: {
        taskId: ctx.taskRow.id,
        departmentId: ctx.department.id,
        ...fields,
        ...(input.data === undefined ? {} : { data: input.data }),
      },
    });
    return { recorded: true, completion: toCompletionRecord({ ...row, task: { key: ctx.taskRow.key } }) };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { recorded: false, existing: await reload(db, ctx) };
  }
}

async function reload(db: Db, ctx: TaskContext): Promise<CompletionRecord> {
  const row = await db.completion.findUniqueOrThrow({
    where: { taskId_departmentId: { taskId: ctx.taskRow.id, departmentId: ctx.department.id } },
  });
  return toCompletionRecord({ ...row, task: { key: ctx.taskRow.key } });
}

function previousSignatures(data: unknown): Prisma.InputJsonValue[] {
  const list = data && typeof data === "object" ? (data as { previousSignatures?: unknown }).previousSignatures : undefined;
  return Array.isArray(list) ? (list as Prisma.InputJsonValue[]) : [];
}
