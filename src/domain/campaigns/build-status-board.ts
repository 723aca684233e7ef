import { taskState, type TaskState, type TaskStateName } from "./task-state.ts";
import type { CampaignDepartment, CampaignInfo, CampaignTask, CompletionRecord } from "./types.ts";

export interface BoardCell extends TaskState {
  task: CampaignTask;
}

export interface BoardRow<D extends CampaignDepartment = CampaignDepartment> {
  department: D;
  /** One per task, in the campaign's task order. */
  cells: BoardCell[];
  done: number;
  overdue: number;
}

export type StateCounts = Record<TaskStateName, number>;

export interface BoardTaskSummary {
  task: CampaignTask;
  counts: StateCounts;
  /** Target departments. */
  total: number;
  /** done / total, 0 when there are no targets. */
  progress: number;
}

export interface OverdueItem<D extends CampaignDepartment = CampaignDepartment> {
  department: D;
  task: CampaignTask;
  overdueWorkingDays: number;
  /** A pledge that was signed, but on an older text. */
  stalePledge: boolean;
}

export interface StatusBoard<D extends CampaignDepartment = CampaignDepartment> {
  campaign: CampaignInfo;
  generatedAt: Date;
  zone: string;
  tasks: BoardTaskSummary[];
  rows: BoardRow<D>[];
  /** Most overdue first, then by department order. */
  overdue: OverdueItem<D>[];
  totals: StateCounts & { cells: number; progress: number };
}

const emptyCounts = (): StateCounts => ({ done: 0, open: 0, overdue: 0, upcoming: 0 });

/**
 * The whole campaign at `now`: department × task cells with who and when, counts and progress per task, and the
 * overdue list. Completions of departments that are not targets, or of tasks the campaign does not have, are
 * ignored — the board answers "who of those asked has done what".
 */
export function buildStatusBoard<D extends CampaignDepartment>(
  campaign: CampaignInfo,
  tasks: readonly CampaignTask[],
  targets: readonly D[],
  completions: readonly CompletionRecord[],
  now: Date,
  zone: string,
): StatusBoard<D> {
  const byCell = new Map<string, CompletionRecord>();
  for (const c of completions) byCell.set(cellKey(c.departmentId, c.taskKey), c);

  const summaries = tasks.map((task) => ({ task, counts: emptyCounts(), total: targets.length, progress: 0 }));
  const totals = { ...emptyCounts(), cells: 0, progress: 0 };
  const overdue: OverdueItem<D>[] = [];

  const rows = targets.map((department) => {
    const cells = tasks.map((task, i) => {
      const cell: BoardCell = { task, ...taskState(task, byCell.get(cellKey(department.id, task.key)), now, zone) };
      summaries[i]!.counts[cell.state]++;
      totals[cell.state]++;
      totals.cells++;
      if (cell.state === "overdue") {
        overdue.push({ department, task, overdueWorkingDays: cell.overdueWorkingDays, stalePledge: cell.stalePledge !== null });
      }
      return cell;
    });
    return {
      department,
      cells,
      done: cells.filter((c) => c.state === "done").length,
      overdue: cells.filter((c) => c.state === "overdue").length,
    };
  });

  for (const s of summaries) s.progress = s.total === 0 ? 0 : s.counts.done / s.total;
  totals.progress = totals.cells === 0 ? 0 : totals.done / totals.cells;
  // Array.prototype.sort is stable, so ties keep the department order.
  overdue.sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays);

  return { campaign, generatedAt: now, zone, tasks: summaries, rows, overdue, totals };
}

export interface DepartmentView<D extends CampaignDepartment = CampaignDepartment> {
  campaign: CampaignInfo;
  department: D;
  /** Not done yet — open, overdue or upcoming — soonest deadline first. */
  pending: BoardCell[];
  done: BoardCell[];
}

/** One department's part of the board: what it still has to do. Null when the campaign does not target it. */
export function departmentView<D extends CampaignDepartment>(board: StatusBoard<D>, departmentId: string): DepartmentView<D> | null {
  const row = board.rows.find((r) => r.department.id === departmentId);
  if (!row) return null;
  const pending = row.cells.filter((c) => c.state !== "done").sort((a, b) => a.task.dueAt.getTime() - b.task.dueAt.getTime());
  return { campaign: board.campaign, department: row.department, pending, done: row.cells.filter((c) => c.state === "done") };
}

function cellKey(departmentId: string, taskKey: string): string {
  return `${departmentId}\u0000${taskKey}`;
}
