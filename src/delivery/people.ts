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
