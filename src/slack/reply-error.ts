import type { RespondFn } from "@slack/bolt";
import type { Delivery } from "../delivery/delivery.ts";
import { asAppError, isAppError, type UserMessage } from "../lib/errors.ts";
import type { Lang } from "../lib/i18n.ts";
import type { Logger } from "../lib/logger.ts";
import { responseErrors } from "../messages/modal-state.ts";
import { noticeBlocks } from "../messages/mrkdwn.ts";

/** Where to answer a person when the request has no response_url (a click in the Home tab): a direct message. */
export interface DirectReply {
  delivery: Delivery;
  userId: string;
}

/**
 * The listener boundary: log the failure with its ids, answer the person with one ephemeral sentence in
 * their language (a DM from the bot when the click came from the Home tab). Never a stack trace in a channel.
 */
export async function replyWithError(
  respond: RespondFn | undefined,
  error: unknown,
  lang: Lang,
  logger: Logger,
  ids: Record<string, unknown>,
  direct?: DirectReply,
): Promise<void> {
  const appError = asAppError(error);
  const level = appError.code === "internal" || appError.code === "slack_failed" ? "error" : "info";
  logger[level]({ ...ids, code: appError.code, err: appError.code === "internal" ? error : undefined }, "request refused or failed");
  const message = noticeBlocks(`⚠️ ${appError.messageFor(lang)}`);
  try {
    if (respond) await respond({ response_type: "ephemeral", replace_original: false, ...message });
    else if (direct) await direct.delivery.dm(direct.userId, message);
  } catch (e) {
    logger.warn({ ...ids, err: e }, "could not deliver the error reply");
  }
}

const NOTHING_SAVED: UserMessage = {
  zh: "出了点问题，未保存。请稍后再试，或联系安委办。",
  en: "Something went wrong and nothing was saved. Please try again later or contact the safety office.",
};

/**
 * The boundary for a modal submission: a failure that belongs to no field is shown on `block` (the form stays open,
 * nothing saved) in the person's language, and logged with its ids.
 */
export function formErrorResponse(block: string, error: unknown, lang: Lang, logger: Logger, ids: Record<string, unknown>) {
  const known = isAppError(error);
  logger[known ? "info" : "error"](
    { ...ids, err: known ? undefined : error, code: known ? error.code : "internal" },
    "modal submission refused or failed",
  );
  return responseErrors({ [block]: known ? error.userMessage : NOTHING_SAVED }, lang);
}
