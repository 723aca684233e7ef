import { accountabilityDigestBlocks, type AccountabilityDigest } from "../accountability/digest-lines.ts";
import type { KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import type { LoadedBoard } from "../../domain/campaigns/loaded-board.ts";
import type { DepartmentAttendance } from "../../domain/meetings/build-attendance-report.ts";
import type { Lang } from "../../lib/i18n.ts";
import { context, divider, escapeMrkdwn, header, packLines, progressBar, section } from "../mrkdwn.ts";

/** What the weekly digest shows, gathered by the digest service. */
export interface DigestData {
  now: Date;
  zone: string;
  boards: LoadedBoard[];
  /** Meetings closed in the last 7 days, with the departments whose head did not attend in person. */
  meetings: { id: string; title: string; startsAt: Date; notInPerson: DepartmentAttendance[] }[];
  /** Briefing confirmations past their deadline and still missing a side. */
  overdueBriefings: { meetingTitle: string; departmentName: string; headName: string | null; missing: ("deputy" | "head")[] }[];
  /** Accidents against the control targets and the units whose score fell (absent: not shown). */
  accountability?: AccountabilityDigest;
}

/** The weekly digest's text: campaign progress, the overdue count (the list is the office's daily one), heads absent from meetings, late briefings. */
export function buildDigestMessage(data: DigestData, lang: Lang): { text: string; blocks: KnownBlock[] } {
  const zh = lang === "zh";
  const local = DateTime.fromJSDate(data.now, { zone: data.zone });
  const title = zh
    ? `📊 安全生产周报 · ${local.toFormat("yyyy年M月d日")}（第${local.weekNumber}周）`
    : `📊 Work-safety weekly digest · ${local.toFormat("d LLL yyyy")} (week ${local.weekNumber})`;
  const blocks: KnownBlock[] = [header(title)];

  if (!data.boards.length) blocks.push(section(zh ? "本周没有进行中的专项行动。" : "No campaign is running this week."));
  for (const board of data.boards) {
    const tasks = board.tasks.map(
      (t) =>
        `${escapeMrkdwn(t.task.title[lang])} ${progressBar(t.counts.done, t.total)}${t.counts.overdue ? (zh ? ` · 逾期 ${t.counts.overdue}` : ` · ${t.counts.overdue} overdue`) : ""}`,
    );
    blocks.push(section(`*${escapeMrkdwn(board.campaign.title[lang])}*\n${tasks.join("\n")}`));
  }
  // The overdue departments themselves are on the office's daily overdue list (kept up to date in this channel); the
  // digest gives the count and points there instead of repeating the list.
  const overdue = data.boards.flatMap((b) => b.overdue);
  if (overdue.length) {
    const units = new Set(overdue.map((o) => o.department.id)).size;
    blocks.push(
      context(
        zh
          ? `🔴 共 ${overdue.length} 项逾期，涉及 ${units} 个单位。逐项名单（单位、任务、主要负责人）见本频道每个工作日的「今日逾期名单」，随完成情况更新。`
          : `🔴 ${overdue.length} overdue item${overdue.length === 1 ? "" : "s"} in ${units} unit${units === 1 ? "" : "s"}. The itemised list (unit, task, principal head) is this channel's daily "Overdue today" message, updated as items get done.`,
      ),
    );
  }

  if (data.meetings.length) {
    blocks.push(divider());
    for (const m of data.meetings) {
      const lines = m.notInPerson.map((d) => {
        const dept = escapeMrkdwn(zh ? d.nameZh : d.nameEn);
        const head = d.head
          ? escapeMrkdwn(`${d.head.name}${d.head.title ? (zh ? `（${d.head.title}）` : ` (${d.head.title})`) : ""}`)
          : zh
            ? "未登记主要负责人"
            : "no registered head";
        const instead = d.attendees.length
          ? d.attendees.map((a) => escapeMrkdwn(a.name)).join(zh ? "、" : ", ")
          : zh
            ? "无人参会"
            : "nobody";
        const leave = d.status === "on_leave";
        return zh
          ? `• ${dept}：${head} ${leave ? "请假（已批准）" : "未本人参会"}，参会：${instead}`
          : `• ${dept}: ${head} ${leave ? "on approved leave" : "absent"}; attended: ${instead}`;
      });
      blocks.push(
        ...packLines(
          lines.length ? lines : [zh ? "各单位主要负责人均本人参会。" : "Every principal head attended in person."],
          3,
          `*${zh ? "会议" : "Meeting"}：${escapeMrkdwn(m.title)}*`,
        ).blocks,
      );
    }
  }

  if (data.overdueBriefings.length) {
    const lines = data.overdueBriefings.map((b) => {
      const who = b.missing
        .map((side) => (side === "head" ? (zh ? "主要负责人" : "head") : zh ? "代参会人" : "attendee"))
        .join(zh ? "、" : " and ");
      return zh
        ? `• ${escapeMrkdwn(b.departmentName)}（${escapeMrkdwn(b.meetingTitle)}）：${who}未确认传达`
        : `• ${escapeMrkdwn(b.departmentName)} (${escapeMrkdwn(b.meetingTitle)}): ${who} not confirmed`;
    });
    blocks.push(divider(), ...packLines(lines, 3, zh ? "*逾期未确认的会议传达*" : "*Briefings overdue*").blocks);
  }
  if (data.accountability) blocks.push(divider(), ...accountabilityDigestBlocks(data.accountability, lang));
  blocks.push(
    context(
      zh
        ? "图：各单位 × 各项任务（绿=已完成，黄=进行中，红=逾期，灰=不适用）"
        : "Picture: departments × tasks (green done, amber open, red overdue, grey n/a)",
    ),
  );
  return { text: title, blocks: blocks.slice(0, 50) };
}
