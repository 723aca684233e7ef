import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Membership } from "../domain/directory/membership.ts";

export type { Membership };

/** The departments a Slack user is registered with, as principal head or liaison. */
export async function registeredMemberships(db: Db, slackUserId: string): Promise<Membership[]> {
  const [headOf, liaisonOf] = await Promise.all([
    db.department.findMany({ where: { headSlackUserId: slackUserId }, select: { id: true } }),
    db.liaison.findMany({ where: { slackUserId }, select: { departmentId: true } }),
  ]);
  return [
    ...headOf.map((d) => ({ departmentId: d.id, as: "head" as const })),
    ...liaisonOf.map((l) => ({ departmentId: l.departmentId, as: "liaison" as const })),
  ];
}

/** Safety-office staff: the head or a liaison of a department of kind `office`. */
export async function isOfficeMember(db: Db, slackUserId: string): Promise<boolean> {
  const count = await db.department.count({
    where: { kind: "office", OR: [{ headSlackUserId: slackUserId }, { liaisons: { some: { slackUserId } } }] },
  });
  return count > 0;
}

export type DepartmentRole = "head" | "liaison" | "channel_member";

/**
 * How (if at all) a user belongs to a department: registered head, registered liaison, or member of the
 * department's Slack channel (asked of Slack, so it is always current). Enforced server-side on every action.
 */
export async function departmentRole(
  db: Db,
  slack: Pick<Delivery, "isChannelMember">,
  slackUserId: string,
  departmentId: string,
): Promise<DepartmentRole | null> {
  const registered = (await registeredMemberships(db, slackUserId)).filter((m) => m.departmentId === departmentId);
  if (registered.some((m) => m.as === "head")) return "head";
  if (registered.length) return "liaison";
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { slackChannelId: true } });
  if (!department?.slackChannelId) return null;
  return (await slack.isChannelMember(department.slackChannelId, slackUserId)) ? "channel_member" : null;
}
