import type { Lang } from "../../lib/i18n.ts";
import type { CampaignDepartment } from "../../domain/campaigns/types.ts";
import { headWithTitle } from "./wording.ts";

/** "主要负责人 <@U1>（局长）" — the office sees whom to call (the mention already shows the name). */
export function headMention(department: CampaignDepartment, lang: Lang): string {
  const zh = lang === "zh";
  if (!department.headSlackUserId) return zh ? "未登记主要负责人" : "no principal head registered";
  return zh ? `主要负责人 ${headWithTitle(department, lang)}` : `principal head ${headWithTitle(department, lang)}`;
}

/** The note under a list cut to fit one message, pointing at the full data. */
export function moreNote(omitted: number, campaignId: string, lang: Lang): string {
  return lang === "zh"
    ? `…另有 ${omitted} 条未显示（消息长度有限）。完整名单：\`npx redline status ${campaignId} --json\``
    : `…and ${omitted} more not shown (message size limit). Full list: \`npx redline status ${campaignId} --json\``;
}
