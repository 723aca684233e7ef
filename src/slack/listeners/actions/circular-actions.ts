import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import { CIRCULAR_ACTIONS } from "../../../messages/accountability/ids.ts";
import { detectLang } from "../../../lib/i18n.ts";
import { publishAndAnswer } from "../../commands/circular-commands.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
const ZCircularId = z.coerce.number().int().positive();

/** 发布 under a draft's preview: published once (checked for the office again on the server), the preview replaced. */
export function circularPublishButton(deps: AppDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = detectLang(action.text?.text ?? "", deps.config.lang);
    const ids = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const id = ZCircularId.safeParse(action.value);
      if (!id.success) throw new AppError(ErrorCode.InputInvalid, { zh: "按钮已失效，请重新起草通报。", en: "This button is no longer valid; draft the circular again." });
      await publishAndAnswer({ deps, userId: body.user.id, respond }, id.data, lang, true);
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

export function registerCircularActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(CIRCULAR_ACTIONS.publish, circularPublishButton(deps));
}
