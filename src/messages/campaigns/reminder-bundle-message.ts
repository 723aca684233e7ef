import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";
import { formatDay } from "../../domain/campaigns/format-local.ts";
import type { CampaignDepartment, CampaignInfo } from "../../domain/campaigns/types.ts";
import { clip, context, escapeMrkdwn, MAX_MESSAGE_BLOCKS, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import {
  escalationLine,
  reminderLine,
  type EscalationMessageInput,
  type ReminderLine,
  type ReminderMessageInput,
} from "./reminder-message.ts";

type ItemFields = "campaign" | "department" | "now" | "zone" | "lang";

/** One item of a bundle: a reminder slot or an escalation of one task, with what its sentence needs. */
export type BundleItemInput =
  ({ kind: "reminder" } & Omit<ReminderMessageInput, ItemFields>) | ({ kind: "escalation" } & Omit<EscalationMessageInput, ItemFields>);

export interface ReminderBundleInput {
  department: CampaignDepartment;
  /** In the order shown; each campaign's items under its title. */
  campaigns: { campaign: Pick<CampaignInfo, "id" | "title">; items: BundleItemInput[] }[];
  /** This message's place when the department's items at this tick took more than one message. */
  part?: { index: number; count: number };
  now: Date;
  zone: string;
  lang?: Lang;
}

/**
 * Blocks a bundle may spend on its items (`bundleItemBlocks`: a section per item, a heading per campaign): Slack's 50
 * less the opening line and one closing note.
 */
export const BUNDLE_ITEM_BUDGET = MAX_MESSAGE_BLOCKS - 2;

/** Slack shows the fallback in notifications; past a few thousand characters it is cut anyway. */
const MAX_FALLBACK_TEXT = 4000;

function lineOf(
  item: BundleItemInput,
  common: Pick<ReminderBundleInput, "department" | "now" | "zone" | "lang">,
  campaign: Pick<CampaignInfo, "id" | "title">,
): ReminderLine {
  const base = { ...common, campaign };
  return item.kind === "escalation" ? escalationLine({ ...base, ...item }) : reminderLine({ ...base, ...item });
}

function opening(input: ReminderBundleInput, total: number, escalations: number, lang: Lang): string {
  const zh = lang === "zh";
  const dept = escapeMrkdwn(zh ? input.department.nameZh : input.department.nameEn);
  const day = formatDay(DateTime.fromJSDate(input.now, { zone: input.zone }), lang, false);
  const part = input.part && input.part.count > 1 ? input.part : null;
  if (zh) {
    const of = part ? `（第 ${part.index}/${part.count} 条）` : "";
    const esc = escalations > 0 ? `，其中督办 ${escalations} 项` : "";
    return `📋 ${dept}${day}待办提醒${of}：共 ${total} 项${esc}，请逐项点击按钮办理。`;
  }
  const of = part ? ` (message ${part.index} of ${part.count})` : "";
  const esc = escalations > 0 ? `, ${escalations} of them escalated` : "";
  return `📋 ${dept} — reminders for ${day}${of}: ${total} item${total === 1 ? "" : "s"}${esc}. Use each item's button to act on it.`;
}

/**
 * A department's morning bundle: every reminder and escalation due for it at this tick in one message, grouped by
 * campaign, each item with its own sentence and button (an escalation keeps its principal-head mention). A single
 * item reads as it always did, alone. More items than 50 blocks hold are cut with a note pointing to the Home tab;
 * the sweep plans bundles (`planBundles` with `BUNDLE_ITEM_BUDGET`) so that this does not happen.
 */
export function buildReminderBundleMessage(input: ReminderBundleInput): SlackMessage {
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const common = { department: input.department, now: input.now, zone: input.zone, lang };
  const groups = input.campaigns
    .filter((g) => g.items.length > 0)
    .map((g) => ({ campaign: g.campaign, lines: g.items.map((item) => lineOf(item, common, g.campaign)) }));
  const total = groups.reduce((n, g) => n + g.lines.length, 0);
  if (total === 0) throw new RangeError("a reminder bundle needs at least one item");
  const campaignTitle = (c: Pick<CampaignInfo, "title">) => escapeMrkdwn(c.title[lang]);

  const single = total === 1 && !(input.part && input.part.count > 1);
  if (single) {
    const { campaign, lines } = groups[0]!;
    const { text, button } = lines[0]!;
    return { text, blocks: [section(text, undefined, button), context(campaignTitle(campaign))] };
  }

  const escalations = input.campaigns.reduce((n, g) => n + g.items.filter((i) => i.kind === "escalation").length, 0);
  const intro = opening(input, total, escalations, lang);
  const blocks: Block[] = [section(intro)];
  const fallback: string[] = [intro];
  let shown = 0;
  let budget = BUNDLE_ITEM_BUDGET;
  for (const { campaign, lines } of groups) {
    if (budget < 2) break;
    blocks.push(section(`*${campaignTitle(campaign)}*`));
    fallback.push(`【${campaignTitle(campaign)}】`);
    budget--;
    for (const line of lines) {
      if (budget < 1) break;
      blocks.push(section(line.text, undefined, line.button));
      fallback.push(`• ${line.text}`);
      shown++;
      budget--;
    }
  }
  const left = total - shown;
  if (left > 0) {
    blocks.push(
      context(
        zh
          ? `另有 ${left} 项未能列出，请在 redline 应用主页查看并办理。`
          : `${left} more not shown here: open redline's Home tab to see and act on them.`,
      ),
    );
  } else if (input.part && input.part.index < input.part.count) {
    blocks.push(context(zh ? "其余提醒见下一条消息。" : "More reminders follow in the next message."));
  }
  return { text: clip(fallback.join("\n"), MAX_FALLBACK_TEXT), blocks };
}
