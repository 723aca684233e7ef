import type { RespondFn } from "@slack/bolt";
import { recordAuditQuietly } from "../audit/record-audit.ts";
import type { Delivery } from "../delivery/delivery.ts";
import { cannotReachThere } from "../delivery/reach-people.ts";
import { slackErrorCode } from "../delivery/slack-error.ts";
import { asAppError, ErrorCode, type AppError, type UserMessage } from "../lib/errors.ts";
import type { Lang } from "../lib/i18n.ts";
import { responseErrors, type FieldErrors } from "../messages/modal-state.ts";
import { clip, noticeBlocks, plainToMrkdwn } from "../messages/mrkdwn.ts";
import type { AppDeps } from "./deps.ts";

/**
 * What the boundary needs: the log, the database and clock for the refusal's audit entry, and (when there is one) the
 * delivery that DMs a refusal whose ephemeral could not reach the person.
 */
export type BoundaryDeps = Pick<AppDeps, "db" | "logger" | "now"> & { delivery?: Delivery };

/** Where to answer a person when the request has no response_url (a click in the Home tab): a direct message. */
export interface DirectReply {
  delivery: Delivery;
  userId: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/**
 * The audit verb for a request the boundary refused: a button or form by its id ("campaign_ack" → "campaign.ack",
 * "meeting_sign_in_submit" → "meeting.sign_in_submit"), a command by its subcommand ("campaign.command").
 */
export function refusalAction(ids: Record<string, unknown>): string {
  const id = str(ids.action) ?? str(ids.callback);
  if (id) return id.replace("_", ".");
  const command = str(ids.command);
  return command ? `${command}.command` : "slack.request";
}

function subjectOf(ids: Record<string, unknown>): string | undefined {
  const campaign = str(ids.campaign);
  if (campaign) return `campaign:${campaign}`;
  const meeting = str(ids.meeting);
  if (meeting) return `meeting:${meeting}`;
  const hazard = str(ids.hazard);
  return hazard ? `hazard:${hazard}` : undefined;
}

/** The ids worth keeping beside the code; the listener's log fields, minus those with a column of their own. */
const DETAIL_KEYS = ["action", "callback", "command", "text", "task", "side", "from", "refusal"] as const;

/**
 * Every refusal the boundary answers, appended to the audit log: who, what they tried (the listener's ids), the error
 * code. Written quietly: the person has their answer whether or not the entry could be written.
 */
async function auditRefusal(
  deps: BoundaryDeps,
  refusal: { code: string; outcome: "refused" | "failed" },
  ids: Record<string, unknown>,
): Promise<void> {
  const detail: Record<string, unknown> = { code: refusal.code };
  for (const key of DETAIL_KEYS) if (ids[key] !== undefined) detail[key] = typeof ids[key] === "string" ? clip(ids[key], 300) : ids[key];
  await recordAuditQuietly(deps.db, deps.logger, {
    actor: str(ids.user) ?? "unknown",
    action: refusalAction(ids),
    outcome: refusal.outcome,
    subject: subjectOf(ids),
    departmentId: str(ids.department),
    channelId: str(ids.channel),
    detail,
    at: deps.now(),
  });
}

/**
 * The listener boundary: log the failure with its ids, answer the person with one ephemeral sentence in their
 * language (a DM from the bot when the click came from the Home tab), and audit the refusal. Never a stack trace in a
 * channel. The sentence is plain text, escaped here: an error may quote what the person typed (`<!channel>` too).
 */
export async function replyWithError(
  respond: RespondFn | undefined,
  error: unknown,
  lang: Lang,
  deps: BoundaryDeps,
  ids: Record<string, unknown>,
  direct?: DirectReply,
): Promise<void> {
  const { logger } = deps;
  const appError = asAppError(error);
  const level = appError.code === "internal" || appError.code === "slack_failed" ? "error" : "info";
  logger[level]({ ...ids, code: appError.code, err: appError.code === "internal" ? error : undefined }, "request refused or failed");
  const message = noticeBlocks(`⚠️ ${plainToMrkdwn(appError.messageFor(lang), { keepMentions: appError.namesPeople })}`);
  // Where the ephemeral cannot reach the person (not a member of the channel, a channel the bot cannot see), a DM can.
  const dm = direct ?? (deps.delivery && str(ids.user) ? { delivery: deps.delivery, userId: str(ids.user)! } : undefined);
  try {
    if (respond) await respond({ response_type: "ephemeral", replace_original: false, ...message });
    else if (direct) await direct.delivery.dm(direct.userId, message);
  } catch (e) {
    if (respond && dm && cannotReachThere(e)) {
      logger.info({ ...ids, code: slackErrorCode(e) }, "the refusal's ephemeral could not reach them: sent by DM");
      await dm.delivery.dm(dm.userId, message).catch((e2: unknown) => logger.warn({ ...ids, err: e2 }, "could not DM the error reply"));
    } else logger.warn({ ...ids, err: e }, "could not deliver the error reply");
  }
  await auditRefusal(deps, outcomeOf(appError), ids);
}

function outcomeOf(error: AppError): { code: string; outcome: "refused" | "failed" } {
  const failed = error.code === ErrorCode.Internal || error.code === ErrorCode.SlackFailed;
  return { code: error.code, outcome: failed ? "failed" : "refused" };
}

const NOTHING_SAVED: UserMessage = {
  zh: "出了点问题，未保存。请稍后再试，或联系安委办。",
  en: "Something went wrong and nothing was saved. Please try again later or contact the safety office.",
};

/**
 * The boundary for a modal submission: a failure that belongs to no field is shown on `block` (the form stays open,
 * nothing saved) in the person's language, logged with its ids and audited. Synchronous, since the answer is the
 * ack and must not wait: the audit entry is written after it.
 */
export function formErrorResponse(block: string, error: unknown, lang: Lang, deps: BoundaryDeps, ids: Record<string, unknown>) {
  const appError = asAppError(error);
  const known = appError === error;
  deps.logger[known ? "info" : "error"](
    { ...ids, err: known ? undefined : error, code: appError.code },
    "modal submission refused or failed",
  );
  void auditRefusal(deps, outcomeOf(appError), ids);
  return responseErrors({ [block]: known ? appError.userMessage : NOTHING_SAVED }, lang);
}

/**
 * A form the rules refuse (not the person's to submit, the window closed): the problems shown under their fields,
 * the refusal audited with its code. Field mistakes (a missing date, a number too big) are not refusals and are
 * answered with `responseErrors` alone.
 */
export function formRefusal(errors: FieldErrors, lang: Lang, deps: BoundaryDeps, ids: Record<string, unknown>, code: string) {
  void auditRefusal(deps, { code, outcome: "refused" }, ids);
  return responseErrors(errors, lang);
}

/**
 * A form answered by replacing it with a notice (`response_action: "update"`), for a form with no field to show an
 * error under; a refusal (`code`) is audited like `formRefusal`.
 */
export function formNotice<V>(view: V, deps: BoundaryDeps, ids: Record<string, unknown>, code?: string) {
  if (code) void auditRefusal(deps, { code, outcome: "refused" }, ids);
  return { response_action: "update" as const, view };
}
