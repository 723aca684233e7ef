import type { Bilingual } from "../../lib/i18n.ts";
import type { CampaignDepartment } from "./types.ts";

export type PledgeCheck = { ok: true } | { ok: false; code: "not_registered_head" | "no_registered_head"; message: Bilingual };

/**
 * The speech asks every unit's legal representative or principal person to sign the pledge themselves
 * (法人代表或主要负责人都要签字), so only the head registered in the directory may; a liaison signing for them
 * would defeat the point. The refusal names who must sign, so the liaison knows whom to ask.
 */
export function maySignPledge(user: { slackUserId: string }, department: CampaignDepartment): PledgeCheck {
  const head = department.headSlackUserId;
  if (head === null) {
    return {
      ok: false,
      code: "no_registered_head",
      message: {
        zh: `${department.nameZh}尚未登记主要负责人（法人代表），暂时无法签署承诺。请联系安委办登记主要负责人后再签署。`,
        en: `${department.nameEn} has no registered principal head (legal representative), so the pledge cannot be signed yet. Please ask the safety office to register the principal head first.`,
      },
    };
  }
  if (user.slackUserId === head) return { ok: true };
  // The mention already shows the head's name; the title alone follows it ("<@U1>（局长）", not "@李洋（李洋，局长）").
  const zhWho = department.headTitle ?? "";
  const enWho = department.headTitle ?? "";
  return {
    ok: false,
    code: "not_registered_head",
    message: {
      zh: `安全承诺须由${department.nameZh}主要负责人 <@${head}>${zhWho ? `（${zhWho}）` : ""}本人签署，他人不能代签。`,
      en: `The safety pledge must be signed in person by ${department.nameEn}'s principal head, <@${head}>${enWho ? ` (${enWho})` : ""}; nobody can sign for them.`,
    },
  };
}
