import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { localDay } from "../../../domain/calendar/office-hours.ts";
import { isOwnerUnitMember } from "../../../domain/hazards/decide-action.ts";
import { applyHazardAction } from "../../../hazards/apply-hazard-action.ts";
import { loadHazardActor } from "../../../hazards/hazard-actor.ts";
import { postHazardCard, postHistoryEntry } from "../../../hazards/publish-card.ts";
import { publishHazardChange } from "../../../hazards/publish-change.ts";
import { registerHazard } from "../../../hazards/register-hazard.ts";
import { checkGroupFinding } from "../../../directory/supervision-groups.ts";
import { refreshHazardHomes } from "../../../home/refresh-hazard-homes.ts";
import { isAppError } from "../../../lib/errors.ts";
import type { Lang } from "../../../lib/i18n.ts";
import {
  HAZARD_PROGRESS_CALLBACK,
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  HAZARD_RETURN_CALLBACK,
  PROGRESS_FIELDS,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
  RETURN_FIELDS,
} from "../../../messages/hazards/ids.ts";
import { parseActionMetadata, parseReportMetadata } from "../../../messages/hazards/refs.ts";
import { parseProgressSubmission } from "../../../messages/hazards/progress-modal.ts";
import { parseRectifySubmission, parseReportSubmission, parseReturnSubmission } from "../../../messages/hazards/report-modal.ts";
import { responseErrors } from "../../../messages/modal-state.ts";
import { escapeMrkdwn, noticeBlocks } from "../../../messages/mrkdwn.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formRefusal } from "../../reply-error.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const FIELD_TO_BLOCK: Record<string, string> = {
  unitId: REPORT_FIELDS.unit.block,
  venueTypeId: REPORT_FIELDS.venueType.block,
  placeName: REPORT_FIELDS.placeName.block,
  deadlineDay: REPORT_FIELDS.deadline.block,
  responsibleSlackUserId: REPORT_FIELDS.responsible.block,
  description: REPORT_FIELDS.description.block,
};

/** The form's uploads, then the message's files not among them (the evidence keeps at most 20). */
function mergeFiles<T extends { slackFileId: string }>(uploaded: T[], fromMessage: T[]): T[] {
  const seen = new Set(uploaded.map((f) => f.slackFileId));
  return [...uploaded, ...fromMessage.filter((f) => !seen.has(f.slackFileId))].slice(0, 20);
}

function homeDeps(deps: AppDeps) {
  return {
    db: deps.db,
    delivery: deps.delivery,
    logger: deps.logger,
    zone: deps.config.zone,
    lang: deps.config.lang,
    hazards: deps.config.hazards,
  };
}

function cardDeps(deps: AppDeps) {
  return { db: deps.db, delivery: deps.delivery, logger: deps.logger, config: deps.config };
}

/**
 * 登记隐患 submitted: the owning unit's members (or the office) register; the number is allocated, the card posted in the
 * unit's channel once, the first history entry in its thread. A repeat of the same form registers nothing new.
 */
export function reportSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids: Record<string, unknown> = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const meta = parseReportMetadata(view.private_metadata);
      lang = meta.lang;
      const form = parseReportSubmission(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const f = form.data;
      Object.assign(ids, { department: f.unitId });
      if (f.groupId) {
        // A group's finding: the member registers for the county inspected, not as one of its people.
        Object.assign(ids, { group: f.groupId });
        const check = await checkGroupFinding(deps.db, body.user.id, f.groupId, f.unitId);
        if (!check.ok) {
          await ack(formRefusal({ [REPORT_FIELDS.foundBy.block]: check.message }, lang, deps, ids, check.refusal));
          return;
        }
      }
      const actor = f.groupId ? null : await loadHazardActor(deps.db, deps.delivery, body.user.id, [f.unitId]);
      if (actor && !actor.isOffice && !isOwnerUnitMember(actor, f.unitId)) {
        await ack(
          formRefusal(
            {
              [REPORT_FIELDS.unit.block]: {
                zh: "您不是该单位的主要负责人、联络员或频道成员，不能为其登记隐患。",
                en: "You are not the principal head, a liaison or a channel member of that unit, so you cannot register hazards for it.",
              },
            },
            lang,
            deps,
            ids,
            "not_owner_unit",
          ),
        );
        return;
      }
      const now = deps.now();
      let registered;
      try {
        registered = await registerHazard(
          deps.db,
          {
            ...f,
            // From the shortcut: the message's files are before-evidence too, and its link is where it was found.
            files: mergeFiles(f.files, meta.messageFiles ?? []),
            ...(f.groupId
              ? { source: "supervision_group" as const, sourceRef: f.groupId }
              : { source: "self_inspection" as const, sourceRef: meta.messagePermalink ?? null }),
            foundBySlackUserId: body.user.id,
            foundDay: localDay(now, deps.config.zone),
            clientKey: `view:${view.id}`,
          },
          now,
          { matrix: deps.whoLeads.matrix },
        );
      } catch (e) {
        const field = isAppError(e) && typeof e.details?.field === "string" ? FIELD_TO_BLOCK[e.details.field] : undefined;
        if (field && isAppError(e)) {
          await ack(responseErrors({ [field]: e.userMessage }, lang));
          return;
        }
        throw e;
      }
      await ack();
      const { hazard } = registered;
      deps.logger.info({ ...ids, hazard: hazard.number, created: registered.created }, "hazard registered");
      const card = await postHazardCard(cardDeps(deps), hazard.id, now);
      const first = await deps.db.hazardEvent.findFirst({ where: { hazardId: hazard.id, action: "register" } });
      if (card && first) await postHistoryEntry(cardDeps(deps), hazard.id, first.id);
      if (registered.created) await refreshHazardHomes(homeDeps(deps), hazard, now);
      if (meta.channelId) {
        const where = card
          ? `<#${card.channel}>`
          : lang === "zh"
            ? "（该单位未配置频道，卡片未发送）"
            : "(the unit has no channel; no card posted)";
        const text =
          lang === "zh"
            ? `✅ 已登记隐患 *${hazard.number}*（${escapeMrkdwn(hazard.placeName)}），卡片已发到 ${where}。`
            : `✅ Registered hazard *${hazard.number}* (${escapeMrkdwn(hazard.placeName)}); its card is in ${where}.`;
        await deps.delivery
          .ephemeral(meta.channelId, body.user.id, noticeBlocks(text))
          .catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm"));
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(REPORT_FIELDS.description.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "posting a registered hazard failed after the form was closed");
    }
  };
}

const SUBMISSIONS = {
  rectify: {
    action: "submit_rectification",
    block: RECTIFY_FIELDS.note.block,
    parse: parseRectifySubmission,
    done: "rectification submitted",
  },
  return: { action: "return", block: RETURN_FIELDS.reason.block, parse: parseReturnSubmission, done: "rectification returned" },
  progress: { action: "progress_report", block: PROGRESS_FIELDS.note.block, parse: parseProgressSubmission, done: "progress reported" },
} as const;

/** 提交整改 / 退回 / 报送进展 submitted: the rules again on the server, the card updated in place, the entry in its thread. */
function actionSubmission(deps: AppDeps, kind: keyof typeof SUBMISSIONS) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids: Record<string, unknown> = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    const spec = SUBMISSIONS[kind];
    const block = spec.block;
    try {
      const meta = parseActionMetadata(view.private_metadata);
      lang = meta.lang;
      const form = spec.parse(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const existing = await deps.db.hazard.findUnique({ where: { id: meta.hazardId } });
      if (existing) Object.assign(ids, { hazard: existing.number, department: existing.unitId });
      const now = deps.now();
      let result;
      try {
        result = await applyHazardAction(deps.db, deps.delivery, {
          hazardId: meta.hazardId,
          slackUserId: body.user.id,
          action: spec.action,
          note: "note" in form.data ? form.data.note : form.data.reason,
          files: "files" in form.data ? form.data.files : [],
          now,
        });
      } catch (e) {
        if (isAppError(e) && (e.code === "forbidden" || e.code === "conflict" || e.code === "not_found")) {
          await ack(formRefusal({ [block]: e.userMessage }, lang, deps, { ...ids, refusal: e.details?.refusal }, e.code));
          return;
        }
        throw e;
      }
      await ack();
      deps.logger.info({ ...ids, to: result.hazard.state }, spec.done);
      await publishHazardChange(cardDeps(deps), result.event, now);
      await refreshHazardHomes(homeDeps(deps), result.hazard, now);
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "updating the hazard card failed after the form was closed");
    }
  };
}

export function registerHazardViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(HAZARD_REPORT_CALLBACK, reportSubmission(deps));
  app.view<ViewSubmitAction>(HAZARD_RECTIFY_CALLBACK, actionSubmission(deps, "rectify"));
  app.view<ViewSubmitAction>(HAZARD_RETURN_CALLBACK, actionSubmission(deps, "return"));
  app.view<ViewSubmitAction>(HAZARD_PROGRESS_CALLBACK, actionSubmission(deps, "progress"));
}
