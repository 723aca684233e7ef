import type { WebClient } from "@slack/web-api";
import type { Lang } from "../lib/i18n.ts";

export interface Person {
  slackUserId: string;
  name: string;
  title: string | null;
}

/** Someone acting: who they are, and the language to answer them in. */
export interface Actor extends Person {
  /** The person's Slack language: English for an English locale, Chinese otherwise (and when Slack does not say). */
  lang: Lang;
}

/** Slack locales look like "zh-CN", "en-US", "en-GB". */
export function langOfLocale(locale: string | undefined | null, fallback: Lang): Lang {
  if (!locale) return fallback;
  if (/^en\b/i.test(locale)) return "en";
  if (/^zh\b/i.test(locale)) return "zh";
  return fallback;
}

/**
 * A Slack user's name, title and language — one users.info call. A failed lookup is not a reason to refuse: the id
 * stands in for the name and `fallback` for the language.
 */
export async function lookUpPerson(client: WebClient, slackUserId: string, fallback: Lang = "zh"): Promise<Actor> {
  try {
    const res = await client.users.info({ user: slackUserId, include_locale: true });
    const user = res.user;
    const profile = user?.profile;
    const name = profile?.real_name || user?.real_name || profile?.display_name || user?.name || slackUserId;
    return { slackUserId, name, title: profile?.title || null, lang: langOfLocale(user?.locale, fallback) };
  } catch {
    return { slackUserId, name: slackUserId, title: null, lang: fallback };
  }
}

/**
 * The DM channel with one person (conversations.open): a message keyed to that channel is reconciled there like any
 * other, and Slack notifies the person, which a mention in a channel they are not in does not.
 */
export async function openDirectMessage(client: WebClient, slackUserId: string): Promise<string> {
  const res = await client.conversations.open({ users: slackUserId });
  const id = res.channel?.id;
  if (!id) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
  return id;
}

/**
 * Channel membership answers, kept briefly: a sweep reaching twenty heads, or a burst of button presses, asks Slack
 * once per (channel, person) a minute instead of paging through conversations.members each time.
 */
export class MembershipCache {
  private readonly entries = new Map<string, { member: boolean; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async isMember(channel: string, userId: string, ask: () => Promise<boolean>): Promise<boolean> {
    if (this.ttlMs <= 0) return ask();
    const key = `${channel}\u0000${userId}`;
    const hit = this.entries.get(key);
    const now = this.clock();
    if (hit && hit.until > now) return hit.member;
    const member = await ask();
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { member, until: now + this.ttlMs });
    return member;
  }
}
