import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { ZAccidentInput } from "../../../accountability/accident-input.ts";
import { recordAccident } from "../../../accountability/record-accident.ts";
import { isOfficeMember } from "../../../directory/membership.ts";
import { officeChannelId } from "../../../directory/office.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { parseAccidentMeta, parseAccidentSubmission } from "../../../messages/accountability/accident-modal.ts";
import { ACCIDENT_FIELDS, ACCIDENT_MODAL_CALLBACK } from "../../../messages/accountability/ids.ts";
import { accidentLine } from "../../../messages/accountability/usage-message.ts";
import { accidentListItems } from "../../../accountability/accident-views.ts";
import { accountabilityKeys, ACCOUNTABILITY_DISPATCH_KINDS } from "../../../accountability/keys.ts";
import { responseErrors, readStateValues } from "../../../messages/modal-state.ts";
import { noticeBlocks } from "../../../messages/mrkdwn.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formRefusal } from "../../reply-error.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The accident form submitted: office only (checked again here), fields checked, the row stored under the view's id
 * so Slack's retry of the same submission adds nothing; the office channel gets the record with its four open items.
 */
export function accidentSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const meta = parseAccidentMeta(view.private_metadata);
      lang = meta.lang;
      if (!(await isOfficeMember(deps.db, body.user.id))) {
        await ack(
          formRefusal({ [ACCIDENT_FIELDS.description.block]: { zh: "只有安委办工作人员可以登记事故。", en: "Only safety-office staff can record accidents." } }, lang, deps, ids, "forbidden"),
        );
        return;
      }
      const form = parseAccidentSubmission(readStateValues(view.state.values));
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const input = ZAccidentInput.parse(form.data);
      const now = deps.now();
      const { accident, created } = await recordAccident(deps.db, input, { sourceKey: `slack-view:${view.id}`, actor: body.user.id, now });
      await ack();
      deps.logger.info({ ...ids, accident: accident.id, created }, "accident recorded");
      const item = (await accidentListItems(deps.db, accident.year, lang)).find((a) => a.id === accident.id);
      if (!item) return;
      const text = `${lang === "zh" ? "🆕 已登记事故" : "🆕 Accident recorded"}（<@${body.user.id}>）\n${accidentLine(item, lang)}`;
      const office = await officeChannelId(deps.db, deps.config);
      if (office) {
        await deps.delivery.postOnce({ key: accountabilityKeys.recorded(accident.id), kind: ACCOUNTABILITY_DISPATCH_KINDS.recorded, channel: office, message: noticeBlocks(text) });
      } else if (meta.channelId) {
        await deps.delivery.ephemeral(meta.channelId, body.user.id, noticeBlocks(text)).catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm the accident"));
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(ACCIDENT_FIELDS.description.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "announcing a recorded accident failed after the form was closed");
    }
  };
}

export function registerAccidentViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(ACCIDENT_MODAL_CALLBACK, accidentSubmission(deps));
}
