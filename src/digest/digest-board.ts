import type { LoadedBoard } from "../campaigns/load-boards.ts";
import type { TBoardInput, TCellState } from "./render/board-schema.ts";
import { MAX_BOARD_COLUMNS, MAX_BOARD_ROWS } from "./render/board-schema.ts";
import type { Lang } from "../lib/i18n.ts";
import { shortTaskName, shortUnitName } from "./short-names.ts";

const STATE: Record<"done" | "open" | "overdue" | "upcoming", TCellState> = {
  done: "done",
  open: "open",
  overdue: "overdue",
  upcoming: "n/a",
};

/**
 * The departments × tasks picture over every running campaign: one header per campaign over its tasks' columns
 * (each column a short task name), one row per target department under its short name. A department a campaign
 * does not target, or a task not open yet, is n/a.
 */
export function digestBoard(boards: readonly LoadedBoard[], now: Date, zone: string, lang: Lang): TBoardInput {
  const zh = lang === "zh";
  const columns = boards.flatMap((b) =>
    b.tasks.map((t) => ({
      id: `${b.campaign.id}/${t.task.key}`,
      label: shortTaskName(t.task, b.tasks.filter((o) => o.task.kind === t.task.kind).length, lang),
    })),
  );
  const rowMap = new Map<string, { id: string; label: string }>();
  const cells: Record<string, Record<string, TCellState>> = {};
  for (const board of boards) {
    for (const row of board.rows) {
      rowMap.set(row.department.id, {
        id: row.department.id,
        label: shortUnitName(zh ? row.department.nameZh : row.department.nameEn, lang),
      });
      const rowCells = (cells[row.department.id] ??= {});
      for (const cell of row.cells) rowCells[`${board.campaign.id}/${cell.task.key}`] = STATE[cell.state];
    }
  }
  // The picture has room for so many; cells of what is cut go with it.
  const keptColumns = columns.slice(0, MAX_BOARD_COLUMNS);
  const keptRows = [...rowMap.values()].slice(0, MAX_BOARD_ROWS);
  const columnIds = new Set(keptColumns.map((c) => c.id));
  const keptCells = Object.fromEntries(
    keptRows.map((r) => [r.id, Object.fromEntries(Object.entries(cells[r.id] ?? {}).filter(([c]) => columnIds.has(c)))]),
  );
  const groups = boards
    .map((b) => ({
      label: b.campaign.title[lang],
      columns: b.tasks.map((t) => `${b.campaign.id}/${t.task.key}`).filter((id) => columnIds.has(id)),
    }))
    .filter((g) => g.columns.length > 0);
  return {
    title: zh ? "安全生产专项行动进展" : "Work-safety campaign progress",
    groups,
    generatedAt: now,
    timeZone: zone,
    columns: keptColumns,
    rows: keptRows,
    cells: keptCells,
  };
}
