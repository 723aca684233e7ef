import type { Lang } from "../../lib/i18n.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask } from "../../domain/campaigns/types.ts";
import { formatDeadline } from "../../domain/campaigns/format-local.ts";
import { escapeMrkdwn, section, type Block } from "../mrkdwn.ts";

/** The first block of every campaign modal: for which department, which task of which campaign, due when. */
export function modalHeader(
  campaign: Pick<CampaignInfo, "title">,
  task: CampaignTask,
  department: Pick<CampaignDepartment, "nameZh" | "nameEn">,
  zone: string,
  lang: Lang,
  now: Date,
): Block {
  const dept = escapeMrkdwn(lang === "zh" ? department.nameZh : department.nameEn);
  const due = formatDeadline(task.dueAt, zone, lang, now);
  return section(
    lang === "zh"
      ? `*${dept}* · ${escapeMrkdwn(task.title.zh)}\n${escapeMrkdwn(campaign.title.zh)} · 截止${due}`
      : `*${dept}* · ${escapeMrkdwn(task.title.en)}\n${escapeMrkdwn(campaign.title.en)} · due ${due}`,
  );
}

export const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
