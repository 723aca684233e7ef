import type { Db } from "../db/client.ts";

export interface Membership {
  departmentId: string;
  as: "head" | "liaison";
}

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
