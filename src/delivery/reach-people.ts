import type { Config } from "../config/env.ts";
import type { Logger } from "../lib/logger.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import type { Delivery } from "./delivery.ts";
import type { SweepResult } from "./sweep.ts";
import { slackErrorCode } from "./slack-error.ts";

export interface ReachRequest {
  /** The channel the message is (also) posted in; people in it see it there. */
  channel: string | null;
  /** The people the message is meant for. */
  people: readonly string[];
  /** The DM's dispatch key for one person: each person gets it once. */
  key: (userId: string) => string;
  kind: string;
  message: (userId: string) => SlackMessage | Promise<SlackMessage>;
}

/** The key of a person's DM copy of a keyed channel message. */
export const dmKey = (channelKey: string, userId: string) => `${channelKey}:dm:${userId}`;

/**
 * Sends a message meant for a person by DM when they would not see it in the channel: Slack does not notify a
 * mentioned non-member, and an ephemeral to one fails. `REDLINE_DM=always` DMs everyone named, `off` nobody. Each DM
 * is claimed under its own key, so a retry or a second replica sends it once; a failed one is retried by the caller.
 */
export async function reachPeople(
  deps: { delivery: Delivery; config: Pick<Config, "dmPeople">; logger: Logger },
  request: ReachRequest,
): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, failed: 0 };
  const mode = deps.config.dmPeople ?? "non-members";
  if (mode === "off") return result;
  for (const userId of new Set(request.people)) {
    try {
      const member = mode === "non-members" && request.channel ? await deps.delivery.isChannelMember(request.channel, userId) : false;
      if (member) continue;
      const posted = await deps.delivery.dmOnce({
        key: request.key(userId),
        kind: request.kind,
        userId,
        message: () => request.message(userId),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      deps.logger.warn({ err: e, user: userId, kind: request.kind }, "could not reach a person by DM");
    }
  }
  return result;
}

/** Slack's answers that mean "this person cannot be reached there" (not "Slack is down"): a DM still can. */
const NOT_THERE = new Set(["user_not_in_channel", "channel_not_found", "not_in_channel", "is_archived"]);

/**
 * Whether an ephemeral failed because the person is not where it was sent: a Web API answer such as
 * user_not_in_channel / channel_not_found, or a response_url post (Bolt's `respond`, which keeps only the status)
 * answered 403/404 — the channel gone or closed to them. A 429 or a 5xx is Slack failing, and is not this.
 */
export function cannotReachThere(e: unknown): boolean {
  const err = e as { code?: unknown; statusCode?: unknown } | null;
  if (err?.code === "slack_bolt_respond_error") return err.statusCode === 403 || err.statusCode === 404;
  return NOT_THERE.has(slackErrorCode(e) ?? "");
}
