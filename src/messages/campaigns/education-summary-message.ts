import type { Lang } from "../../lib/i18n.ts";
import type { EducationSummary } from "../../domain/campaigns/build-education-summary.ts";
import { formatDeadline } from "../../domain/campaigns/format-local.ts";
import type { CampaignInfo } from "../../domain/campaigns/types.ts";
import {
  context,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  progressBar,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import { headMention, moreNote } from "./head-mention.ts";

export interface EducationSummaryMessageInput {
  campaign: Pick<CampaignInfo, "id" | "title">;
  summary: EducationSummary;
  now: Date;
  zone: string;
  lang?: Lang;
}

/** The warning-education window has closed: who reported a session (when, where, how many), who did not, totals. */
export function buildEducationSummaryMessage(input: EducationSummaryMessageInput): SlackMessage {
  const { campaign, summary, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const { totals } = summary;
  const closed = formatDeadline(summary.task.dueAt, zone, lang, now);
  const headline = zh
    ? `已填报 ${totals.reported}/${totals.departments} 个单位，参加人数合计 ${totals.attendees} 人`
    : `${totals.reported} of ${totals.departments} departments reported; ${totals.attendees} attendees in all`;

  const reported = summary.reported.map(({ department, completion, session }) => {
    const dept = escapeMrkdwn(zh ? department.nameZh : department.nameEn);
    const by = escapeMrkdwn(completion.userName);
    if (!session) return zh ? `• *${dept}* — 已填报（${by}）` : `• *${dept}* — reported (${by})`;
    return zh
      ? `• *${dept}* — ${session.heldOn} · ${escapeMrkdwn(session.location)} · ${session.attendees} 人 · 填报人 ${by}`
      : `• *${dept}* — ${session.heldOn} · ${escapeMrkdwn(session.location)} · ${session.attendees} attended · by ${by}`;
  });
  const missing = summary.notReported.map((d) => `• *${escapeMrkdwn(zh ? d.nameZh : d.nameEn)}* · ${headMention(d, lang)}`);

  const blocks: Block[] = [
    header(zh ? `📊 警示教育总结：${campaign.title.zh}` : `📊 Warning education summary: ${campaign.title.en}`),
    section(`*${headline}*\n${progressBar(totals.reported, totals.departments)}`),
    context(zh ? `“${escapeMrkdwn(summary.task.title.zh)}”已于${closed}截止` : `“${escapeMrkdwn(summary.task.title.en)}” closed ${closed}`),
  ];
  // Those who did not report matter most to the office: they get their room first.
  const budget = MAX_MESSAGE_BLOCKS - blocks.length - 1;
  let omitted = 0;
  if (missing.length > 0) {
    const packed = packLines(
      missing,
      reported.length > 0 ? Math.ceil(budget / 2) : budget,
      zh ? `*未填报（${missing.length}）*` : `*Not reported (${missing.length})*`,
    );
    blocks.push(...packed.blocks);
    omitted += packed.omitted;
  }
  if (reported.length > 0) {
    const packed = packLines(
      reported,
      MAX_MESSAGE_BLOCKS - blocks.length - 1,
      zh ? `*已填报（${reported.length}）*` : `*Reported (${reported.length})*`,
    );
    blocks.push(...packed.blocks);
    omitted += packed.omitted;
  }
  if (omitted > 0) blocks.push(context(moreNote(omitted, campaign.id, lang)));

  return { text: `${zh ? "警示教育总结" : "Warning education summary"}: ${escapeMrkdwn(campaign.title[lang])} — ${headline}`, blocks };
}
