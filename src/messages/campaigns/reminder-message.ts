import type { Button } from "@slack/types";
import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { formatDeadline, formatDeadlineMoment } from "../../domain/campaigns/format-local.ts";
import { taskState } from "../../domain/campaigns/task-state.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask, CompletionRecord } from "../../domain/campaigns/types.ts";
import { deadlineDay, type SlotKind } from "../../domain/reminders/slot.ts";
import { context, escapeMrkdwn, section, type SlackMessage } from "../mrkdwn.ts";
import { taskButton } from "./task-button.ts";
import { headWithTitle, lateBy } from "./wording.ts";

export interface ReminderMessageInput {
  campaign: Pick<CampaignInfo, "id" | "title">;
  task: CampaignTask;
  department: CampaignDepartment;
  /** The slot being sent: before / due / overdue for deadlines, daily / final for a reporting window. */
  slot: { kind: Exclude<SlotKind, "escalate" | "summary"> };
  /** The department's completion, if any: a pledge signed on an older text is reminded with the reason. */
  completion?: CompletionRecord;
  now: Date;
  zone: string;
  lang?: Lang;
}

function calendarDaysUntil(now: Date, dueAt: Date, zone: string): number {
  const from = DateTime.fromISO(localDay(now, zone), { zone: "utc" });
  const to = DateTime.fromISO(deadlineDay(dueAt, zone), { zone: "utc" });
  return Math.round(to.diff(from, "days").days);
}

/** One item of a message: the sentence a person reads and the task's button (none when there is nothing to press). */
export interface ReminderLine {
  text: string;
  button: Button | null;
}

/** A nudge's sentence and button, alone (`buildReminderMessage`) or as one item of a department's morning bundle. */
export function reminderLine(input: ReminderMessageInput): ReminderLine {
  const { campaign, task, department, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const state = taskState(task, input.completion, now, zone);
  const dept = escapeMrkdwn(zh ? department.nameZh : department.nameEn);
  const title = escapeMrkdwn(task.title[lang]);
  const due = formatDeadline(task.dueAt, zone, lang, now);
  const days = calendarDaysUntil(now, task.dueAt, zone);
  const overdueDays = state.overdueWorkingDays;

  let text: string;
  switch (input.slot.kind) {
    case "before":
      text = zh
        ? `⏰ 提醒：${dept}的“${title}”将于${due}截止${days > 0 ? `，还有 ${days} 天` : ""}。`
        : `⏰ Reminder: ${dept}'s “${title}” is due ${due}${days > 0 ? ` — ${days} day${days === 1 ? "" : "s"} left` : ""}.`;
      break;
    case "due":
      text = zh ? `⏰ 今天截止：${dept}的“${title}”须于${due}完成。` : `⏰ Due today: ${dept}'s “${title}” must be done ${due}.`;
      break;
    case "overdue":
      text = zh
        ? `🔴 已逾期：${dept}的“${title}”已于${formatDeadlineMoment(task.dueAt, zone, lang, now)}截止${overdueDays > 0 ? `，${lateBy(overdueDays, lang)}` : ""}，请尽快完成。`
        : `🔴 Overdue: ${dept}'s “${title}” was due ${due}${overdueDays > 0 ? ` and is ${overdueDays} working day${overdueDays === 1 ? "" : "s"} late` : ""}. Please complete it now.`;
      break;
    case "daily":
      text = zh ? `📣 ${dept}尚未完成“${title}”，${due}截止。` : `📣 ${dept} has not yet completed “${title}”; it closes ${due}.`;
      break;
    case "final":
      text = zh
        ? `⚠️ 最后一天：${dept}尚未完成“${title}”，将于${due}截止，请今天完成。`
        : `⚠️ Last day: ${dept} has not yet completed “${title}”, which closes ${due}. Please complete it today.`;
      break;
  }
  if (state.stalePledge) text += `\n⚠️ ${state.stalePledge.message[lang]}`;

  const button = taskButton({ campaignId: campaign.id, taskKey: task.key, departmentId: department.id }, task, state, lang);
  return { text, button };
}

/** A nudge to a department that has not completed a task, with the task's button so it can act at once. */
export function buildReminderMessage(input: ReminderMessageInput): SlackMessage {
  const { text, button } = reminderLine(input);
  return { text, blocks: [section(text, undefined, button), context(escapeMrkdwn(input.campaign.title[input.lang ?? "zh"]))] };
}

export interface EscalationMessageInput {
  campaign: Pick<CampaignInfo, "id" | "title">;
  task: CampaignTask;
  department: CampaignDepartment;
  /** A pledge signed on an older text still escalates; the message says why. */
  completion?: CompletionRecord;
  now: Date;
  zone: string;
  lang?: Lang;
}

/** An escalation's sentence (mentioning the principal head) and button, alone or as one item of a morning bundle. */
export function escalationLine(input: EscalationMessageInput): ReminderLine {
  const { campaign, task, department, now, zone } = input;
  const lang = input.lang ?? "zh";
  const zh = lang === "zh";
  const state = taskState(task, input.completion, now, zone);
  const dept = escapeMrkdwn(zh ? department.nameZh : department.nameEn);
  const title = escapeMrkdwn(task.title[lang]);
  const due = formatDeadline(task.dueAt, zone, lang, now);
  const n = state.overdueWorkingDays;
  const late = zh
    ? `已于${formatDeadlineMoment(task.dueAt, zone, lang, now)}截止，${lateBy(n, lang)}`
    : `was due ${due} and is ${lateBy(n, lang)}`;

  const head = department.headSlackUserId;
  let ask: string;
  if (head) {
    const mention = headWithTitle(department, lang);
    // Only the head can sign a pledge: ask them to sign it themselves, not to urge the unit.
    if (task.kind === "pledge")
      ask = zh ? `请主要负责人 ${mention}本人尽快签署。` : `Principal head ${mention}: only you can sign it; please sign it now.`;
    else ask = zh ? `请主要负责人 ${mention}督促本单位尽快完成。` : `Principal head ${mention}: please see that it is done now.`;
  } else {
    ask = zh
      ? "本单位尚未登记主要负责人，请联系安委办登记。"
      : "No principal head is registered for this department; please ask the safety office to register one.";
  }
  const text = zh
    ? `🚨 督办：${dept}的“${title}”${late}。${ask}逾期情况已报安委办。`
    : `🚨 Escalation: ${dept}'s “${title}” ${late}. ${ask} The safety office has been notified.`;
  const full = state.stalePledge ? `${text}\n⚠️ ${state.stalePledge.message[lang]}` : text;
  const button = taskButton({ campaignId: campaign.id, taskKey: task.key, departmentId: department.id }, task, state, lang);
  return { text: full, button };
}

/** Overdue past the escalation threshold: the department channel is told, and its principal head mentioned. */
export function buildEscalationMessage(input: EscalationMessageInput): SlackMessage {
  const { text, button } = escalationLine(input);
  return { text, blocks: [section(text, undefined, button), context(escapeMrkdwn(input.campaign.title[input.lang ?? "zh"]))] };
}
