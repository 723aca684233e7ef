import type { MeetingInfo } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { BriefingView } from "./briefing-message.ts";
import { context, deptName, escapeMrkdwn as esc, header, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { listSections } from "./mrkdwn.ts";
import { formatLocalDateTime, meetingTime } from "./time-text.ts";

/** For the safety office, once: the departments that have not confirmed the briefing by the deadline, and who has not. */
export function buildOverdueBriefingsMessage(input: { meeting: MeetingInfo; overdue: readonly BriefingView[]; lang: Lang }): SlackMessage {
  const { meeting, overdue, lang } = input;
  const zh = lang === "zh";
  const lines = overdue.map((b) => {
    const missing: string[] = [];
    if (b.deputySlackUserId && !b.deputyConfirmedAt)
      missing.push(
        zh
          ? `代参会人 ${esc(b.deputyName ?? b.deputySlackUserId)} 未确认已传达`
          : `attendee ${esc(b.deputyName ?? b.deputySlackUserId)} has not confirmed briefing`,
      );
    if (b.headSlackUserId && !b.headConfirmedAt)
      missing.push(
        zh
          ? `主要负责人 ${esc(b.headName ?? b.headSlackUserId)} 未确认${b.deputySlackUserId ? "已听取传达" : "已组织传达学习（无人参会）"}`
          : `principal head ${esc(b.headName ?? b.headSlackUserId)} has not confirmed ${b.deputySlackUserId ? "being briefed" : "holding the briefing (nobody attended)"}`,
      );
    return `• *${deptName(b, lang)}* · ${missing.join(zh ? "；" : "; ")}`;
  });
  const due = overdue[0] ? formatLocalDateTime(overdue[0].dueAt, lang) : "";
  const blocks: Block[] = [
    header(`${zh ? "🔴 会议精神传达逾期未确认：" : "🔴 Briefings not confirmed: "}${meeting.title}`),
    section(
      zh
        ? `${meetingTime(meeting.startsAt, lang)}召开的会议，以下 ${overdue.length} 个单位截至 ${due} 仍未确认已原原本本传达会议精神：`
        : `For the meeting of ${meetingTime(meeting.startsAt, lang)}, these ${overdue.length} departments had not confirmed the briefing by ${due}:`,
    ),
    ...listSections("", lines, 40, lang),
    context(
      zh
        ? `签到表（含传达情况）：/redline meeting export ${meeting.id}`
        : `Sign-in sheet with briefing status: /redline meeting export ${meeting.id}`,
    ),
  ];
  return {
    text: zh
      ? `【传达逾期】${esc(meeting.title)}：${overdue.length} 个单位未按期确认传达会议精神`
      : `Overdue briefings — ${esc(meeting.title)}: ${overdue.length} departments have not confirmed`,
    blocks,
  };
}
