import type { WebClient } from "@slack/web-api";
import type { Posted } from "./post-message.ts";
import { slackErrorCode } from "./slack-error.ts";

/** The `event_type` of the metadata every keyed post carries; its `event_payload.key` is the dispatch key. */
export const DISPATCH_EVENT_TYPE = "redline_dispatch";

/** Slack's and our clocks may differ; history is searched from this much before the first claim. */
const CLOCK_MARGIN_MS = 5 * 60_000;
/** Pages of history read at most (200 messages each): a channel rarely gets more between a claim and its reconciliation. */
const MAX_PAGES = 10;

export function dispatchMetadata(key: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: DISPATCH_EVENT_TYPE, event_payload: { key } };
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: { name?: string; title?: string }[];
}

export interface LookFor {
  channel: string;
  threadTs?: string;
  since: Date;
  /** Which message it is. */
  match: (m: HistoryMessage) => boolean;
}

/** A user id (a DM sent to the user) resolves to the DM channel; history is read there. */
async function conversationOf(client: WebClient, channel: string): Promise<string> {
  if (!/^[UW]/.test(channel)) return channel;
  const opened = await client.conversations.open({ users: channel });
  return opened.channel?.id ?? channel;
}

/**
 * Finds, in the channel's recent history (or the thread's replies), the message `match` picks, posted after `since`.
 * Reads with `include_all_metadata`, newest first, page by page. The bot joins a public channel it can post to but
 * not read (`not_in_channel`). Throws when Slack cannot be read: the caller must not send blind.
 */
export async function findInHistory(client: WebClient, look: LookFor): Promise<Posted | null> {
  const channel = await conversationOf(client, look.channel);
  const oldest = ((look.since.getTime() - CLOCK_MARGIN_MS) / 1000).toFixed(6);
  let joined = false;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES;) {
    let res: { messages?: HistoryMessage[]; has_more?: boolean; response_metadata?: { next_cursor?: string } };
    try {
      res = look.threadTs
        ? await client.conversations.replies({ channel, ts: look.threadTs, oldest, include_all_metadata: true, limit: 200, cursor })
        : await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, cursor });
    } catch (e) {
      if (slackErrorCode(e) === "not_in_channel" && !joined) {
        joined = true;
        await client.conversations.join({ channel });
        continue;
      }
      throw e;
    }
    page++;
    const hit = (res.messages ?? []).find((m) => m.ts && look.match(m));
    if (hit?.ts) return { channelId: channel, messageTs: hit.ts };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  throw new Error(`reconciliation gave up after ${MAX_PAGES} pages of ${channel}'s history`);
}

/** The post carrying `key` in its metadata. */
export function postWithKey(key: string): (m: HistoryMessage) => boolean {
  return (m) => m.metadata?.event_type === DISPATCH_EVENT_TYPE && m.metadata.event_payload?.key === key;
}

/** An upload (files carry no metadata): a message sharing a file of this name and title. */
export function uploadNamed(filename: string, title: string): (m: HistoryMessage) => boolean {
  return (m) => (m.files ?? []).some((f) => f.name === filename && f.title === title);
}
