import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decideHazardAction } from "../../../domain/hazards/decide-action.ts";
import type { HazardActionKind } from "../../../domain/hazards/types.ts";
import { applyHazardAction, toHazardFacts } from "../../../hazards/apply-hazard-action.ts";
import { loadHazardActor } from "../../../hazards/hazard-actor.ts";
import { publishHazardChange } from "../../../hazards/publish-change.ts";
import { refreshHazardHomes } from "../../../home/refresh-hazard-homes.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { HAZARD_ACTIONS } from "../../../messages/hazards/ids.ts";
import { encodeActionMetadata, parseHazardButton, parseLedgerPage } from "../../../messages/hazards/refs.ts";
import { renderHazardDetail, renderLedgerPage } from "../../../hazards/ledger-views.ts";
import { slackLedgerScope } from "../../../hazards/slack-scope.ts";
import { buildProgressModal } from "../../../messages/hazards/progress-modal.ts";
import { buildRectifyModal, buildReturnModal } from "../../../messages/hazards/report-modal.ts";
import { noticeBlocks } from "../../../messages/mrkdwn.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const CONFIRM: Partial<Record<HazardActionKind, { zh: string; en: string }>> = {
  accept: { zh: "✅ 已验收通过，隐患销号。", en: "✅ Accepted: the hazard is closed." },
  list: { zh: "🏷️ 已挂牌督办。", en: "🏷️ Listed for supervision." },
};

/**
 * A hazard card's button. 提交整改, 退回 and 报送进展 open their forms for someone the rules let act (checked first, so nobody fills
 * in a form only to be refused); 验收通过 and 挂牌督办 act at once. Every refusal is private, in the person's language, audited.
 */
function hazardButton(deps: AppDeps, action: HazardActionKind) {
  return async ({ ack, action: pressed, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: pressed.action_id, user: body.user.id, channel: body.channel?.id };
    const reply = body.response_url ? respond : undefined;
    try {
      const hazardId = parseHazardButton(pressed.value);
      const hazard = await deps.db.hazard.findUnique({ where: { id: hazardId } });
      if (!hazard) throw new AppError(ErrorCode.NotFound, { zh: "找不到这条隐患。", en: "No such hazard." });
      Object.assign(ids, { hazard: hazard.number, department: hazard.unitId });
      const now = deps.now();
      if (action === "submit_rectification" || action === "return" || action === "progress_report") {
        const actor = await loadHazardActor(deps.db, deps.delivery, body.user.id, [hazard.unitId]);
        // Check who may act before opening the form; the note and the files are checked when it is submitted.
        const probe = decideHazardAction(toHazardFacts(hazard), actor, action, { note: "-", fileCount: 1 });
        if (!probe.ok) throw new AppError(ErrorCode.Forbidden, probe.message, { details: { refusal: probe.code } });
        const meta = encodeActionMetadata({ hazardId, lang, channelId: body.channel?.id });
        const modal = { number: hazard.number, privateMetadata: meta, lang };
        const view =
          action === "submit_rectification"
            ? buildRectifyModal(modal)
            : action === "return"
              ? buildReturnModal(modal)
              : buildProgressModal(modal);
        await client.views.open({ trigger_id: body.trigger_id, view });
        return;
      }
      const result = await applyHazardAction(deps.db, deps.delivery, { hazardId, slackUserId: body.user.id, action, now });
      deps.logger.info({ ...ids, to: result.hazard.state }, `hazard ${action}`);
      const cardDeps = { db: deps.db, delivery: deps.delivery, logger: deps.logger, config: deps.config };
      await publishHazardChange(cardDeps, result.event, now);
      const home = {
        db: deps.db,
        delivery: deps.delivery,
        logger: deps.logger,
        zone: deps.config.zone,
        lang,
        hazards: deps.config.hazards,
      };
      await refreshHazardHomes(home, result.hazard, now);
      const text = CONFIRM[action];
      if (reply && text) await reply({ response_type: "ephemeral", replace_original: false, ...noticeBlocks(text[lang]) });
    } catch (e) {
      await replyWithError(reply, e, lang, deps, ids, { delivery: deps.delivery, userId: body.user.id });
    }
  };
}

/** 详情 beside a row of the ledger list: the detail and timeline, privately, if the person's scope covers it. */
function showButton(deps: AppDeps) {
  return async ({ ack, action: pressed, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: pressed.action_id, user: body.user.id, channel: body.channel?.id };
    const reply = body.response_url ? respond : undefined;
    try {
      const hazard = await deps.db.hazard.findUnique({ where: { id: parseHazardButton(pressed.value) }, select: { number: true } });
      if (!hazard) throw new AppError(ErrorCode.NotFound, { zh: "找不到这条隐患。", en: "No such hazard." });
      ids.hazard = hazard.number;
      const scope = await slackLedgerScope(deps.db, deps.delivery, body.user.id, body.channel?.id);
      const detail = await renderHazardDetail(deps.db, scope, hazard.number, { now: deps.now(), zone: deps.config.zone, lang });
      if (reply) await reply({ response_type: "ephemeral", replace_original: false, ...detail });
      else await deps.delivery.dm(body.user.id, detail);
    } catch (e) {
      await replyWithError(reply, e, lang, deps, ids, { delivery: deps.delivery, userId: body.user.id });
    }
  };
}

/** 上一页 / 下一页 under the ledger list: the page replaced in place; the scope is worked out again on every press. */
function pageButton(deps: AppDeps) {
  return async ({ ack, action: pressed, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    let lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: pressed.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseLedgerPage(pressed.value);
      lang = ref.lang;
      const scope = await slackLedgerScope(deps.db, deps.delivery, body.user.id, body.channel?.id);
      const page = await renderLedgerPage(deps.db, scope, ref, { now: deps.now(), zone: deps.config.zone });
      await respond({ response_type: "ephemeral", replace_original: true, ...page });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

export function registerHazardActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(HAZARD_ACTIONS.show, showButton(deps));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.page, pageButton(deps));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.rectify, hazardButton(deps, "submit_rectification"));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.return, hazardButton(deps, "return"));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.accept, hazardButton(deps, "accept"));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.list, hazardButton(deps, "list"));
  app.action<BlockButtonAction>(HAZARD_ACTIONS.progress, hazardButton(deps, "progress_report"));
}
