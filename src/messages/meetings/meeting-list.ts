import type { MeetingStatus } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, header, type Block, type SlackMessage } from "../mrkdwn.ts";
import { listSections } from "./mrkdwn.ts";
import { meetingTime } from "./time-text.ts";

export interface MeetingListItem {
  id: string;
  title: string;
  startsAt: Date;
  status: MeetingStatus;
  required: number;
  signedIn: number;
}

/** Upcoming and recent meetings with their ids, for close and export. */
export function buildMeetingList(items: readonly MeetingListItem[], lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const lines = items.map((m) => {
    const state = m.status === "closed" ? (zh ? "已结束" : "closed") : zh ? "进行中/待召开" : "scheduled";
    return zh
      ? `• \`${m.id}\` ${meetingTime(m.startsAt, lang)} *${esc(m.title)}* · ${state} · 应到 ${m.required} 个单位，已签到 ${m.signedIn} 人`
      : `• \`${m.id}\` ${meetingTime(m.startsAt, lang)} *${esc(m.title)}* · ${state} · ${m.required} departments, ${m.signedIn} signed in`;
  });
  const blocks: Block[] = [header(zh ? "会议列表" : "Meetings")];
  blocks.push(
    ...(lines.length > 0 ? listSections("", lines, 20, lang) : listSections(zh ? "暂无会议。" : "No meetings yet.", [], 1, lang)),
  );
  blocks.push(
    context(
      zh
        ? "创建：/redline 会议 创建 · 提前结束签到：/redline 会议 结束 <编号> · 导出签到表：/redline 会议 导出 <编号>"
        : "Create: /redline meeting create · close sign-in early: /redline meeting close <id> · export: /redline meeting export <id>",
    ),
  );
  return { text: zh ? `会议列表（${items.length}）` : `Meetings (${items.length})`, blocks };
}
