import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Actor } from "../../../delivery/people.ts";
import { showCompletion } from "../../../home/show-completion.ts";
import { alreadyDoneMessage, doneMessage, prepareCompletion, recordCompletion, type TaskContext } from "../../../campaigns/completions.ts";
import { launchAndPost, launchReport, templateChoices } from "../../../campaigns/launch.ts";
import { readLaunchSource } from "../../../campaigns/templates.ts";
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
import { parseCampaignModalMetadata } from "../../../messages/campaigns/task-ref.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formRefusal } from "../../reply-error.ts";
import { escapeMrkdwn, noticeBlocks } from "../../../messages/mrkdwn.ts";

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
      const report = launchReport(outcome, now, lang);
      const posted = meta.channelId
        ? await deps.delivery.ephemeral(meta.channelId, userId, report).then(
            () => true,
            () => false,
          )
        : false;
      if (!posted) await deps.delivery.dm(userId, report);
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "campaign launch failed after the form was closed");
    }
  };
}

export function registerCampaignViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(REPORT_MODAL_CALLBACK, formSubmission(deps, "report"));
  app.view<ViewSubmitAction>(EDUCATION_MODAL_CALLBACK, formSubmission(deps, "education-session"));
  app.view<ViewSubmitAction>(PLEDGE_MODAL_CALLBACK, formSubmission(deps, "pledge"));
  app.view<ViewSubmitAction>(LAUNCH_MODAL_CALLBACK, launchSubmission(deps));
}
