import type { Button } from "@slack/types";
import type { MeetingInfo } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { MEETING_ACTIONS } from "./ids.ts";
import { context, deptName, escapeMrkdwn as esc, header, mention, plain, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { encodeButtonValue } from "./refs.ts";
import { formatLocalDateTime, meetingTime } from "./time-text.ts";

/** A Briefing row with the names the message shows. */
export interface BriefingView {
  departmentId: string;
  nameZh: string;
  nameEn: string;
  headSlackUserId: string | null;
  headName: string | null;
  deputySlackUserId: string | null;
  deputyName: string | null;
  dueAt: Date;
  deputyConfirmedAt: Date | null;
  headConfirmedAt: Date | null;
}

export const BRIEFING_BUTTON_LABELS = {
  deputy: { zh: "已向主要负责人原原本本传达", en: "I briefed the head in full" },
  head: { zh: "已听取传达", en: "I have been briefed" },
  /** Nobody attended: there was nobody to listen to; the head gets the content from the office and has it studied. */
  headNobodyCame: { zh: "已组织传达学习", en: "Briefing held" },
} as const;

/** The label of a side's button: the head's says "briefing held" when nobody came to brief them. */
export function briefingButtonLabel(side: "deputy" | "head", b: Pick<BriefingView, "deputySlackUserId">): { zh: string; en: string } {
  if (side === "deputy") return BRIEFING_BUTTON_LABELS.deputy;
  return b.deputySlackUserId ? BRIEFING_BUTTON_LABELS.head : BRIEFING_BUTTON_LABELS.headNobodyCame;
}

function confirmButton(side: "deputy" | "head", b: BriefingView, meetingId: string, lang: Lang): Button {
  return {
    type: "button",
    action_id: side === "deputy" ? MEETING_ACTIONS.confirmDeputy : MEETING_ACTIONS.confirmHead,
    style: "primary",
    text: plain(briefingButtonLabel(side, b)[lang]),
    value: encodeButtonValue({ meetingId, departmentId: b.departmentId }),
  };
}

function sideLine(side: "deputy" | "head", b: BriefingView, now: Date, lang: Lang): string {
  const zh = lang === "zh";
  const who =
    side === "deputy"
      ? `${zh ? "代参会人" : "Attendee"} ${esc(b.deputyName ?? "")} ${mention(b.deputySlackUserId!)}`
      : `${zh ? "主要负责人" : "Principal head"} ${esc(b.headName ?? "")} ${mention(b.headSlackUserId!)}`;
  const at = side === "deputy" ? b.deputyConfirmedAt : b.headConfirmedAt;
  if (at) {
    const what =
      side === "deputy"
        ? zh
          ? "已确认已原原本本传达会议精神"
          : "confirmed briefing the head in full"
        : b.deputySlackUserId
          ? zh
            ? "已确认听取传达"
            : "confirmed being briefed"
          : zh
            ? "已确认组织传达学习"
            : "confirmed the briefing was held";
    return `✅ ${who}${zh ? "：" : ": "}${what} · ${formatLocalDateTime(at, lang)}`;
  }
  const overdue = now > b.dueAt;
  const waiting =
    side === "deputy"
      ? zh
        ? "待确认已传达"
        : "to confirm the briefing"
      : b.deputySlackUserId
        ? zh
          ? "待确认已听取传达"
          : "to confirm being briefed"
        : zh
          ? "待确认已组织传达学习"
          : "to confirm the briefing was held";
  return `${overdue ? "🔴" : "⬜"} ${who}${zh ? "：" : ": "}${waiting}${overdue ? (zh ? "（已逾期）" : " (overdue)") : ""}`;
}

/**
 * The follow-up in the channel of a department whose head did not attend in person: the attendee confirms they
 * briefed the head in full (原原本本), the head confirms they were briefed. Each button is for that one person;
 * a confirmed side loses its button. Rendered again after every press.
 */
export function buildBriefingMessage(input: { meeting: MeetingInfo; briefing: BriefingView; now: Date; lang: Lang }): SlackMessage {
  const { meeting, briefing: b, now, lang } = input;
  const zh = lang === "zh";
  const dept = deptName(b, lang);
  const when = meetingTime(meeting.startsAt, lang);
  const head = b.headSlackUserId ? esc(b.headName ?? b.headSlackUserId) : null;
  const deputy = b.deputySlackUserId ? esc(b.deputyName ?? b.deputySlackUserId) : null;

  let situation: string;
  if (head && deputy) {
    situation = zh
      ? `本单位主要负责人 ${head} 未本人参加${when}召开的会议，由 ${deputy} 代参会。请 ${deputy} 向主要负责人原原本本传达会议精神后确认，请 ${head} 听取传达后确认。`
      : `The principal head, ${head}, did not attend the meeting of ${when} in person; ${deputy} attended instead. ${deputy}: brief the head on the meeting in full, then confirm. ${head}: confirm once you have been briefed.`;
  } else if (head) {
    situation = zh
      ? `本单位无人参加${when}召开的会议。请主要负责人 ${head} 向安委办了解会议精神、组织传达学习后确认。`
      : `Nobody from the department attended the meeting of ${when}. ${head}: obtain the meeting's content from the safety office, have it briefed, then confirm.`;
  } else {
    situation = zh
      ? `本单位未登记主要负责人；${deputy} 代参加了${when}召开的会议。请 ${deputy} 向主要负责人原原本本传达会议精神后确认。`
      : `No principal head is registered for the department; ${deputy} attended the meeting of ${when}. ${deputy}: brief the head in full, then confirm.`;
  }

  if (meeting.status === "cancelled") {
    return {
      text: zh ? `【会议已取消】${esc(meeting.title)}：无需传达确认` : `Meeting cancelled: ${esc(meeting.title)}; no briefing needed`,
      blocks: [
        header(`${zh ? "🚫 会议已取消：" : "🚫 Meeting cancelled: "}${meeting.title}`),
        section(
          zh
            ? `*致：${dept}*\n${when}的会议已取消，无需传达确认，不计入缺席记录。`
            : `*To: ${dept}*\nThe meeting of ${when} has been cancelled: no briefing is needed, and it does not count in the absence record.`,
          "briefing_cancelled",
        ),
        context(zh ? `会议编号 ${meeting.id}` : `Meeting id ${meeting.id}`),
      ],
    };
  }
  const overdue = now > b.dueAt && !((!b.deputySlackUserId || b.deputyConfirmedAt) && (!b.headSlackUserId || b.headConfirmedAt));
  const blocks: Block[] = [
    header(`${zh ? "📣 会议精神传达确认：" : "📣 Briefing confirmation: "}${meeting.title}`),
    section(
      `${zh ? `*致：${dept}*` : `*To: ${dept}*`}\n${situation}\n${zh ? "确认截止" : "Confirm by"}${zh ? "：" : ": "}*${formatLocalDateTime(b.dueAt, lang)}*${overdue ? (zh ? " 🔴 已逾期" : " 🔴 overdue") : ""}`,
    ),
  ];
  if (b.deputySlackUserId) {
    blocks.push(
      section(
        sideLine("deputy", b, now, lang),
        "briefing_deputy",
        b.deputyConfirmedAt ? null : confirmButton("deputy", b, meeting.id, lang),
      ),
    );
  }
  if (b.headSlackUserId) {
    blocks.push(
      section(sideLine("head", b, now, lang), "briefing_head", b.headConfirmedAt ? null : confirmButton("head", b, meeting.id, lang)),
    );
  }
  blocks.push(
    context(
      zh
        ? `每个按钮只能由对应的本人点击。逾期未确认的将报安委办。会议编号 ${meeting.id}`
        : `Each button is for the person named beside it only. Unconfirmed briefings are reported to the safety office after the deadline. Meeting id ${meeting.id}`,
    ),
  );
  return {
    text: zh
      ? `【会议精神传达确认】${esc(meeting.title)} · ${esc(b.nameZh)} · 截止 ${formatLocalDateTime(b.dueAt, "zh")}`
      : `Briefing confirmation — ${esc(meeting.title)} · ${esc(b.nameEn)} · due ${formatLocalDateTime(b.dueAt, "en")}`,
    blocks,
  };
}

/** A reminder in the thread of the confirmation, naming only those who have not confirmed. */
export function buildBriefingReminder(input: {
  meeting: MeetingInfo;
  briefing: BriefingView;
  kind: "before" | "due";
  lang: Lang;
}): SlackMessage {
  const { meeting, briefing: b, lang } = input;
  const zh = lang === "zh";
  const waiting: string[] = [];
  if (b.deputySlackUserId && !b.deputyConfirmedAt) {
    waiting.push(
      zh
        ? `${mention(b.deputySlackUserId)} 请确认已向主要负责人原原本本传达`
        : `${mention(b.deputySlackUserId)} please confirm you briefed the head in full`,
    );
  }
  if (b.headSlackUserId && !b.headConfirmedAt) {
    waiting.push(
      b.deputySlackUserId
        ? zh
          ? `${mention(b.headSlackUserId)} 请确认已听取传达`
          : `${mention(b.headSlackUserId)} please confirm you have been briefed`
        : zh
          ? `${mention(b.headSlackUserId)} 本单位无人参会，请向安委办了解会议精神、组织传达学习后确认`
          : `${mention(b.headSlackUserId)} nobody attended: obtain the content from the safety office, have it briefed, then confirm`,
    );
  }
  const due = formatLocalDateTime(b.dueAt, lang);
  const lead =
    input.kind === "due"
      ? zh
        ? `⏰ 今天 ${due.slice(-5)} 截止：「${esc(meeting.title)}」会议精神传达确认。`
        : `⏰ Due today at ${due.slice(-5)}: briefing confirmation for "${esc(meeting.title)}".`
      : zh
        ? `🔔 提醒：「${esc(meeting.title)}」会议精神传达确认将于 ${due} 截止。`
        : `🔔 Reminder: the briefing confirmation for "${esc(meeting.title)}" is due ${due}.`;
  const text = `${lead}\n${waiting.join("\n")}\n${zh ? "请在上方消息中点击按钮确认。" : "Use the buttons in the message above."}`;
  return { text, blocks: [section(text)] };
}
