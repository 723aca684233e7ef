import type { ActionsBlock } from "@slack/types";
import { HAZARD_COLOUR_NAMES } from "../../domain/hazards/colour.ts";
import type { HazardReminderKind } from "../../domain/hazards/reminders.ts";
import type { Lang } from "../../lib/i18n.ts";
import { deptName, escapeMrkdwn as esc, mention, person, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { deadlineText, hazardButtons, type HazardCardData } from "./hazard-card.ts";
import { HAZARD_ACTIONS } from "./ids.ts";

/** A hazard as the supervision notices and reminders show it: the card's data, the unit's head and the 五落实. */
export interface HazardNoticeData extends HazardCardData {
  head: { slackUserId: string | null; name: string | null; title: string | null };
  measures: string | null;
  responsibility: string | null;
  funding: string | null;
  contingencyPlan: string | null;
}

const WEEKDAYS = {
  zh: ["", "周一", "周二", "周三", "周四", "周五"],
  en: ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
} as const;

/** The head by mention when registered in Slack, else by name; "the principal head" when nobody is registered. */
function headOf(h: HazardNoticeData, lang: Lang): string {
  if (h.head.slackUserId) return mention(h.head.slackUserId);
  if (h.head.name) return person({ name: h.head.name, title: h.head.title }, lang);
  return lang === "zh" ? "主要负责人" : "the principal head";
}

const title = (h: Pick<HazardNoticeData, "number" | "unit" | "placeName">, lang: Lang) => `*${h.number}* ${deptName(h.unit, lang)} · ${esc(h.placeName)}`;

function actions(h: HazardNoticeData, lang: Lang, only?: readonly string[]): Block[] {
  const buttons = hazardButtons(h, lang).filter((b) => !only || only.includes(b.action_id!));
  return buttons.length ? [{ type: "actions", block_id: `hazard_${h.id}_notice`, elements: buttons } satisfies ActionsBlock] : [];
}

/**
 * 督办通知: a major hazard is listed for supervision. The unit's copy mentions its principal head and carries the
 * progress button; the office's copy names the unit and links the card.
 */
export function buildSupervisionNotice(
  h: HazardNoticeData,
  audience: "unit" | "office",
  progressWeekday: number,
  lang: Lang,
): SlackMessage {
  const zh = lang === "zh";
  const weekday = WEEKDAYS[lang][progressWeekday] ?? "";
  const five = zh
    ? [
        `*责任：* ${esc(h.responsibility ?? "—")}（责任人 ${h.responsibleSlackUserId ? mention(h.responsibleSlackUserId) : esc(h.responsibleName ?? "—")}）`,
        `*措施：* ${esc(h.measures ?? "—")}`,
        `*资金：* ${esc(h.funding ?? "—")}`,
        `*时限：* ${deadlineText(h, lang)}`,
        `*预案：* ${esc(h.contingencyPlan ?? "—")}`,
      ]
    : [
        `*Responsibility:* ${esc(h.responsibility ?? "—")} (responsible: ${h.responsibleSlackUserId ? mention(h.responsibleSlackUserId) : esc(h.responsibleName ?? "—")})`,
        `*Measures:* ${esc(h.measures ?? "—")}`,
        `*Funding:* ${esc(h.funding ?? "—")}`,
        `*Deadline:* ${deadlineText(h, lang)}`,
        `*Contingency plan:* ${esc(h.contingencyPlan ?? "—")}`,
      ];
  const lead =
    audience === "unit"
      ? zh
        ? `🏷️ *督办通知* ${headOf(h, lang)}：重大隐患 ${title(h, lang)} 已由安委办挂牌督办。请主要负责人亲自督促，按“五落实”限期整改，销号前每${weekday}报送一次整改进展；销号须经安委办验收。`
        : `🏷️ *Supervision notice* ${headOf(h, lang)}: major hazard ${title(h, lang)} is listed for supervision by the safety office. Please see to it personally: rectify by the deadline under the five implementations, report progress every ${weekday} until it is closed; closing it needs the office's acceptance.`
      : zh
        ? `🏷️ *挂牌督办* 重大隐患 ${title(h, lang)} 已挂牌督办，已通知 ${deptName(h.unit, lang)} 主要负责人 ${headOf(h, lang)}。`
        : `🏷️ *Listed* Major hazard ${title(h, lang)} is listed for supervision; ${deptName(h.unit, lang)}'s principal head ${headOf(h, lang)} has been told.`;
  const blocks: Block[] = [section(lead), section(five.join("\n"))];
  if (audience === "unit") blocks.push(...actions(h, lang, [HAZARD_ACTIONS.progress]));
  const text = zh ? `督办通知：重大隐患 ${h.number} 已挂牌督办` : `Supervision notice: major hazard ${h.number} is listed`;
  return { text: esc(text), blocks };
}

/** 摘牌销号: the office accepted a listed hazard's rectification; told in the office channel and the unit's. */
export function buildDelistNotice(h: HazardNoticeData, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const text = zh
    ? `✅ *摘牌销号* 挂牌督办隐患 ${title(h, lang)} 已经安委办验收通过，摘牌销号。`
    : `✅ *Delisted* Listed hazard ${title(h, lang)} passed the safety office's acceptance and is closed.`;
  return { text: esc(zh ? `摘牌销号：${h.number}` : `Delisted: ${h.number}`), blocks: [section(text)] };
}

export interface ReminderFacts {
  kind: HazardReminderKind;
  overdueWorkingDays: number;
  workingDaysLeft: number;
  /** Where the reminder goes: the owning unit, or the acceptor (lead department or office). */
  audience: "unit" | "acceptor";
  progressWeekday: number;
  /** For an acceptance reminder: when the rectification was submitted. */
  submittedDay: string | null;
  waitedWorkingDays: number;
}

/** One reminder: the hazard, what is due, and the button that does it. */
export function buildHazardReminder(h: HazardNoticeData, r: ReminderFacts, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const colour = HAZARD_COLOUR_NAMES[h.status.colour].emoji;
  const weekday = WEEKDAYS[lang][r.progressWeekday] ?? "";
  const listed = h.listed ? (zh ? "（挂牌督办）" : " (listed)") : "";
  let line: string;
  let only: string[] = [HAZARD_ACTIONS.rectify];
  switch (r.kind) {
    case "near":
      line = zh
        ? `${colour} *隐患整改提醒* ${title(h, lang)}${listed}：整改期限 ${h.deadlineDay}，还剩 ${r.workingDaysLeft} 个工作日，请按期整改并提交整改。`
        : `${colour} *Rectification reminder* ${title(h, lang)}${listed}: due ${h.deadlineDay}, ${r.workingDaysLeft} working days left; please rectify and submit it.`;
      break;
    case "today":
      line = zh
        ? `${colour} *隐患今日到期* ${title(h, lang)}${listed}：今天是整改期限（${h.deadlineDay}）的最后一个工作日，请今天完成整改并提交。`
        : `${colour} *Due today* ${title(h, lang)}${listed}: today is the last working day before the deadline (${h.deadlineDay}); please rectify and submit it today.`;
      break;
    case "overdue":
      line = zh
        ? `${colour} *隐患已逾期* ${title(h, lang)}${listed}：整改期限 ${h.deadlineDay}，已逾期 ${r.overdueWorkingDays} 个工作日，请尽快整改并提交。`
        : `${colour} *Overdue* ${title(h, lang)}${listed}: due ${h.deadlineDay}, overdue by ${r.overdueWorkingDays} working days; please rectify and submit it now.`;
      break;
    case "escalate":
      // To the unit's principal head; the office sees red hazards on its daily overdue list instead.
      line = zh
        ? `:red_circle: *逾期督办* ${headOf(h, lang)}：隐患 ${title(h, lang)}${listed} 已逾期 ${r.overdueWorkingDays} 个工作日（期限 ${h.deadlineDay}），请主要负责人督促立即整改。`
        : `:red_circle: *Overdue — escalated* ${headOf(h, lang)}: hazard ${title(h, lang)}${listed} is ${r.overdueWorkingDays} working days overdue (due ${h.deadlineDay}); please see that it is rectified now.`;
      break;
    case "acceptance":
      only = [HAZARD_ACTIONS.accept, HAZARD_ACTIONS.return];
      line = zh
        ? `⏳ *待验收提醒* 隐患 ${title(h, lang)}${listed} 的整改已于 ${r.submittedDay ?? "—"} 提交，已等待验收 ${r.waitedWorkingDays} 个工作日，请验收通过或退回。`
        : `⏳ *Waiting for acceptance* Hazard ${title(h, lang)}${listed}: the rectification was submitted on ${r.submittedDay ?? "—"} and has waited ${r.waitedWorkingDays} working days; please accept or return it.`;
      break;
    case "progress":
      only = [HAZARD_ACTIONS.progress];
      line = zh
        ? `🏷️ *跟踪督办* 挂牌督办隐患 ${title(h, lang)}：请于本周${weekday}报送整改进展（整改期限 ${deadlineText(h, lang)}）。`
        : `🏷️ *Progress report due* Listed hazard ${title(h, lang)}: please report this week's progress by ${weekday} (deadline ${deadlineText(h, lang)}).`;
      break;
  }
  const blocks: Block[] = [section(line), ...actions(h, lang, only)];
  const plainLine = line.replace(/<@[A-Z0-9]+>/g, "").replace(/[*]/g, "");
  return { text: plainLine.slice(0, 300), blocks };
}

/**
 * To each member of the supervision group that found the hazard, by DM: the finding was accepted (销号), or returned
 * after a failed acceptance with the reason — so the group sees whether what it found was closed.
 */
export function buildGroupFindingNotice(
  input: {
    hazard: Pick<HazardCardData, "number" | "unit" | "placeName">;
    group: { nameZh: string; nameEn: string };
    outcome: "accepted" | "returned";
    actorSlackUserId: string;
    note: string | null;
  },
  lang: Lang,
): SlackMessage {
  const zh = lang === "zh";
  const group = esc(zh ? input.group.nameZh : input.group.nameEn);
  const what = title(input.hazard, lang);
  const by = mention(input.actorSlackUserId);
  const reason = input.note ? (zh ? `\n退回原因：${esc(input.note)}` : `\nReason: ${esc(input.note)}`) : "";
  const text =
    input.outcome === "accepted"
      ? zh
        ? `✅ ${group}发现的隐患 ${what} 已验收通过，销号（${by} 验收）。`
        : `✅ A hazard ${group} found, ${what}, passed acceptance and is closed (accepted by ${by}).`
      : zh
        ? `↩️ ${group}发现的隐患 ${what} 验收未通过，已退回继续整改（${by} 退回）。${reason}`
        : `↩️ A hazard ${group} found, ${what}, failed acceptance and went back for rectification (returned by ${by}).${reason}`;
  const plainText =
    input.outcome === "accepted"
      ? zh
        ? `${input.hazard.number} 已销号`
        : `${input.hazard.number} closed`
      : zh
        ? `${input.hazard.number} 已退回整改`
        : `${input.hazard.number} returned`;
  return { text: plainText, blocks: [section(text)] };
}
