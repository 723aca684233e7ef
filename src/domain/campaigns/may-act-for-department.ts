import type { Bilingual } from "../../lib/i18n.ts";
import type { CampaignDepartment } from "./types.ts";

export type ActorRole = "head" | "liaison" | "channel_member";

export interface DepartmentMembership {
  liaisonIds: readonly string[];
  /** The registered principal head, or null when none is registered. */
  headId: string | null;
  /** Members of the department's Slack channel, as `conversations.members` lists them. */
  channelMemberIds: readonly string[];
}

export type ActCheck = { ok: true; as: ActorRole } | { ok: false; code: "not_a_member"; message: Bilingual };

/**
 * Whether a person may acknowledge, report or record an education session for a department: its liaisons, its
 * registered head and the members of its channel may; nobody else — the safety office included, since a record
 * made by the office would say the department did something it did not.
 */
export function mayActForDepartment(
  user: { slackUserId: string },
  department: Pick<CampaignDepartment, "nameZh" | "nameEn">,
  membership: DepartmentMembership,
): ActCheck {
  const id = user.slackUserId;
  if (membership.headId !== null && membership.headId === id) return { ok: true, as: "head" };
  if (membership.liaisonIds.includes(id)) return { ok: true, as: "liaison" };
  if (membership.channelMemberIds.includes(id)) return { ok: true, as: "channel_member" };
  return {
    ok: false,
    code: "not_a_member",
    message: {
      zh: `您不是${department.nameZh}的联络员、主要负责人或频道成员，不能代表该单位操作。如有疑问请联系安委办。`,
      en: `You are not a liaison, the principal head or a channel member of ${department.nameEn}, so you cannot act for it. Please contact the safety office if you think you should.`,
    },
  };
}
