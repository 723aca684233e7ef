import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client.ts";
import { registeredMemberships } from "../directory/membership.ts";

export interface Person {
  slackUserId: string;
  name: string;
  title: string | null;
}

/** A Slack user's display name and title (users.info); falls back to the id when Slack does not say. */
export async function lookUpPerson(client: WebClient, slackUserId: string): Promise<Person> {
  try {
    const res = await client.users.info({ user: slackUserId });
    const profile = res.user?.profile;
    const name = profile?.real_name || res.user?.real_name || profile?.display_name || res.user?.name || slackUserId;
    return { slackUserId, name, title: profile?.title || null };
  } catch {
    return { slackUserId, name: slackUserId, title: null };
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
