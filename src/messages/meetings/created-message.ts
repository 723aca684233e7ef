import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import type { NoticeSlot } from "../../domain/meetings/notice-schedule.ts";
import { context, escapeMrkdwn as esc, header, mention, section, type SlackMessage } from "../mrkdwn.ts";
import { formatLocalDateTime, meetingTime, signInWindow } from "./time-text.ts";

export interface CreatedMessageInput {
  meeting: {
    id: string;
    title: string;
    startsAt: Date;
    signInOpensAt: Date;
    signInClosesAt: Date;
    headMustAttend: boolean;
    briefingDueWorkingDays: number;
  };
  departments: readonly { nameZh: string; nameEn: string }[];
  /** A Slack user id, or a label such as "cli:operator". */
  createdBy: string;
  notices: readonly NoticeSlot[];
  warnings: readonly { zh: string; en: string }[];
  lang: Lang;
}

/** What the office channel (and the creator) read when a meeting is called: when, who must come, when notices go out. */
export function buildCreatedMessage(input: CreatedMessageInput): SlackMessage {
  const { meeting, lang } = input;
  const zh = lang === "zh";
  const by = /^[UW][A-Z0-9]+$/.test(input.createdBy) ? mention(input.createdBy) : esc(input.createdBy);
  const names = joinList(
    input.departments.map((d) => esc(zh ? d.nameZh : d.nameEn)),
    lang,
  );
  const notices = joinList(
    input.notices.map((n) => formatLocalDateTime(n.at, lang)),
    lang,
  );
  const lines = zh
    ? [
        `*${esc(meeting.title)}*（编号 \`${meeting.id}\`，${by} 创建）`,
        `会议时间：${meetingTime(meeting.startsAt, lang)}`,
        `签到时间：${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}`,
        `应参会单位（${input.departments.length}）：${names}`,
        meeting.headMustAttend
          ? `须主要负责人本人参会；未本人参会的单位须在 ${meeting.briefingDueWorkingDays} 个工作日内确认已传达会议精神。`
          : "不要求主要负责人本人参会。",
        `通知发送时间：${notices || "签到即将开始，通知将立即发出"}`,
      ]
    : [
        `*${esc(meeting.title)}* (id \`${meeting.id}\`, created by ${by})`,
        `Time: ${meetingTime(meeting.startsAt, lang)}`,
        `Sign-in: ${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}`,
        `Required (${input.departments.length}): ${names}`,
        meeting.headMustAttend
          ? `The principal head must attend in person; departments whose head does not must confirm the briefing within ${meeting.briefingDueWorkingDays} working days.`
          : "The principal head need not attend in person.",
        `Notices: ${notices || "sign-in is about to open; notices go out now"}`,
      ];
  const blocks = [header(zh ? "🗓️ 已创建会议" : "🗓️ Meeting created"), section(lines.join("\n"))];
  if (input.warnings.length > 0) blocks.push(context(input.warnings.map((w) => `⚠️ ${w[lang]}`).join("\n")));
  return {
    text: zh ? `已创建会议：${esc(meeting.title)}（${meeting.id}）` : `Meeting created: ${esc(meeting.title)} (${meeting.id})`,
    blocks,
  };
}
