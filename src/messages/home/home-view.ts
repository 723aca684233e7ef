import type { HomeView } from "@slack/types";
import type { DepartmentView } from "../../domain/campaigns/build-status-board.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import type { LoadedBoard } from "../../domain/campaigns/loaded-board.ts";
import type { Membership } from "../../domain/directory/membership.ts";
import type { DepartmentAttendance } from "../../domain/meetings/build-attendance-report.ts";
import type { Department } from "../../generated/prisma/client.ts";
import type { Lang } from "../../lib/i18n.ts";
import { STATE_ICONS } from "../campaigns/labels.ts";
import { clip, context, divider, escapeMrkdwn, header, progressBar, section, type Block } from "../mrkdwn.ts";
import { taskButton } from "../campaigns/task-button.ts";
import { MEETING_ACTIONS } from "../meetings/ids.ts";
import { encodeButtonValue } from "../meetings/refs.ts";

export interface BriefingToConfirm {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  departmentId: string;
  as: "head" | "deputy";
  /** Nobody from the department came: there is no attendee to brief the head, who learns it from the office. */
  nobodyCame: boolean;
  dueAt: Date;
}

export interface HomeData {
  userId: string;
  now: Date;
  zone: string;
  isOffice: boolean;
  memberships: (Membership & { department: Department })[];
  /** Per membership department, per running campaign: its open tasks. */
  departmentViews: DepartmentView[];
  briefings: BriefingToConfirm[];
  /** Office: every running campaign's board. */
  boards: LoadedBoard[];
  /** Office: the latest closed meeting with heads who did not attend in person. */
  latestMeeting: { id: string; title: string; startsAt: Date; notInPerson: DepartmentAttendance[] } | null;
  /** Another section (the hazard ledger's) shows something for this person: no "nothing waiting" line then. */
  moreBelow?: boolean;
}

/** Slack's limit for a Home view. */
export const MAX_HOME_BLOCKS = 100;

/**
 * The Home tab: what this person has to do (their departments' open tasks with the same buttons as in the
 * channel; pledges and briefing confirmations waiting for them), and for the office every running campaign's
 * progress and the latest meeting's heads who did not come in person.
 */
export function buildHomeView(data: HomeData, lang: Lang): HomeView {
  const zh = lang === "zh";
  const blocks: Block[] = [header(zh ? "🟥 redline 安全生产工作台" : "🟥 redline work-safety desk")];
  const asOf = formatInstant(data.now, data.zone, lang, data.now);
  blocks.push(context(zh ? `更新于 ${asOf} · 安全生产是不能踩的“红线”` : `Updated ${asOf} · work safety is the red line`));

  if (data.briefings.length) {
    blocks.push(divider(), section(zh ? "*📣 待您确认的会议传达*" : "*📣 Meeting briefings waiting for you*"));
    for (const b of data.briefings) {
      const what =
        b.as === "head"
          ? b.nobodyCame
            ? zh
              ? "本单位无人参会：请向安委办了解会议精神、组织传达学习后确认"
              : "nobody from your department attended: obtain the meeting's content from the safety office, have it briefed, then confirm"
            : zh
              ? "请确认已听取代参会人的传达"
              : "confirm you were briefed by the attendee"
          : zh
            ? "请确认已向主要负责人原原本本传达"
            : "confirm you briefed your principal head in full";
      const overdue = data.now > b.dueAt;
      blocks.push(
        section(
          `${overdue ? "🔴" : "⬜"} *${escapeMrkdwn(b.meetingTitle)}* — ${what}\n${zh ? "期限" : "Due"} ${formatDeadline(b.dueAt, data.zone, lang, data.now)}`,
          undefined,
          {
            type: "button",
            action_id: b.as === "head" ? MEETING_ACTIONS.confirmHead : MEETING_ACTIONS.confirmDeputy,
            style: "primary",
            text: {
              type: "plain_text",
              text:
                b.as === "head"
                  ? b.nobodyCame
                    ? zh
                      ? "已组织传达学习"
                      : "Briefing held"
                    : zh
                      ? "已听取传达"
                      : "I was briefed"
                  : zh
                    ? "已传达"
                    : "I briefed the head",
              emoji: true,
            },
            value: encodeButtonValue({ meetingId: b.meetingId, departmentId: b.departmentId }),
          },
        ),
      );
    }
  }

  for (const view of data.departmentViews) {
    if (!view.pending.length) continue;
    const dept = escapeMrkdwn(zh ? view.department.nameZh : view.department.nameEn);
    blocks.push(divider(), section(`*${dept} · ${escapeMrkdwn(view.campaign.title[lang])}*`));
    for (const cell of view.pending) {
      const ref = { campaignId: view.campaign.id, taskKey: cell.task.key, departmentId: view.department.id };
      const late =
        cell.state === "overdue"
          ? zh
            ? `（逾期 ${cell.overdueWorkingDays} 个工作日）`
            : ` (${cell.overdueWorkingDays} working days late)`
          : "";
      const stale = cell.stalePledge ? `\n${cell.stalePledge.message[lang]}` : "";
      blocks.push(
        section(
          `${STATE_ICONS[cell.state]} ${escapeMrkdwn(cell.task.title[lang])} — ${formatDeadline(cell.task.dueAt, data.zone, lang, data.now)}${late}${stale}`,
          undefined,
          taskButton(ref, cell.task, cell, lang),
        ),
      );
    }
  }

  if (data.isOffice) {
    blocks.push(divider(), section(zh ? "*📋 进行中的专项行动*" : "*📋 Running campaigns*"));
    if (!data.boards.length)
      blocks.push(
        context(
          zh
            ? "暂无进行中的专项行动。用 `/redline campaign launch` 发起。"
            : "No running campaigns. Launch one with `/redline campaign launch`.",
        ),
      );
    for (const board of data.boards) {
      const perTask = board.tasks.map(
        (t) =>
          `${escapeMrkdwn(t.task.title[lang])} ${progressBar(t.counts.done, t.total)}${t.counts.overdue ? ` 🔴${t.counts.overdue}` : ""}`,
      );
      const overdue = board.overdue.slice(0, 8).map((o) => escapeMrkdwn(zh ? o.department.nameZh : o.department.nameEn));
      blocks.push(
        section(`*${escapeMrkdwn(board.campaign.title[lang])}*\n${perTask.join("\n")}`),
        ...(overdue.length
          ? [context(`${zh ? "逾期" : "Overdue"}：${[...new Set(overdue)].join(zh ? "、" : ", ")}${board.overdue.length > 8 ? " …" : ""}`)]
          : []),
      );
    }
    if (data.latestMeeting) {
      const m = data.latestMeeting;
      blocks.push(
        divider(),
        section(
          `*${zh ? "🪑 最近一次会议" : "🪑 Latest meeting"}：${escapeMrkdwn(m.title)}*（${formatInstant(m.startsAt, data.zone, lang, data.now)}）`,
        ),
      );
      const lines = m.notInPerson.map((d) => {
        const dept = escapeMrkdwn(zh ? d.nameZh : d.nameEn);
        const head = d.head
          ? `${escapeMrkdwn(d.head.name)}${d.head.title ? `（${escapeMrkdwn(d.head.title)}）` : ""}`
          : zh
            ? "（未登记主要负责人）"
            : "(no registered head)";
        const instead = d.attendees.length
          ? d.attendees.map((a) => escapeMrkdwn(a.name)).join(zh ? "、" : ", ")
          : zh
            ? "无人参会"
            : "nobody came";
        const leave = d.status === "on_leave";
        return zh
          ? `• ${dept} ${head} ${leave ? "请假（已批准）" : "未本人参会"} — ${instead}`
          : `• ${dept}: ${head} ${leave ? "on approved leave" : "did not attend"} — ${instead}`;
      });
      blocks.push(
        section(
          lines.length ? clip(lines.join("\n"), 2900) : zh ? "各单位主要负责人均本人参会。" : "Every principal head attended in person.",
        ),
      );
    }
  }

  if (!data.isOffice && !data.memberships.length) {
    blocks.push(
      divider(),
      section(
        zh
          ? "您还没有登记在任何单位名下，因此这里没有待办。请联系安委办登记；随时可以问 `/redline 谁负责 <场所>`。"
          : "You are not registered with any department, so there is nothing to do here. Ask the safety office to register you; `/redline who-leads <place>` works for everyone.",
      ),
    );
  } else if (blocks.length === 2 && !data.moreBelow) {
    blocks.push(divider(), section(zh ? "✅ 目前没有待办事项。" : "✅ Nothing waiting for you right now."));
  }

  if (blocks.length > MAX_HOME_BLOCKS) {
    blocks.length = MAX_HOME_BLOCKS - 1;
    blocks.push(context(zh ? "内容较多，已截断；完整进展请用 `/redline status`。" : "Cut short; use `/redline status` for everything."));
  }
  return { type: "home", blocks };
}
