import type { Lang } from "../../lib/i18n.ts";
import type { DepartmentView, StatusBoard } from "../../domain/campaigns/build-status-board.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import { cellSummary, legend } from "./cell-summary.ts";
import { describeState } from "./labels.ts";
import {
  context,
  divider,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  progressBar,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import { moreNote } from "./head-mention.ts";
import { taskButton } from "./task-button.ts";
import { lateBy } from "./wording.ts";

const percent = (p: number, lang: Lang) => (lang === "zh" ? `（${Math.round(p * 100)}%）` : ` (${Math.round(p * 100)}%)`);

/**
 * The office's board for one campaign: progress per task as text bars, one line per department with who did what
 * when, and the overdue list. A board too large for one message is cut with a note pointing at the JSON.
 */
export function buildStatusBoardMessage(board: StatusBoard, options: { lang?: Lang; closedAt?: Date | null } = {}): SlackMessage {
  const lang = options.lang ?? "zh";
  const zh = lang === "zh";
  const { campaign, generatedAt: now, zone, totals } = board;
  const tasks = board.tasks.map((t) => t.task);

  const overall = `*${zh ? "总体" : "Overall"}* ${progressBar(totals.done, totals.cells)}${percent(totals.progress, lang)}`;
  const perTask = board.tasks.map((t, i) => {
    const extra = [
      t.counts.overdue > 0 ? (zh ? `逾期 ${t.counts.overdue}` : `${t.counts.overdue} overdue`) : null,
      t.counts.upcoming > 0 ? (zh ? `未开始 ${t.counts.upcoming}` : `${t.counts.upcoming} not open`) : null,
      zh ? `截止${formatDeadline(t.task.dueAt, zone, lang, now)}` : `due ${formatDeadline(t.task.dueAt, zone, lang, now)}`,
    ].filter(Boolean);
    return `*${i + 1}. ${escapeMrkdwn(t.task.title[lang])}*\n${progressBar(t.counts.done, t.total)} · ${extra.join(" · ")}`;
  });

  const blocks: Block[] = [
    header(zh ? `📋 ${campaign.title.zh} · 进展` : `📋 ${campaign.title.en} · progress`),
    section([overall, ...perTask].join("\n")),
    context(
      [
        `\`${campaign.id}\``,
        options.closedAt
          ? zh
            ? `🔒 已于${formatInstant(options.closedAt, zone, lang, now)}结束`
            : `🔒 closed ${formatInstant(options.closedAt, zone, lang, now)}`
          : null,
        `${zh ? "统计时间" : "As of"} ${formatInstant(now, zone, lang, now)}`,
        legend(lang),
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    divider(),
  ];

  const rows = board.rows.map((row) => {
    const name = escapeMrkdwn(zh ? row.department.nameZh : row.department.nameEn);
    return `*${name}*　${row.cells.map((c) => cellSummary(c, tasks, now, zone, lang)).join(" · ")}`;
  });
  const overdue = board.overdue.map((o) => {
    const n = o.overdueWorkingDays;
    const name = escapeMrkdwn(zh ? o.department.nameZh : o.department.nameEn);
    return zh
      ? `• ${name} — ${escapeMrkdwn(o.task.title.zh)}（${lateBy(n, lang)}）`
      : `• ${name} — ${escapeMrkdwn(o.task.title.en)} (${lateBy(n, lang)})`;
  });

  // Rows first; the overdue list keeps a few blocks (each holds dozens of its short lines), one block stays for the note.
  const overdueBudget = overdue.length > 0 ? 4 : 0;
  const available = MAX_MESSAGE_BLOCKS - blocks.length - 1 - overdueBudget;
  const packedRows = packLines(rows, available, zh ? `*各单位（${rows.length}）*` : `*Departments (${rows.length})*`);
  blocks.push(...packedRows.blocks);
  let omitted = packedRows.omitted;
  if (overdue.length > 0) {
    blocks.push(divider());
    const packedOverdue = packLines(overdue, overdueBudget - 1, zh ? `*🔴 逾期（${overdue.length}）*` : `*🔴 Overdue (${overdue.length})*`);
    blocks.push(...packedOverdue.blocks);
    omitted += packedOverdue.omitted;
  }
  if (omitted > 0) blocks.push(context(moreNote(omitted, campaign.id, lang)));

  const text = zh
    ? `${escapeMrkdwn(campaign.title.zh)}：完成 ${totals.done}/${totals.cells}${percent(totals.progress, lang)}，逾期 ${totals.overdue} 项`
    : `${escapeMrkdwn(campaign.title.en)}: ${totals.done}/${totals.cells} done${percent(totals.progress, lang)}, ${totals.overdue} overdue`;
  return { text, blocks };
}

/**
 * A department member's view: for each campaign, the tasks still to do with their buttons, and what is done.
 * Campaigns that no longer fit in one message are named in a note.
 */
export function buildDepartmentStatusMessage(
  views: readonly DepartmentView[],
  options: { now: Date; zone: string; lang?: Lang },
): SlackMessage {
  const { now, zone } = options;
  const lang = options.lang ?? "zh";
  const zh = lang === "zh";
  const department = views[0]?.department;
  const name = department ? escapeMrkdwn(zh ? department.nameZh : department.nameEn) : "";
  const pendingCount = views.reduce((n, v) => n + v.pending.length, 0);
  const blocks: Block[] = [header(zh ? `📋 ${department?.nameZh ?? ""}待办事项` : `📋 To do: ${department?.nameEn ?? ""}`)];

  if (pendingCount === 0) {
    blocks.push(section(zh ? `✅ ${name}目前没有待办任务。` : `✅ ${name} has nothing left to do.`));
    return { text: zh ? `${name}：没有待办任务` : `${name}: nothing to do`, blocks };
  }

  const skipped: string[] = [];
  for (const view of views) {
    if (view.pending.length === 0) continue;
    // Campaign heading + one block per pending task + done line, and one block kept for the note.
    const needed = 1 + view.pending.length + (view.done.length > 0 ? 1 : 0);
    if (blocks.length + needed > MAX_MESSAGE_BLOCKS - 1) {
      skipped.push(view.campaign.title[lang]);
      continue;
    }
    blocks.push(section(`*${escapeMrkdwn(view.campaign.title[lang])}*`));
    for (const cell of view.pending) {
      const ref = { campaignId: view.campaign.id, taskKey: cell.task.key, departmentId: view.department.id };
      const text = `${escapeMrkdwn(cell.task.title[lang])}\n${describeState(cell, now, zone, lang)}`;
      blocks.push(section(text, `${view.campaign.id}:${cell.task.key}`, taskButton(ref, cell.task, cell, lang)));
    }
    if (view.done.length > 0) {
      const tasks = [...view.pending, ...view.done].map((c) => c.task);
      blocks.push(context(`${zh ? "已完成：" : "Done: "}${view.done.map((c) => cellSummary(c, tasks, now, zone, lang)).join(" · ")}`));
    }
  }
  if (skipped.length > 0) {
    blocks.push(
      context(
        zh
          ? `另有 ${skipped.length} 项行动的待办未显示：${skipped.map(escapeMrkdwn).join("、")}。请用 /redline status <行动> 查看。`
          : `${skipped.length} more campaign${skipped.length === 1 ? "" : "s"} not shown: ${skipped.map(escapeMrkdwn).join(", ")}. Use /redline status <campaign>.`,
      ),
    );
  }
  return { text: zh ? `${name}：${pendingCount} 项待办` : `${name}: ${pendingCount} to do`, blocks };
}

/** Every running campaign in one message for the office: a progress bar and overdue count per campaign. */
export function buildCampaignsOverviewMessage(
  boards: readonly StatusBoard[],
  options: { now: Date; zone: string; lang?: Lang },
): SlackMessage {
  const lang = options.lang ?? "zh";
  const zh = lang === "zh";
  const blocks: Block[] = [header(zh ? "📋 进行中的专项行动" : "📋 Running campaigns")];
  if (boards.length === 0) {
    blocks.push(section(zh ? "目前没有进行中的专项行动。" : "No campaign is running."));
    return { text: zh ? "没有进行中的专项行动" : "No campaign is running", blocks };
  }
  const lines = boards.map((b) => {
    const overdue = b.totals.overdue > 0 ? (zh ? ` · 🔴 逾期 ${b.totals.overdue}` : ` · 🔴 ${b.totals.overdue} overdue`) : "";
    return `*${escapeMrkdwn(b.campaign.title[lang])}* \`${b.campaign.id}\`\n${progressBar(b.totals.done, b.totals.cells)}${percent(b.totals.progress, lang)}${overdue}`;
  });
  const packed = packLines(lines, MAX_MESSAGE_BLOCKS - 3);
  blocks.push(...packed.blocks);
  blocks.push(
    context(
      packed.omitted > 0
        ? zh
          ? `…另有 ${packed.omitted} 项未显示。`
          : `…and ${packed.omitted} more not shown.`
        : zh
          ? `统计时间 ${formatInstant(options.now, options.zone, lang, options.now)} · 详情：/redline status <行动>`
          : `As of ${formatInstant(options.now, options.zone, lang, options.now)} · details: /redline status <campaign>`,
    ),
  );
  return { text: zh ? `进行中的专项行动：${boards.length} 项` : `${boards.length} running campaigns`, blocks };
}
