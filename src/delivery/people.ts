import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client.ts";
import { registeredMemberships } from "../directory/membership.ts";
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

export type DepartmentRole = "head" | "liaison" | "channel_member";

/**
 * How (if at all) a user belongs to a department: registered head, registered liaison, or member of the
 * department's Slack channel (asked of Slack, so it is always current). Enforced server-side on every action.
 */
export async function departmentRole(db: Db, client: WebClient, slackUserId: string, departmentId: string): Promise<DepartmentRole | null> {
  const registered = (await registeredMemberships(db, slackUserId)).filter((m) => m.departmentId === departmentId);
  if (registered.some((m) => m.as === "head")) return "head";
  if (registered.length) return "liaison";
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { slackChannelId: true } });
  if (!department?.slackChannelId) return null;
  for await (const page of client.paginate("conversations.members", { channel: department.slackChannelId, limit: 200 })) {
    if ((page as { members?: string[] }).members?.includes(slackUserId)) return "channel_member";
  }
  return null;
}
