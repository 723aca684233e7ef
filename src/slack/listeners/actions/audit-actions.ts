import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { AUDIT_READING, renderAuditPage } from "../../../audit/audit-log-page.ts";
import { requireOffice } from "../../../directory/office.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { parseAuditPageValue } from "../../../messages/audit/audit-page-ref.ts";
import { AUDIT_ACTIONS } from "../../../messages/audit/ids.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** 更早 / 最新 under an audit page: the page replaced in place, for the office only (checked again on every press). */
export function auditPageButton(deps: AppDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    let lang: Lang = deps.config.lang;
    const ids = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseAuditPageValue(action.value);
      lang = ref.lang;
      await requireOffice(deps.db, body.user.id, AUDIT_READING);
      const page = await renderAuditPage(deps.db, ref, deps.config.zone);
      await respond({ response_type: "ephemeral", replace_original: true, ...page });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

export function registerAuditActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(AUDIT_ACTIONS.older, auditPageButton(deps));
  app.action<BlockButtonAction>(AUDIT_ACTIONS.newest, auditPageButton(deps));
}
