import type { RespondFn } from "@slack/bolt";
import { asAppError } from "../lib/errors.ts";
import type { Lang } from "../lib/i18n.ts";
import type { Logger } from "../lib/logger.ts";
import { noticeBlocks } from "./blocks/common.ts";

/**
 * The listener boundary: log the failure with its ids, answer the person with one ephemeral sentence in
 * their language. Never a stack trace in a channel.
 */
export async function replyWithError(respond: RespondFn | undefined, error: unknown, lang: Lang, logger: Logger, ids: Record<string, unknown>): Promise<void> {
  const appError = asAppError(error);
  const level = appError.code === "internal" || appError.code === "slack_failed" ? "error" : "info";
  logger[level]({ ...ids, code: appError.code, err: appError.code === "internal" ? error : undefined }, "request refused or failed");
  if (!respond) return;
  try {
    await respond({ response_type: "ephemeral", replace_original: false, ...noticeBlocks(`⚠️ ${appError.messageFor(lang)}`) });
  } catch (e) {
    logger.warn({ ...ids, err: e }, "could not deliver the error reply");
  }
}
