import { setTimeout as sleep } from "node:timers/promises";
import { ErrorCode as SlackErrorCode, type WebClient } from "@slack/web-api";
import type { Logger } from "../lib/logger.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { slackErrorCode } from "./slack-error.ts";

export interface Posted {
  channelId: string;
  messageTs: string;
}

/** Attempts per message when Slack keeps answering 429; the client has already waited Retry-After before each. */
const RATE_LIMIT_ATTEMPTS = 3;

/**
 * A 429 that the client waited out but did not retry (a client built with retries off, as in tests), or one it
 * was told to reject (then it carries Retry-After and we wait here).
 */
function rateLimitWait(e: unknown): number | null {
  const err = e as { code?: unknown; retryAfter?: unknown; original?: { message?: unknown } } | null;
  if (err?.code === SlackErrorCode.RateLimitedError) return typeof err.retryAfter === "number" ? err.retryAfter : 1;
  if (
    err?.code === SlackErrorCode.RequestError &&
    typeof err.original?.message === "string" &&
    err.original.message.startsWith("A rate limit was exceeded")
  )
    return 0;
  return null;
}

/**
 * Posts one message to a channel: waits out Slack's rate limit and tries again, and joins a public channel the bot
 * was not invited to (`not_in_channel`) before trying once more. Anything else is thrown for the caller to record.
 * With a `limiter`, the post waits for its slot there, and the limiter waits out 429s.
 */
export async function postToChannel(
  client: WebClient,
  channel: string,
  message: SlackMessage,
  logger?: Logger,
  thread: {
    threadTs?: string;
    broadcast?: boolean;
    metadata?: { event_type: string; event_payload: Record<string, string> };
    limiter?: RateLimiter;
  } = {},
): Promise<Posted> {
  const { limiter } = thread;
  let joined = false;
  const inThread = thread.threadTs ? { thread_ts: thread.threadTs, ...(thread.broadcast ? { reply_broadcast: true } : {}) } : {};
  for (let attempt = 1; ; attempt++) {
    try {
      const call = () =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...inThread,
          ...(thread.metadata ? { metadata: thread.metadata } : {}),
        });
      const res = await (limiter ? limiter.run(channel, call) : call());
      if (!res.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
      return { channelId: res.channel ?? channel, messageTs: res.ts };
    } catch (e) {
      const wait = rateLimitWait(e);
      if (wait !== null && !limiter && attempt < RATE_LIMIT_ATTEMPTS) {
        logger?.info({ channel, attempt, retryAfter: wait }, "rate limited by Slack; posting again");
        if (wait > 0) await sleep(wait * 1000);
        continue;
      }
      if (slackErrorCode(e) === "not_in_channel" && !joined) {
        joined = true;
        logger?.info({ channel }, "not in the channel; joining it to post");
        await client.conversations.join({ channel });
        continue;
      }
      throw e;
    }
  }
}

/** Why a post failed, in words an office can act on; Slack's own code stays in brackets for whoever reads logs. */
export function describePostFailure(e: unknown): { zh: string; en: string } {
  const code = slackErrorCode(e);
  switch (code) {
    case "channel_not_found":
      return {
        zh: "频道不存在或机器人无权访问（channel_not_found），请核对名录中的频道",
        en: "channel not found or not visible to the bot (channel_not_found); check the directory's channel",
      };
    case "not_in_channel":
    case "method_not_supported_for_channel_type":
      return {
        zh: `机器人不在该私有频道，请先邀请机器人（${code}）`,
        en: `the bot is not in this private channel; invite it first (${code})`,
      };
    case "is_archived":
      return {
        zh: "频道已归档（is_archived），请在名录中登记新频道",
        en: "the channel is archived (is_archived); register a new one in the directory",
      };
    default: {
      const text = code ?? (e instanceof Error ? e.message : String(e));
      return { zh: `发送失败（${text}）`, en: `sending failed (${text})` };
    }
  }
}
