import type { StatusBoard } from "../domain/campaigns/build-status-board.ts";
import { formatDeadline, formatInstant, lateBy } from "../domain/campaigns/format-local.ts";
import type { BoardCell } from "../domain/campaigns/build-status-board.ts";
import type { Lang } from "../lib/i18n.ts";

const ICONS = { done: "✓", open: "·", overdue: "✗", upcoming: "…" } as const;

function bar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

function cellText(cell: BoardCell, board: StatusBoard, lang: Lang): string {
  const zh = lang === "zh";
  const now = board.generatedAt;
  switch (cell.state) {
    case "done": {
      const c = cell.completion!;
      const who = c.userTitle ? `${c.userName}${zh ? `（${c.userTitle}）` : ` (${c.userTitle})`}` : c.userName;
      return `${ICONS.done} ${who} ${formatInstant(c.completedAt, board.zone, lang, now)}${cell.late ? (zh ? " 逾期完成" : " late") : ""}`;
    }
    case "overdue":
      return `${ICONS.overdue} ${lateBy(cell.overdueWorkingDays, lang)}${cell.stalePledge ? (zh ? "（需重新签署）" : " (sign again)") : ""}`;
    case "upcoming":
      return `${ICONS.upcoming} ${zh ? `${formatInstant(cell.task.opensAt, board.zone, lang, now)}起` : `opens ${formatInstant(cell.task.opensAt, board.zone, lang, now)}`}`;
    case "open":
      return `${ICONS.open} ${zh ? "待完成" : "to do"}${cell.stalePledge ? (zh ? "（需重新签署）" : " (sign again)") : ""}`;
  }
}

/** The board for a terminal: progress per task, then every department with who did what when. Same data as --json. */
export function statusBoardText(board: StatusBoard, lang: Lang): string {
  const zh = lang === "zh";
  const now = board.generatedAt;
  const lines = [
    `${board.campaign.title[lang]} (${board.campaign.id}) — ${zh ? "统计时间" : "as of"} ${formatInstant(now, board.zone, lang, now)}`,
    `${zh ? "总体" : "overall"} ${bar(board.totals.done, board.totals.cells)}${board.totals.overdue ? (zh ? `，逾期 ${board.totals.overdue}` : `, ${board.totals.overdue} overdue`) : ""}`,
    "",
  ];
  board.tasks.forEach((t, i) => {
    lines.push(
      `${i + 1}. ${t.task.title[lang]} [${t.task.key}] ${zh ? "截止" : "due"} ${formatDeadline(t.task.dueAt, board.zone, lang, now)}`,
    );
    lines.push(
      `   ${bar(t.counts.done, t.total)}${t.counts.overdue ? (zh ? `，逾期 ${t.counts.overdue}` : `, ${t.counts.overdue} overdue`) : ""}`,
    );
  });
  lines.push("");
  for (const row of board.rows) {
    lines.push(`${zh ? row.department.nameZh : row.department.nameEn} (${row.department.id})`);
    row.cells.forEach((cell, i) => lines.push(`   ${i + 1}. ${cellText(cell, board, lang)}`));
  }
  return lines.join("\n");
}
