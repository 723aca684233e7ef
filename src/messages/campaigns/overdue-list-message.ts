import type { Lang } from "../../lib/i18n.ts";
import type { OverdueItem } from "../../domain/campaigns/build-status-board.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import type { CampaignDepartment, CampaignInfo } from "../../domain/campaigns/types.ts";
import { headWithTitle, lateBy } from "./wording.ts";
import { context, escapeMrkdwn, header, MAX_MESSAGE_BLOCKS, packLines, section, type Block, type SlackMessage } from "../mrkdwn.ts";

export interface OverdueListInput {
  campaign: Pick<CampaignInfo, "id" | "title">;
  /** Usually `board.overdue`, or the part of it being escalated. */
  items: readonly OverdueItem[];
  now: Date;
  zone: string;
  lang?: Lang;
}

/** "主要负责人 <@U1>（局长）" — the office sees whom to call (the mention already shows the name). */
export function headMention(department: CampaignDepartment, lang: Lang): string {
  const zh = lang === "zh";
  if (!department.headSlackUserId) return zh ? "未登记主要负责人" : "no principal head registered";
  return zh ? `主要负责人 ${headWithTitle(department, lang)}` : `principal head ${headWithTitle(department, lang)}`;
}

/** The overdue list for the safety office channel: department, task, deadline, working days late, and the head. */
export function buildOverdueListMessage(input: OverdueListInput): SlackMessage {
  const { campaign, items, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const departments = new Set(items.map((i) => i.department.id)).size;
  const blocks: Block[] = [header(zh ? `🔴 逾期名单：${campaign.title.zh}` : `🔴 Overdue: ${campaign.title.en}`)];
  const summary = zh
    ? `共 ${items.length} 项逾期，涉及 ${departments} 个单位 · 统计时间 ${formatInstant(now, zone, lang, now)}`
    : `${items.length} overdue task${items.length === 1 ? "" : "s"} in ${departments} department${departments === 1 ? "" : "s"} · as of ${formatInstant(now, zone, lang, now)}`;
  if (items.length === 0) {
    blocks.push(section(zh ? "✅ 目前没有逾期单位。" : "✅ No department is overdue."));
    return { text: `${escapeMrkdwn(campaign.title[lang])}${zh ? "：没有逾期单位" : ": nobody is overdue"}`, blocks };
  }
  blocks.push(context(summary));
  const lines = items.map((item) => {
    const dept = escapeMrkdwn(zh ? item.department.nameZh : item.department.nameEn);
    const due = formatDeadline(item.task.dueAt, zone, lang, now);
    const n = item.overdueWorkingDays;
    const late = lateBy(n, lang);
    const stale = item.stalePledge ? (zh ? "（承诺书已更新，待重新签署）" : " (pledge text changed, new signature needed)") : "";
    return `• *${dept}* — ${escapeMrkdwn(item.task.title[lang])}${stale} · ${zh ? `截止${due}` : `due ${due}`} · ${late} · ${headMention(item.department, lang)}`;
  });
  const packed = packLines(lines, MAX_MESSAGE_BLOCKS - blocks.length - 1);
  blocks.push(...packed.blocks);
  if (packed.omitted > 0) blocks.push(context(moreNote(packed.omitted, campaign.id, lang)));
  return { text: `${zh ? "逾期名单" : "Overdue"}: ${escapeMrkdwn(campaign.title[lang])} — ${summary}`, blocks };
}

/** The note under a list cut to fit one message, pointing at the full data. */
export function moreNote(omitted: number, campaignId: string, lang: Lang): string {
  return lang === "zh"
    ? `…另有 ${omitted} 条未显示（消息长度有限）。完整名单：\`npx redline status ${campaignId} --json\``
    : `…and ${omitted} more not shown (message size limit). Full list: \`npx redline status ${campaignId} --json\``;
}
