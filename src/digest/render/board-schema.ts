import { z } from "zod";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual } from "../../lib/i18n.ts";

export const CELL_STATES = ["done", "open", "overdue", "n/a"] as const;
export const ZCellStateSchema = z.enum(CELL_STATES);
export type TCellState = z.infer<typeof ZCellStateSchema>;

/**
 * Beyond these the picture stops being "at a glance": 300 rows is a 9,000-pixel-tall image, and more than
 * 30 task columns would not fit a screen's width. A city has well under 100 departments and a campaign a
 * handful of tasks.
 */
export const MAX_BOARD_ROWS = 300;
export const MAX_BOARD_COLUMNS = 30;

const ZBilingualSchema = z.object({ zh: z.string().max(40), en: z.string().max(40) });

const ZAxisItemSchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(500),
});

export const ZBoardSchema = z
  .object({
    /** Already in the reader's language; the board does not translate it. */
    title: z.string().max(200),
    generatedAt: z.date(),
    /** Zone the "generated at" time is shown in. */
    timeZone: z.string().default("Asia/Shanghai"),
    /** Tasks, left to right. */
    columns: z.array(ZAxisItemSchema).max(MAX_BOARD_COLUMNS),
    /** One header over each run of adjacent columns (a campaign over its tasks); columns in no group get none. */
    groups: z
      .array(z.object({ label: z.string().max(200), columns: z.array(z.string().min(1).max(200)).min(1) }))
      .max(MAX_BOARD_COLUMNS)
      .optional(),
    /** Departments, top to bottom, in the order given. */
    rows: z.array(ZAxisItemSchema).max(MAX_BOARD_ROWS),
    /** rowId → columnId → state. A cell left out is shown as "n/a". */
    cells: z.record(z.string(), z.record(z.string(), ZCellStateSchema)),
    /** Overrides of the legend's wording, per state. */
    legend: z.partialRecord(ZCellStateSchema, ZBilingualSchema).optional(),
  })
  .superRefine((board, ctx) => {
    for (const axis of ["rows", "columns"] as const) {
      const seen = new Set<string>();
      board[axis].forEach((item, index) => {
        if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: [axis, index, "id"], message: `duplicate id ${item.id}` });
        seen.add(item.id);
      });
    }
    const order = new Map(board.columns.map((c, i) => [c.id, i]));
    const grouped = new Set<string>();
    board.groups?.forEach((group, index) => {
      const at = group.columns.map((id) => order.get(id));
      if (at.some((i) => i === undefined)) ctx.addIssue({ code: "custom", path: ["groups", index], message: "unknown column in group" });
      else if (at.some((i, k) => k > 0 && i !== at[k - 1]! + 1))
        ctx.addIssue({ code: "custom", path: ["groups", index], message: "a group's columns must be adjacent, in order" });
      for (const id of group.columns) {
        if (grouped.has(id)) ctx.addIssue({ code: "custom", path: ["groups", index], message: `column ${id} in two groups` });
        grouped.add(id);
      }
    });
    // A cell keyed by an id the board does not list is a caller's mistake that would otherwise vanish silently.
    const rowIds = new Set(board.rows.map((r) => r.id));
    const columnIds = new Set(board.columns.map((c) => c.id));
    for (const [rowId, byColumn] of Object.entries(board.cells)) {
      if (!rowIds.has(rowId)) ctx.addIssue({ code: "custom", path: ["cells", rowId], message: `unknown row ${rowId}` });
      for (const columnId of Object.keys(byColumn)) {
        if (!columnIds.has(columnId)) {
          ctx.addIssue({ code: "custom", path: ["cells", rowId, columnId], message: `unknown column ${columnId}` });
        }
      }
    }
  });

export type TBoardInput = z.input<typeof ZBoardSchema>;
export type TBoard = z.output<typeof ZBoardSchema>;

export const DEFAULT_LEGEND: Record<TCellState, Bilingual> = {
  done: { zh: "已完成", en: "Done" },
  open: { zh: "未完成", en: "Open" },
  overdue: { zh: "已逾期", en: "Overdue" },
  "n/a": { zh: "不适用", en: "N/A" },
};

export function cellState(board: TBoard, rowId: string, columnId: string): TCellState {
  return board.cells[rowId]?.[columnId] ?? "n/a";
}

/** Validates a board; a malformed one is a bug in the caller, reported with zod's description of it. */
export function parseBoard(input: TBoardInput): TBoard {
  const parsed = ZBoardSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.InputInvalid,
      { zh: "进度看板的数据有误，图片没有生成。", en: "The progress board's data is invalid, so no picture was made." },
      { details: { issues: parsed.error.issues }, cause: parsed.error },
    );
  }
  return parsed.data;
}
