import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { requireOffice } from "../../../directory/office.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { readMatrixHistory } from "../../../matrix/matrix-history.ts";
import { MATRIX_ACTIONS } from "../../../messages/matrix/ids.ts";
import { matrixHistoryMessage } from "../../../messages/matrix/matrix-history.ts";
import { readPayloadJson } from "../../../messages/payload-json.ts";
import { MATRIX_EDITING } from "../../commands/matrix-commands.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
const ZPage = z.strictObject({ b: z.number().int().positive().optional(), l: z.enum(["zh", "en"]) });

/** 更早 / 最新 under the matrix history: the page replaced in place, for the office only (checked on every press). */
export function matrixHistoryButton(deps: AppDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    let lang: Lang = deps.config.lang;
    const ids = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = readPayloadJson(action.value, ZPage);
      if (!ref)
        throw new AppError(ErrorCode.InputInvalid, {
          zh: "这个翻页按钮无法识别，请重新输入 /redline 矩阵 历史。",
          en: "This page button could not be read; please run /redline matrix history again.",
        });
      lang = ref.l;
      await requireOffice(deps.db, body.user.id, MATRIX_EDITING);
      const page = await readMatrixHistory(deps.db, ref.b);
      await respond({
        response_type: "ephemeral",
        replace_original: true,
        ...matrixHistoryMessage({ ...page, paged: ref.b !== undefined, lang, zone: deps.config.zone }),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

export function registerMatrixActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(MATRIX_ACTIONS.historyOlder, matrixHistoryButton(deps));
  app.action<BlockButtonAction>(MATRIX_ACTIONS.historyNewest, matrixHistoryButton(deps));
}
