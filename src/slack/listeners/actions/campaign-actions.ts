import type { AllMiddlewareArgs, App, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { types } from "@slack/bolt";
import {
  alreadyDoneMessage,
  assertKind,
  checkActor,
  doneMessage,
  loadTaskContext,
  prepareCompletion,
  recordCompletion,
  type TaskContext,
} from "../../../campaigns/completions.ts";
import { mayCorrectReport, readReport } from "../../../domain/campaigns/report-correction.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { showCompletion } from "../../../home/show-completion.ts";
import { refreshLaunchMessages } from "../../../campaigns/launch-messages.ts";
import { localDay } from "../../../domain/calendar/office-hours.ts";
import { ledgerFiguresSince } from "../../../hazards/unit-figures.ts";
import { campaignRefusalError } from "../../../domain/campaigns/campaign-refusal-error.ts";
import type { TaskKind } from "../../../domain/campaigns/types.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { buildEducationModal } from "../../../messages/campaigns/education-modal.ts";
import { CAMPAIGN_ACTIONS } from "../../../messages/campaigns/ids.ts";
import { buildLaunchModal } from "../../../messages/campaigns/launch-modal.ts";
import { TEMPLATE_LAUNCH_ACTION } from "../../../messages/campaigns/template-share-reply.ts";
import { templateChoices } from "../../../campaigns/launch.ts";
import { requireOffice } from "../../../directory/office.ts";
import { buildPledgeModal } from "../../../messages/campaigns/pledge-modal.ts";
import { buildReportModal } from "../../../messages/campaigns/report-modal.ts";
import { parseCampaignButtonValue } from "../../../messages/campaigns/task-ref.ts";
import { escapeMrkdwn, noticeBlocks } from "../../../messages/mrkdwn.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Bolt types `respond` as always there, but a click in the Home tab carries no response_url and gets none. */
const respondOf = (args: ButtonArgs): RespondFn | undefined => args.respond as RespondFn | undefined;

/**
 * Answers the person who pressed a button, privately: through response_url for a click in a message, by direct
 * message for a click in the Home tab (which has no response_url). The sentence is plain text (it names people as
 * Slack names them, and titles the office typed), escaped here.
 */
async function tell(args: ButtonArgs, deps: AppDeps, text: string): Promise<void> {
  const message = noticeBlocks(escapeMrkdwn(text));
  try {
    const respond = respondOf(args);
    if (respond) await respond({ response_type: "ephemeral", replace_original: false, ...message });
    else await deps.delivery.dm(args.body.user.id, message);
  } catch (e) {
    deps.logger.warn({ err: e, user: args.body.user.id }, "could not answer a campaign button");
  }
}

function fail(args: ButtonArgs, deps: AppDeps, e: unknown, lang: Lang, ids: Record<string, unknown>): Promise<void> {
  return replyWithError(respondOf(args), e, lang, deps, ids, { delivery: deps.delivery, userId: args.body.user.id });
}

async function modalFor(deps: AppDeps, ctx: TaskContext, now: Date, zone: string, lang: Lang): Promise<types.ModalView> {
  const ref = { campaignId: ctx.campaign.id, taskKey: ctx.task.key, departmentId: ctx.department.id };
  const common = { ref, campaign: { title: { zh: ctx.campaign.titleZh, en: ctx.campaign.titleEn } }, task: ctx.task, zone, now, lang };
  switch (ctx.task.kind) {
    case "report": {
      // The rectification report shows (and starts from) the unit's ledger since the campaign started.
      const sinceDay = localDay(ctx.campaign.launchedAt, zone);
      const ledger = (await ledgerFiguresSince(deps.db, [ctx.department.id], sinceDay)).get(ctx.department.id);
      return buildReportModal({ ...common, department: ctx.department, ledger });
    }
    case "education-session":
      return buildEducationModal({ ...common, department: ctx.department });
    case "pledge":
      return buildPledgeModal({ ...common, department: ctx.department });
    case "acknowledge":
      throw new RangeError("an acknowledgement has no form");
  }
}

/**
 * A campaign button, from a department's launch message, a reminder, a /redline status answer or the Home tab. The
 * rules run on the server for every click: the campaign is open, the person may act for the department (the head
 * alone for a pledge), the task is open and not done yet. A refusal is logged and answered privately in the person's
 * language; nothing is recorded. An acknowledgement is recorded at once; the other kinds open their form.
 */
export function campaignButton(deps: AppDeps, kind: TaskKind) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, client } = args;
    await ack();
    const userId = body.user.id;
    const ids: Record<string, unknown> = {
      action: action.action_id,
      user: userId,
      channel: body.channel?.id,
      from: body.container?.type === "view" ? "home" : "message",
    };
    let lang: Lang = deps.config.lang;
    try {
      const ref = parseCampaignButtonValue(action.value);
      Object.assign(ids, { campaign: ref.campaignId, task: ref.taskKey, department: ref.departmentId });
      const now = deps.now();
      const zone = deps.config.zone;
      const { actor, ctx, gate } = await prepareCompletion(deps.db, deps.delivery, { ref, kind, slackUserId: userId, now, zone, lang });
      lang = actor.lang;
      if (!gate.ok && gate.reason === "done") {
        await tell(args, deps, `ℹ️ ${gate.message[lang]}`);
        // The message pressed may be a launch message that missed an update; bring it up to date.
        if (body.message?.ts === ctx.target.messageTs) await refreshLaunchMessages(deps, ctx.campaign.id, now, [ctx.department.id]);
        return;
      }
      if (!gate.ok) {
        if (gate.reason === "refused") deps.logger.info({ ...ids, refusal: gate.code }, "campaign action refused");
        throw campaignRefusalError(gate);
      }

      if (kind !== "acknowledge") {
        await client.views.open({ trigger_id: body.trigger_id, view: await modalFor(deps, ctx, now, zone, lang) });
        return;
      }
      const result = await recordCompletion(deps.db, ctx, { actor, now });
      if (!result.recorded) {
        await tell(args, deps, `ℹ️ ${alreadyDoneMessage(ctx.task, result.existing, zone, now)[lang]}`);
        return;
      }
      deps.logger.info({ ...ids, as: actor.slackUserId }, "campaign task completed");
      await showCompletion(deps, ctx.campaign.id, ctx.department.id, now);
      // From the Home tab the re-published view is the confirmation; a direct message would only add noise.
      if (respondOf(args)) await tell(args, deps, doneMessage(ctx.task, ctx.department, now > ctx.task.dueAt)[lang]);
    } catch (e) {
      await fail(args, deps, e, lang, ids);
    }
  };
}

/**
 * 更正报告 on a report already submitted: the same checks as any campaign button (the campaign open, the person acting
 * for the department), then that the deadline has not passed; the report form opens filled with the report on file
 * and carries its revision, so the correction is saved only over the version the person saw.
 */
export function correctButton(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, client } = args;
    await ack();
    const userId = body.user.id;
    const ids: Record<string, unknown> = { action: action.action_id, user: userId, channel: body.channel?.id };
    let lang: Lang = deps.config.lang;
    try {
      const ref = parseCampaignButtonValue(action.value);
      Object.assign(ids, { campaign: ref.campaignId, task: ref.taskKey, department: ref.departmentId });
      const now = deps.now();
      const zone = deps.config.zone;
      const [actor, ctx] = await Promise.all([deps.delivery.lookUpPerson(userId, lang), loadTaskContext(deps.db, ref, now, zone)]);
      lang = actor.lang;
      assertKind(ctx, "report");
      const who = await checkActor(deps.db, deps.delivery, ctx, userId);
      if (!who.ok) {
        deps.logger.info({ ...ids, refusal: who.code }, "report correction refused");
        throw campaignRefusalError(who);
      }
      const completion = ctx.completion;
      if (!completion) {
        throw new AppError(ErrorCode.NotFound, {
          zh: `${ctx.department.nameZh}还没有提交“${ctx.task.title.zh}”，请先提交报告。`,
          en: `${ctx.department.nameEn} has not submitted “${ctx.task.title.en}” yet; please submit it first.`,
        });
      }
      const open = mayCorrectReport(ctx.task, now, zone);
      if (!open.ok) throw new AppError(ErrorCode.OutsideWindow, open.message, { details: { code: open.code } });
      const sinceDay = localDay(ctx.campaign.launchedAt, zone);
      const ledger = (await ledgerFiguresSince(deps.db, [ctx.department.id], sinceDay)).get(ctx.department.id);
      const view = buildReportModal({
        ref,
        campaign: { title: { zh: ctx.campaign.titleZh, en: ctx.campaign.titleEn } },
        task: ctx.task,
        department: ctx.department,
        zone,
        now,
        lang,
        ledger,
        initial: readReport(completion.data) ?? undefined,
        correcting: {
          revision: completion.correction?.revision ?? 0,
          byName: completion.correction?.byName ?? completion.userName,
          at: completion.correction?.at ?? completion.completedAt,
        },
      });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (e) {
      await fail(args, deps, e, lang, ids);
    }
  };
}

/**
 * 发起… under the preview of a campaign file shared in Slack: the launch form, that template chosen (it asks for any
 * day the template leaves open, and its submission is the launch form's, checked again). Office staff only.
 */
export function templateLaunchButton(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, client } = args;
    await ack();
    const userId = body.user.id;
    const ids: Record<string, unknown> = { action: action.action_id, user: userId, channel: body.channel?.id, template: action.value };
    const lang: Lang = deps.config.lang;
    try {
      await requireOffice(deps.db, userId, { zh: "发起专项行动", en: "launch campaigns" });
      const now = deps.now();
      const choices = await templateChoices(deps.db, now, deps.config.zone);
      if (!choices.some((c) => c.id === action.value)) {
        throw new AppError(ErrorCode.NotFound, {
          zh: `行动模板“${action.value ?? ""}”已不存在，请重新上传。`,
          en: `The campaign template “${action.value ?? ""}” no longer exists; please upload it again.`,
        });
      }
      const metadata = { lang, channelId: body.channel?.id ?? null };
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildLaunchModal({ choices, metadata, now, zone: deps.config.zone, chosen: action.value }),
      });
    } catch (e) {
      await fail(args, deps, e, lang, ids);
    }
  };
}

export function registerCampaignActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(TEMPLATE_LAUNCH_ACTION, templateLaunchButton(deps));
  app.action<BlockButtonAction>(CAMPAIGN_ACTIONS.correct, correctButton(deps));
  app.action<BlockButtonAction>(CAMPAIGN_ACTIONS.acknowledge, campaignButton(deps, "acknowledge"));
  app.action<BlockButtonAction>(CAMPAIGN_ACTIONS.report, campaignButton(deps, "report"));
  app.action<BlockButtonAction>(CAMPAIGN_ACTIONS.education, campaignButton(deps, "education-session"));
  app.action<BlockButtonAction>(CAMPAIGN_ACTIONS.pledge, campaignButton(deps, "pledge"));
}
