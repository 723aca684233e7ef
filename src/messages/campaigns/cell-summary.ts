import type { Lang } from "../../lib/i18n.ts";
import type { BoardCell } from "../../domain/campaigns/build-status-board.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import type { CampaignTask } from "../../domain/campaigns/types.ts";
import { STATE_ICONS, taskLabel } from "./labels.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";

/** One cell of a department's row, short: "✅ 确认收到（张三 5月28日 10:02）", "🔴 报告（逾期 2 个工作日）". */
export function cellSummary(cell: BoardCell, tasks: readonly CampaignTask[], now: Date, zone: string, lang: Lang): string {
  const zh = lang === "zh";
  const label = taskLabel(cell.task, tasks, lang);
  const note = (s: string) => (zh ? `（${s}）` : ` (${s})`);
  const stale = cell.stalePledge ? (zh ? "需重新签署" : "sign again") : null;
  switch (cell.state) {
    case "done": {
      const c = cell.completion!;
      const late = cell.late ? (zh ? "，逾期完成" : ", late") : "";
      const corrected = c.correction ? (zh ? "，已更正" : ", corrected") : "";
      return `${STATE_ICONS.done} ${label}${note(`${escapeMrkdwn(c.userName)} ${formatInstant(c.completedAt, zone, lang, now)}${late}${corrected}`)}`;
    }
    case "overdue": {
      const n = cell.overdueWorkingDays;
      const days = zh ? `逾期${n > 0 ? ` ${n} 个工作日` : ""}` : `overdue${n > 0 ? ` ${n} working day${n === 1 ? "" : "s"}` : ""}`;
      return `${STATE_ICONS.overdue} ${label}${note(stale ? `${days}，${stale}` : days)}`;
    }
    case "upcoming":
      return `${STATE_ICONS.upcoming} ${label}${note(zh ? `${formatInstant(cell.task.opensAt, zone, lang, now)}起` : `opens ${formatInstant(cell.task.opensAt, zone, lang, now)}`)}`;
    case "open":
      return `${STATE_ICONS.open} ${label}${stale ? note(stale) : ""}`;
  }
}

export function legend(lang: Lang): string {
  return lang === "zh"
    ? `${STATE_ICONS.done} 已完成　${STATE_ICONS.open} 待完成　${STATE_ICONS.overdue} 逾期　${STATE_ICONS.upcoming} 未开始`
    : `${STATE_ICONS.done} done  ${STATE_ICONS.open} to do  ${STATE_ICONS.overdue} overdue  ${STATE_ICONS.upcoming} not open yet`;
}
