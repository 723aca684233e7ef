import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";
import { CELL_STATES, DEFAULT_LEGEND, cellState, type TBoard, type TCellState } from "./board-schema.ts";
import { drawableText, ellipsize, wrapLines } from "./fit-text.ts";
import type { FontMetrics } from "./font-metrics.ts";

/*
 * Geometry of the board in SVG user units (1 unit = 1 px at scale 1). Every size is fixed: a board with
 * many departments grows taller rather than smaller, so 60 rows stay as legible as 6. Labels that do not
 * fit are cut with an ellipsis (rows: one line; task columns: up to two lines).
 */
export const BOARD_LAYOUT = {
  padding: 24,
  titleSize: 22,
  subtitleSize: 13,
  legendSize: 13,
  legendSwatch: 14,
  columnLabelSize: 13,
  columnLabelLineHeight: 17,
  columnLabelLines: 2,
  countSize: 12,
  rowLabelSize: 14,
  rowHeight: 30,
  columnWidth: 104,
  cellInset: 3,
  rowLabelMinWidth: 96,
  rowLabelMaxWidth: 240,
  rowLabelGap: 12,
  progressBarHeight: 5,
  groupLabelSize: 13,
  groupHeight: 24,
  minWidth: 520,
} as const;

const L = BOARD_LAYOUT;
/** How far below a line's vertical middle its baseline sits, in ems, for Noto Sans SC's mixed CJK and Latin. */
const MIDDLE_TO_BASELINE_EM = 0.35;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  fontSize: number;
}

export interface ColumnCounts {
  done: number;
  open: number;
  overdue: number;
  /** Rows for which the task applies (every state but "n/a"). */
  applicable: number;
}

export interface ColumnLayout {
  id: string;
  /** Horizontal centre; column texts are centred on it. */
  centerX: number;
  labelLines: TextLine[];
  counts: ColumnCounts;
  countLine: TextLine;
  /** Share of applicable rows per state, as stacked segments left to right: done, overdue, open. */
  progress: { state: TCellState; rect: Rect }[];
}

export interface RowLayout {
  id: string;
  label: TextLine;
  band: Rect;
  striped: boolean;
}

export interface CellLayout {
  rowId: string;
  columnId: string;
  state: TCellState;
  rect: Rect;
  /** Centre of the cell, where the state's mark is drawn. */
  center: { x: number; y: number };
  /** A point inside the cell clear of the mark, showing the plain fill colour. */
  probe: { x: number; y: number };
}

/** A campaign's header over its columns: the title, and a rule under it spanning the columns. */
export interface GroupLayout {
  label: TextLine;
  rule: Rect;
  columnIds: string[];
}

export interface BoardLayout {
  width: number;
  height: number;
  title: TextLine;
  subtitle: TextLine;
  groups: GroupLayout[];
  legend: { state: TCellState; swatch: Rect; label: TextLine }[];
  columns: ColumnLayout[];
  rows: RowLayout[];
  cells: CellLayout[];
  /** Shown instead of a grid when the board has no rows or no columns. */
  emptyNote?: TextLine;
}

const TEXT = {
  generatedAt: { zh: "生成于", en: "Generated" },
  empty: { zh: "暂无数据", en: "Nothing to show yet" },
} as const;

export function layoutBoard(board: TBoard, lang: Lang, metrics: FontMetrics): BoardLayout {
  const rowLabels = board.rows.map((row) => drawableText(row.label, metrics));
  const widestRowLabel = Math.max(0, ...rowLabels.map((label) => metrics.advance(label, L.rowLabelSize)));
  const rowLabelWidth = clamp(Math.ceil(widestRowLabel), L.rowLabelMinWidth, L.rowLabelMaxWidth);
  const gridLeft = L.padding + rowLabelWidth + L.rowLabelGap;

  const titleBaseline = L.padding + L.titleSize;
  const subtitleBaseline = titleBaseline + 24;
  const legendTop = subtitleBaseline + 14;
  const legend = layoutLegend(board, lang, legendTop, metrics);
  const legendRight = Math.max(0, ...legend.map((item) => item.label.x + metrics.advance(item.label.text, L.legendSize)));

  const width = Math.max(L.minWidth, gridLeft + board.columns.length * L.columnWidth + L.padding, Math.ceil(legendRight) + L.padding);
  const contentWidth = width - 2 * L.padding;

  const title: TextLine = {
    text: ellipsize(drawableText(board.title, metrics), contentWidth, L.titleSize, metrics),
    x: L.padding,
    y: titleBaseline,
    fontSize: L.titleSize,
  };
  const subtitle: TextLine = {
    text: ellipsize(subtitleText(board, lang), contentWidth, L.subtitleSize, metrics),
    x: L.padding,
    y: subtitleBaseline,
    fontSize: L.subtitleSize,
  };

  const groupsTop = legendTop + L.legendSwatch + 18;
  if (board.rows.length === 0 || board.columns.length === 0) {
    const emptyNote: TextLine = { text: TEXT.empty[lang], x: L.padding, y: groupsTop + L.rowLabelSize, fontSize: L.rowLabelSize };
    return { width, height: emptyNote.y + L.padding, title, subtitle, groups: [], legend, columns: [], rows: [], cells: [], emptyNote };
  }
  const groups = layoutGroups(board, gridLeft, groupsTop, metrics);
  const headerTop = groups.length > 0 ? groupsTop + L.groupHeight : groupsTop;

  const labelBlockHeight = L.columnLabelLines * L.columnLabelLineHeight;
  const countBaseline = headerTop + labelBlockHeight + 4 + L.countSize;
  const progressTop = countBaseline + 6;
  const gridTop = progressTop + L.progressBarHeight + 8;

  const columns = board.columns.map((column, index): ColumnLayout => {
    const left = gridLeft + index * L.columnWidth;
    const centerX = left + L.columnWidth / 2;
    const lines = wrapLines(drawableText(column.label, metrics), L.columnWidth - 8, L.columnLabelSize, L.columnLabelLines, metrics);
    // Labels sit on the bottom of their block, so one-line and two-line labels share a baseline with the grid.
    const firstBaseline = headerTop + labelBlockHeight - (lines.length - 1) * L.columnLabelLineHeight - 4;
    const counts = countColumn(board, column.id);
    return {
      id: column.id,
      centerX,
      labelLines: lines.map((text, line) => ({
        text,
        x: centerX,
        y: firstBaseline + line * L.columnLabelLineHeight,
        fontSize: L.columnLabelSize,
      })),
      counts,
      countLine: { text: countText(counts, lang), x: centerX, y: countBaseline, fontSize: L.countSize },
      progress: progressSegments(counts, { x: left + 8, y: progressTop, width: L.columnWidth - 16, height: L.progressBarHeight }),
    };
  });

  const rows = board.rows.map((row, index): RowLayout => {
    const top = gridTop + index * L.rowHeight;
    return {
      id: row.id,
      label: {
        text: ellipsize(rowLabels[index]!, rowLabelWidth, L.rowLabelSize, metrics),
        x: L.padding,
        y: top + L.rowHeight / 2 + L.rowLabelSize * MIDDLE_TO_BASELINE_EM,
        fontSize: L.rowLabelSize,
      },
      band: { x: L.padding / 2, y: top, width: width - L.padding, height: L.rowHeight },
      striped: index % 2 === 1,
    };
  });

  const cells = board.rows.flatMap((row, rowIndex) =>
    board.columns.map((column, columnIndex): CellLayout => {
      const rect: Rect = {
        x: gridLeft + columnIndex * L.columnWidth + L.cellInset,
        y: gridTop + rowIndex * L.rowHeight + L.cellInset,
        width: L.columnWidth - 2 * L.cellInset,
        height: L.rowHeight - 2 * L.cellInset,
      };
      const state = cellState(board, row.id, column.id);
      const centerY = rect.y + rect.height / 2;
      return {
        rowId: row.id,
        columnId: column.id,
        state,
        rect,
        center: { x: rect.x + rect.width / 2, y: centerY },
        probe: { x: rect.x + rect.width / 4, y: centerY },
      };
    }),
  );

  const height = gridTop + board.rows.length * L.rowHeight + L.padding;
  return { width, height, title, subtitle, groups, legend, columns, rows, cells };
}

function layoutGroups(board: TBoard, gridLeft: number, top: number, metrics: FontMetrics): GroupLayout[] {
  const index = new Map(board.columns.map((c, i) => [c.id, i]));
  return (board.groups ?? []).map((group) => {
    const first = index.get(group.columns[0]!)!;
    const left = gridLeft + first * L.columnWidth;
    const width = group.columns.length * L.columnWidth;
    return {
      columnIds: group.columns,
      label: {
        text: ellipsize(drawableText(group.label, metrics), width - 8, L.groupLabelSize, metrics),
        x: left + width / 2,
        y: top + L.groupLabelSize,
        fontSize: L.groupLabelSize,
      },
      rule: { x: left + 4, y: top + L.groupLabelSize + 6, width: width - 8, height: 1.5 },
    };
  });
}

function layoutLegend(board: TBoard, lang: Lang, top: number, metrics: FontMetrics): BoardLayout["legend"] {
  let x = L.padding;
  return CELL_STATES.map((state) => {
    const text = drawableText((board.legend?.[state] ?? DEFAULT_LEGEND[state])[lang], metrics);
    const swatch: Rect = { x, y: top, width: L.legendSwatch, height: L.legendSwatch };
    const label: TextLine = { text, x: x + L.legendSwatch + 6, y: top + L.legendSwatch - 2, fontSize: L.legendSize };
    x = label.x + metrics.advance(text, L.legendSize) + 20;
    return { state, swatch, label };
  });
}

function subtitleText(board: TBoard, lang: Lang): string {
  const at = DateTime.fromJSDate(board.generatedAt, { zone: board.timeZone }).toFormat("yyyy-MM-dd HH:mm");
  const overdue = Object.values(board.cells).reduce(
    (sum, byColumn) => sum + Object.values(byColumn).filter((state) => state === "overdue").length,
    0,
  );
  const rows = board.rows.length;
  const columns = board.columns.length;
  return lang === "zh"
    ? `${TEXT.generatedAt.zh} ${at} · ${rows} 个单位 · ${columns} 项任务 · 逾期 ${overdue} 项`
    : `${TEXT.generatedAt.en} ${at} · ${rows} ${rows === 1 ? "unit" : "units"} · ${columns} ${columns === 1 ? "task" : "tasks"} · ${overdue} overdue`;
}

function countColumn(board: TBoard, columnId: string): ColumnCounts {
  const counts: ColumnCounts = { done: 0, open: 0, overdue: 0, applicable: 0 };
  for (const row of board.rows) {
    const state = cellState(board, row.id, columnId);
    if (state === "n/a") continue;
    counts[state]++;
    counts.applicable++;
  }
  return counts;
}

function countText(counts: ColumnCounts, lang: Lang): string {
  return lang === "zh" ? `完成 ${counts.done}/${counts.applicable}` : `${counts.done}/${counts.applicable} done`;
}

function progressSegments(counts: ColumnCounts, bar: Rect): ColumnLayout["progress"] {
  if (counts.applicable === 0) return [{ state: "n/a", rect: bar }];
  let x = bar.x;
  return (["done", "overdue", "open"] as const)
    .filter((state) => counts[state] > 0)
    .map((state) => {
      const width = (bar.width * counts[state]) / counts.applicable;
      const rect = { x, y: bar.y, width, height: bar.height };
      x += width;
      return { state, rect };
    });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
