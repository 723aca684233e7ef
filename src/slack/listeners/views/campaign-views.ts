import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Actor } from "../../../delivery/people.ts";
import { showCompletion } from "../../../home/show-completion.ts";
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
import { recordCorrection } from "../../../campaigns/report-corrections.ts";
import { mayCorrectReport } from "../../../domain/campaigns/report-correction.ts";
import { formatInstant } from "../../../domain/campaigns/format-local.ts";
import { launchAndPost, launchReport, templateChoices } from "../../../campaigns/launch.ts";
import { localDay } from "../../../domain/calendar/office-hours.ts";
import type { TaskKind } from "../../../domain/campaigns/types.ts";
import { isOfficeMember } from "../../../directory/membership.ts";
import type { Prisma } from "../../../generated/prisma/client.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { parseEducationSubmission } from "../../../messages/campaigns/education-modal.ts";
import {
  EDUCATION_FIELDS,
  EDUCATION_MODAL_CALLBACK,
  PLEDGE_FIELDS,
  PLEDGE_MODAL_CALLBACK,
  REPORT_FIELDS,
  REPORT_MODAL_CALLBACK,
} from "../../../messages/campaigns/ids.ts";
import {
  LAUNCH_FIELDS,
  LAUNCH_MODAL_CALLBACK,
  parseLaunchMetadata,
  parseLaunchSubmission,
} from "../../../messages/campaigns/launch-modal.ts";
import { responseErrors, type ModalParse } from "../../../messages/modal-state.ts";
import { parsePledgeSubmission } from "../../../messages/campaigns/pledge-modal.ts";
import { parseReportSubmission } from "../../../messages/campaigns/report-modal.ts";
import { parseCampaignModalMetadata, type CampaignTaskRef } from "../../../messages/campaigns/task-ref.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formNotice, formRefusal } from "../../reply-error.ts";
import { clip, escapeMrkdwn, noticeBlocks, type SlackMessage } from "../../../messages/mrkdwn.ts";
import { uploadTemplate } from "../../../campaigns/upload-template.ts";
import { openDates } from "../../../campaigns/definition/resolve-campaign.ts";
import { readLaunchSource } from "../../../campaigns/templates.ts";
import {
  buildUploadedView,
  parseUploadMetadata,
  parseUploadSubmission,
  UPLOAD_FIELDS,
  UPLOAD_MODAL_CALLBACK,
} from "../../../messages/campaigns/upload-modal.ts";
import { claimClose, followUpClosedCampaign } from "../../../campaigns/close-campaign.ts";
import { campaignNotFound } from "../../../campaigns/find-campaign.ts";
import { loadStatusBoard } from "../../../campaigns/load-boards.ts";
import { asAppError } from "../../../lib/errors.ts";
import {
  alreadyClosedMessage,
  buildCloseNoticeView,
  buildFinalTallyMessage,
  CLOSE_MODAL_CALLBACK,
  parseCloseMetadata,
} from "../../../messages/campaigns/close-messages.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type FormKind = Exclude<TaskKind, "acknowledge">;

/** Where a problem that belongs to no particular field is shown: the form's first field. */
const FIRST_FIELD: Record<FormKind, string> = {
  report: REPORT_FIELDS.status.block,
  "education-session": EDUCATION_FIELDS.heldOn.block,
  pledge: PLEDGE_FIELDS.confirm.block,
};

/** What the form says, checked field by field; the education date may not precede the window nor follow today. */
function parseForm(
  kind: FormKind,
  ctx: TaskContext,
  values: unknown,
  shownPledgeVersion: number | null,
  now: Date,
  zone: string,
): ModalParse<{ data?: Prisma.InputJsonValue; pledgeVersion?: number }> {
  switch (kind) {
    case "report": {
      const form = parseReportSubmission(values);
      return form.ok ? { ok: true, data: { data: { ...form.data } } } : form;
    }
    case "education-session": {
      const form = parseEducationSubmission(values, { today: localDay(now, zone), earliest: localDay(ctx.task.opensAt, zone) });
      return form.ok ? { ok: true, data: { data: { ...form.data } } } : form;
    }
    case "pledge": {
      const form = parsePledgeSubmission(values, { shownVersion: shownPledgeVersion, currentVersion: ctx.task.pledge!.version });
      return form.ok ? { ok: true, data: { pledgeVersion: form.data.pledgeVersion } } : form;
    }
  }
}

/** The signer as recorded: Slack's name and title, the directory's where Slack has none. */
function signer(actor: Actor, ctx: TaskContext): Actor {
  const lookupFailed = actor.name === actor.slackUserId;
  return {
    ...actor,
    name: lookupFailed && ctx.department.headName ? ctx.department.headName : actor.name,
    title: actor.title ?? ctx.department.headTitle,
  };
}

/**
 * A report, education-session or pledge form submitted. Everything is checked again on the server — the campaign may
 * have closed, the person may have left the channel, someone else may have submitted meanwhile — and every problem is
 * shown in the form with `response_action: "errors"`, nothing saved. A saved completion closes the form, updates the
 * department's launch message in place and refreshes open Home tabs.
 */
export function formSubmission(deps: AppDeps, kind: FormKind) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const userId = body.user.id;
    const ids: Record<string, unknown> = { callback: view.callback_id, user: userId };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    const block = FIRST_FIELD[kind];
    try {
      const meta = parseCampaignModalMetadata(view.private_metadata);
      Object.assign(ids, { campaign: meta.campaignId, task: meta.taskKey, department: meta.departmentId });
      const now = deps.now();
      const zone = deps.config.zone;
      if (kind === "report" && meta.correctsRevision !== null) {
        lang = await correctionSubmission(deps, {
          ref: meta,
          shownRevision: meta.correctsRevision,
          userId,
          values: view.state.values,
          now,
          lang,
          ack,
          ids,
        });
        return;
      }
      const { actor, ctx, gate } = await prepareCompletion(deps.db, deps.delivery, {
        ref: meta,
        kind,
        slackUserId: userId,
        now,
        zone,
        lang,
      });
      lang = actor.lang;
      if (!gate.ok) {
        if (gate.reason === "refused") deps.logger.info({ ...ids, refusal: gate.code }, "campaign form refused");
        await ack(formRefusal({ [block]: gate.message }, lang, deps, ids, gate.reason === "done" ? "already_done" : gate.code));
        return;
      }
      const form = parseForm(kind, ctx, view.state.values, meta.pledgeVersion, now, zone);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const result = await recordCompletion(deps.db, ctx, { actor: kind === "pledge" ? signer(actor, ctx) : actor, ...form.data, now });
      if (!result.recorded) {
        await ack(responseErrors({ [block]: alreadyDoneMessage(ctx.task, result.existing, zone, now) }, lang));
        return;
      }
      await ack();
      deps.logger.info({ ...ids, pledgeVersion: result.completion.pledgeVersion ?? undefined }, "campaign task completed");
      await showCompletion(deps, ctx.campaign.id, ctx.department.id, now);
      await deps.delivery
        .ephemeral(
          ctx.target.channelId,
          userId,
          noticeBlocks(escapeMrkdwn(doneMessage(ctx.task, ctx.department, now > ctx.task.dueAt)[lang])),
        )
        .catch((e: unknown) =>
          deps.logger.info({ ...ids, err: e }, "could not confirm in the department channel (the launch message shows it)"),
        );
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "campaign follow-up failed after the form was closed");
    }
  };
}

/**
 * A correction of a submitted report. Checked again on the server like a first submission (campaign open, the person
 * acting for the department) and also that the deadline has not passed; saved only over the revision the form was
 * opened on. A form opened before someone else's correction is refused, naming whose stands; Slack's retry of the
 * same submission saves nothing more. Returns the person's language (for the boundary's error).
 */
async function correctionSubmission(
  deps: AppDeps,
  args: {
    ref: CampaignTaskRef;
    shownRevision: number;
    userId: string;
    values: unknown;
    now: Date;
    lang: Lang;
    ack: (response?: Parameters<ViewArgs["ack"]>[0]) => Promise<void>;
    ids: Record<string, unknown>;
  },
): Promise<Lang> {
  const { ref, userId, now, ack, ids } = args;
  const zone = deps.config.zone;
  const block = FIRST_FIELD.report;
  const [actor, ctx] = await Promise.all([deps.delivery.lookUpPerson(userId, args.lang), loadTaskContext(deps.db, ref, now, zone)]);
  const lang = actor.lang;
  assertKind(ctx, "report");
  const who = await checkActor(deps.db, deps.delivery, ctx, userId);
  if (!who.ok) {
    deps.logger.info({ ...ids, refusal: who.code }, "report correction refused");
    await ack(formRefusal({ [block]: who.message }, lang, deps, ids, who.code));
    return lang;
  }
  const open = mayCorrectReport(ctx.task, now, zone);
  if (!open.ok) {
    await ack(formRefusal({ [block]: open.message }, lang, deps, ids, open.code));
    return lang;
  }
  const form = parseReportSubmission(args.values);
  if (!form.ok) {
    await ack(responseErrors(form.errors, lang));
    return lang;
  }
  const result = await recordCorrection(deps.db, ctx, { actor, data: form.data, shownRevision: args.shownRevision, now });
  if (!result.corrected) {
    const c = result.completion;
    const by = c.correction?.byName ?? c.userName;
    const at = (l: Lang) => formatInstant(c.correction?.at ?? c.completedAt, zone, l, now);
    await ack(
      responseErrors(
        {
          [block]:
            result.reason === "unchanged"
              ? { zh: "内容与现有报告相同，未作更正。", en: "This is what the report already says; nothing was corrected." }
              : {
                  zh: `${by}已于${at("zh")}更正了这份报告，您看到的是更早的版本。请关闭后重新点“更正报告”，在最新内容上修改。`,
                  en: `${by} corrected this report at ${at("en")}; you were looking at an earlier version. Close this and press “Correct the report” again to change the latest one.`,
                },
        },
        lang,
      ),
    );
    return lang;
  }
  await ack();
  deps.logger.info({ ...ids, revision: result.revision, repeated: result.repeated }, "campaign report corrected");
  if (result.repeated) return lang;
  await showCompletion(deps, ctx.campaign.id, ctx.department.id, now);
  const text = {
    zh: `✏️ 已更正：${ctx.department.nameZh}的“${ctx.task.title.zh}”（第 ${result.revision} 次更正），原报告和更正记录已保留。`,
    en: `✏️ Corrected: ${ctx.department.nameEn}'s “${ctx.task.title.en}” (correction ${result.revision}); the original and the history are kept.`,
  };
  await deps.delivery
    .ephemeral(ctx.target.channelId, userId, noticeBlocks(escapeMrkdwn(text[lang])))
    .catch((e: unknown) => deps.logger.info({ ...ids, err: e }, "could not confirm the correction in the department channel"));
  return lang;
}

/**
 * The office chose a campaign template to launch (and gave the days it leaves open). Saved before the form closes (so a problem shows in the form);
 * posted to the department channels after, then the office member gets the report where they typed the command.
 */
export function launchSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const userId = body.user.id;
    const ids: Record<string, unknown> = { callback: view.callback_id, user: userId };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    const block = LAUNCH_FIELDS.campaign.block;
    try {
      const meta = parseLaunchMetadata(view.private_metadata);
      lang = meta.lang;
      if (!(await isOfficeMember(deps.db, userId))) {
        deps.logger.info(ids, "campaign launch refused: not safety-office staff");
        await ack(
          formRefusal(
            { [block]: { zh: "只有安委办工作人员可以发起专项行动。", en: "Only safety-office staff can launch campaigns." } },
            lang,
            deps,
            ids,
            "forbidden",
          ),
        );
        return;
      }
      const now = deps.now();
      const choices = await templateChoices(deps.db, now, deps.config.zone);
      const form = parseLaunchSubmission(view.state.values, choices);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      ids.campaign = form.data.campaignId;
      const { file, fileName } = await readLaunchSource(deps.db, form.data.campaignId);
      const outcome = await launchAndPost(
        deps,
        { file, fileName, dates: form.data.dates, launchedBy: userId, now },
        { afterSave: () => ack() },
      );
      await tellOffice(deps, meta.channelId, userId, launchReport(outcome, now, lang));
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "campaign launch failed after the form was closed");
    }
  };
}

/** Where to tell the office member something after a form closed: where they typed the command, else by DM. */
async function tellOffice(deps: AppDeps, channelId: string | null, userId: string, message: SlackMessage): Promise<void> {
  const posted = channelId
    ? await deps.delivery.ephemeral(channelId, userId, message).then(
        () => true,
        () => false,
      )
    : false;
  if (!posted) await deps.delivery.dm(userId, message);
}

/**
 * 确认结束 on the close form. Checked again on the server (office staff only); one conditional update closes the run,
 * so a double submit or two office members at once close it once and the later one is told it was already closed.
 * The form closes as soon as that is decided; the closing notices, the final tally and the confirmation follow.
 */
export function closeSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const userId = body.user.id;
    const ids: Record<string, unknown> = { callback: view.callback_id, user: userId };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const meta = parseCloseMetadata(view.private_metadata);
      lang = meta.lang;
      ids.campaign = meta.campaignId;
      if (!(await isOfficeMember(deps.db, userId))) {
        deps.logger.info(ids, "campaign close refused: not safety-office staff");
        const refusal = { zh: "只有安委办工作人员可以结束专项行动。", en: "Only safety-office staff can close campaigns." };
        await ack(formNotice(buildCloseNoticeView(refusal, lang), deps, ids, "forbidden"));
        return;
      }
      const now = deps.now();
      const zone = deps.config.zone;
      const campaign = await deps.db.campaign.findUnique({ where: { id: meta.campaignId } });
      if (!campaign) throw campaignNotFound(meta.campaignId);
      const title = { zh: campaign.titleZh, en: campaign.titleEn };
      if (!(await claimClose(deps.db, campaign.id, userId, now))) {
        const closedAt = (await deps.db.campaign.findUnique({ where: { id: campaign.id }, select: { closedAt: true } }))?.closedAt ?? null;
        await ack(formNotice(buildCloseNoticeView(alreadyClosedMessage(title, closedAt, zone, now), lang), deps, ids));
        return;
      }
      await ack();
      deps.logger.info({ campaign: campaign.id, by: userId }, "campaign closed");
      const follow = await followUpClosedCampaign(deps, campaign.id, now);
      const t = escapeMrkdwn(title[lang]);
      const failed = follow.targets - follow.notified;
      const retry =
        failed > 0
          ? lang === "zh"
            ? `（${failed} 个未送达，调度每分钟自动重试）`
            : ` (${failed} not reached; the tick retries every minute)`
          : "";
      const where = follow.officeTally ? (lang === "zh" ? "最终进展已发到安委办频道。" : "The final tally is in the office channel.") : "";
      await tellOffice(
        deps,
        meta.channelId,
        userId,
        noticeBlocks(
          lang === "zh"
            ? `✅ 已结束“${t}”：不再提醒，按钮已停用；${follow.notified}/${follow.targets} 个单位频道已收到结束通知${retry}。${where}`
            : `✅ Closed “${t}”: no more reminders, buttons off; ${follow.notified}/${follow.targets} department channels told${retry}. ${where}`,
        ),
      );
      // No office channel to hold the tally: the person who closed it gets it.
      if (!follow.officeTally) {
        const board = await loadStatusBoard(deps.db, campaign.id, now, zone);
        if (board) await tellOffice(deps, meta.channelId, userId, buildFinalTallyMessage(board, now, lang));
      }
    } catch (e) {
      if (!acked) await ack(formNotice(buildCloseNoticeView(asAppError(e).userMessage, lang), deps, ids, asAppError(e).code));
      else deps.logger.error({ ...ids, err: e }, "campaign close follow-up failed after the form was closed");
    }
  };
}

/**
 * A campaign YAML uploaded in the upload form: office staff only (checked again here), the file read from Slack,
 * validated with the campaign schema and against the directory, every problem listed under the file field (nothing
 * saved), else stored as a template the launch form then offers. The answer replaces the form.
 */
export function uploadSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const userId = body.user.id;
    const ids: Record<string, unknown> = { callback: view.callback_id, user: userId };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    const block = UPLOAD_FIELDS.file.block;
    try {
      lang = parseUploadMetadata(view.private_metadata).lang;
      if (!(await isOfficeMember(deps.db, userId))) {
        const refusal = { zh: "只有安委办工作人员可以上传行动模板。", en: "Only safety-office staff can upload campaign templates." };
        await ack(formRefusal({ [block]: refusal }, lang, deps, ids, "forbidden"));
        return;
      }
      const form = parseUploadSubmission(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const { file: parsed, saved } = await uploadTemplate(deps, {
        fileId: form.data.fileId,
        fileName: form.data.name,
        uploadedBy: userId,
        now: deps.now(),
      });
      ids.template = parsed.id;
      await ack({
        response_action: "update",
        view: buildUploadedView({
          id: saved.id,
          title: parsed.title,
          created: saved.created,
          revision: saved.revision,
          tasks: parsed.tasks.map((t) => t.title[lang]),
          openDates: openDates(parsed).map((d) => d.key),
          lang,
        }),
      });
    } catch (e) {
      if (!acked) {
        // A file's problems can be many lines; Slack shows a field error of limited length.
        const response = formErrorResponse(block, e, lang, deps, ids);
        await ack({ ...response, errors: Object.fromEntries(Object.entries(response.errors).map(([k, v]) => [k, clip(v, 1900)])) });
      } else deps.logger.error({ ...ids, err: e }, "campaign template upload failed after the form was closed");
    }
  };
}

export function registerCampaignViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(UPLOAD_MODAL_CALLBACK, uploadSubmission(deps));
  app.view<ViewSubmitAction>(CLOSE_MODAL_CALLBACK, closeSubmission(deps));
  app.view<ViewSubmitAction>(REPORT_MODAL_CALLBACK, formSubmission(deps, "report"));
  app.view<ViewSubmitAction>(EDUCATION_MODAL_CALLBACK, formSubmission(deps, "education-session"));
  app.view<ViewSubmitAction>(PLEDGE_MODAL_CALLBACK, formSubmission(deps, "pledge"));
  app.view<ViewSubmitAction>(LAUNCH_MODAL_CALLBACK, launchSubmission(deps));
}
