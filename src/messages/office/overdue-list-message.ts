import { DateTime } from "luxon";
import { formatDay, formatDeadline, formatInstant, lateBy } from "../../domain/campaigns/format-local.ts";
import type { OverdueList, OverdueListSettings } from "../../domain/office/overdue-list.ts";
import type { Lang } from "../../lib/i18n.ts";
import { headMention, moreNote } from "../campaigns/head-mention.ts";
import {
  context,
  deptName,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";

export interface OfficeOverdueListInput {
  /** The office-local day the list is for (YYYY-MM-DD). */
  day: string;
  list: OverdueList;
  settings: OverdueListSettings;
  /** When it was rendered ("更新于 10:05"); left out of the rendering that decides whether Slack must be told. */
  asOf?: Date;
  /** Deadlines are shown without the year when it is this day's. */
  now: Date;
  zone: string;
  lang?: Lang;
}

/** The office's heads-up line for a hazard: number, unit, place, deadline, how late, the head to call. */
function hazardLine(h: OverdueList["hazards"][number], lang: Lang): string {
  const zh = lang === "zh";
  const listed = h.listed ? (zh ? "（挂牌督办）" : " (listed)") : "";
  const due = zh ? `期限 ${h.deadlineDay}` : `due ${h.deadlineDay}`;
  return `• *${escapeMrkdwn(h.number)}* ${deptName(h.unit, lang)} · ${escapeMrkdwn(h.placeName)}${listed} · ${due} · ${lateBy(h.overdueWorkingDays, lang)} · ${headMention(h.unit, lang)}`;
}

/**
 * The safety office's one overdue list of the day: every running campaign's overdue items (department, task, deadline,
 * working days late, the principal head to call), then the red hazards still being rectified. Posted once a day and
 * re-rendered in place as items get done (they drop off) or fall due; cut with a note to fit one message.
 */
export function buildOfficeOverdueList(input: OfficeOverdueListInput): SlackMessage {
  const { list, settings, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const day = formatDay(DateTime.fromISO(input.day, { zone }), lang, false);
  const blocks: Block[] = [header(zh ? `🔴 今日逾期名单 · ${day}` : `🔴 Overdue today · ${day}`)];
  const asOf = input.asOf
    ? zh
      ? ` · 更新于 ${formatInstant(input.asOf, zone, lang, now)}`
      : ` · as of ${formatInstant(input.asOf, zone, lang, now)}`
    : "";
  const summary = zh
    ? `共 ${list.count} 项逾期，涉及 ${list.units} 个单位${asOf}`
    : `${list.count} overdue item${list.count === 1 ? "" : "s"} in ${list.units} unit${list.units === 1 ? "" : "s"}${asOf}`;
  const threshold =
    settings.minOverdueWorkingDays > 0
      ? zh
        ? `仅列逾期满 ${settings.minOverdueWorkingDays} 个工作日的事项${list.belowThreshold ? `（另有 ${list.belowThreshold} 项未满，未列）` : ""}。`
        : `Listing items at least ${settings.minOverdueWorkingDays} working day${settings.minOverdueWorkingDays === 1 ? "" : "s"} late${list.belowThreshold ? ` (${list.belowThreshold} more below that are not listed)` : ""}.`
      : null;

  if (list.count === 0) {
    blocks.push(
      section(
        zh ? "✅ 目前没有逾期事项：今日名单上的事项均已完成。" : "✅ Nothing is overdue now: everything on today's list has been done.",
      ),
    );
    if (threshold) blocks.push(context(threshold));
    if (asOf) blocks.push(context(asOf.replace(/^ · /, "")));
    return { text: zh ? `今日逾期名单：没有逾期事项${asOf}` : `Overdue today: nothing overdue${asOf}`, blocks };
  }
  blocks.push(context(threshold ? `${summary}\n${threshold}` : summary));

  // One block is kept back for the note on what did not fit.
  let budget = MAX_MESSAGE_BLOCKS - blocks.length - 1;
  const notes: string[] = [];
  for (const { campaign, items } of list.campaigns) {
    const lines = items.map((item) => {
      const dept = deptName(item.department, lang);
      const due = formatDeadline(item.task.dueAt, zone, lang, now);
      const stale = item.stalePledge ? (zh ? "（承诺书已更新，待重新签署）" : " (pledge text changed, new signature needed)") : "";
      return `• *${dept}* — ${escapeMrkdwn(item.task.title[lang])}${stale} · ${zh ? `截止${due}` : `due ${due}`} · ${lateBy(item.overdueWorkingDays, lang)} · ${headMention(item.department, lang)}`;
    });
    const packed = packLines(
      lines,
      budget,
      `*📋 ${escapeMrkdwn(campaign.title[lang])}*${zh ? `（${items.length}）` : ` (${items.length})`}`,
    );
    blocks.push(...packed.blocks);
    budget -= packed.blocks.length;
    if (packed.omitted > 0) notes.push(moreNote(packed.omitted, campaign.id, lang));
  }
  if (list.hazards.length > 0) {
    const heading = zh ? `*🚧 红色督办隐患*（${list.hazards.length}）` : `*🚧 Red hazards* (${list.hazards.length})`;
    const packed = packLines(
      list.hazards.map((h) => hazardLine(h, lang)),
      budget,
      heading,
    );
    blocks.push(...packed.blocks);
    if (packed.omitted > 0) {
      notes.push(
        zh
          ? `…另有 ${packed.omitted} 项隐患未显示（消息长度有限），见隐患台账。`
          : `…and ${packed.omitted} more hazards not shown (message size limit); see the ledger.`,
      );
    }
  }
  if (notes.length) blocks.push(context(notes.join("\n")));
  return { text: `${zh ? "今日逾期名单" : "Overdue today"} — ${summary}`, blocks };
}
