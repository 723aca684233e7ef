import { describe, expect, it } from "vitest";
import { parseBoard, type TBoardInput } from "../../../src/digest/render/board-schema.ts";
import { ELLIPSIS } from "../../../src/digest/render/fit-text.ts";
import { bundledFontMetrics } from "../../../src/digest/render/font-metrics.ts";
import { BOARD_LAYOUT, layoutBoard, type BoardLayout, type Rect } from "../../../src/digest/render/layout-board.ts";
import { fireCampaignBoard, largeBoard } from "./board-fixtures.ts";

const metrics = bundledFontMetrics();
const layout = (input: TBoardInput, lang: "zh" | "en" = "zh"): BoardLayout => layoutBoard(parseBoard(input), lang, metrics);

function inside(inner: Rect, outer: { width: number; height: number }): boolean {
  return inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width && inner.y + inner.height <= outer.height;
}

describe("layoutBoard", () => {
  it("counts, per task, the departments done out of those the task applies to", () => {
    const board = layout(fireCampaignBoard());
    const rectify = board.columns.find((c) => c.id === "rectify")!;
    expect(rectify.counts).toEqual({ done: 1, open: 1, overdue: 1, applicable: 3 });
    expect(rectify.countLine.text).toBe("完成 1/3");
    expect(layout(fireCampaignBoard(), "en").columns.find((c) => c.id === "rectify")!.countLine.text).toBe("1/3 done");
    // The progress bar's segments fill the bar in proportion: a third each.
    const widths = rectify.progress.map((s) => s.rect.width);
    expect(widths[0]).toBeCloseTo(widths[1]!, 5);
    expect(rectify.progress.map((s) => s.state)).toEqual(["done", "overdue", "open"]);
  });

  it("says when it was made, in Beijing time, and how much is overdue", () => {
    expect(layout(fireCampaignBoard()).subtitle.text).toBe("生成于 2024-05-27 09:00 · 4 个单位 · 4 项任务 · 逾期 3 项");
    expect(layout(fireCampaignBoard(), "en").subtitle.text).toBe("Generated 2024-05-27 09:00 · 4 units · 4 tasks · 3 overdue");
  });

  it("uses the legend wording the caller gives, falling back to the defaults", () => {
    const board = layout(fireCampaignBoard({ legend: { open: { zh: "进行中", en: "In progress" } } }));
    expect(board.legend.map((item) => item.label.text)).toEqual(["已完成", "进行中", "已逾期", "不适用"]);
  });

  it("grows taller, not smaller, for 60 departments × 8 tasks, and keeps everything on the picture", () => {
    const small = layout(largeBoard(30, 8));
    const large = layout(largeBoard(60, 8));
    expect(large.height - small.height).toBe(30 * BOARD_LAYOUT.rowHeight);
    expect(large.width).toBe(small.width);
    expect(new Set(large.rows.map((r) => r.label.fontSize))).toEqual(new Set([BOARD_LAYOUT.rowLabelSize]));
    expect(large.cells).toHaveLength(480);
    for (const cell of large.cells) expect(inside(cell.rect, large)).toBe(true);
    for (const row of large.rows) {
      expect(row.label.x + metrics.advance(row.label.text, row.label.fontSize)).toBeLessThanOrEqual(large.cells[0]!.rect.x);
    }
  });

  it("cuts a very long department name with an ellipsis and a long task name after two lines", () => {
    const board = layout(
      fireCampaignBoard({
        rows: [{ id: "civil-affairs", label: "平原城乡一体化示范区管理委员会安全生产监督管理局（含下属各乡镇街道办事处）" }],
        columns: [{ id: "ack", label: "关于开展新一轮安全生产大检查大整治工作情况的报告" }],
        cells: {},
      }),
    );
    const row = board.rows[0]!.label;
    expect(row.text.endsWith(ELLIPSIS)).toBe(true);
    expect(metrics.advance(row.text, row.fontSize)).toBeLessThanOrEqual(BOARD_LAYOUT.rowLabelMaxWidth);
    const lines = board.columns[0]!.labelLines;
    expect(lines).toHaveLength(2);
    expect(lines[1]!.text.endsWith(ELLIPSIS)).toBe(true);
    for (const line of lines) expect(metrics.advance(line.text, line.fontSize)).toBeLessThanOrEqual(BOARD_LAYOUT.columnWidth);
  });

  it("cuts a title wider than the board", () => {
    const board = layout(fireCampaignBoard({ title: "关于开展".repeat(30) }));
    expect(board.title.text.endsWith(ELLIPSIS)).toBe(true);
    expect(board.title.x + metrics.advance(board.title.text, board.title.fontSize)).toBeLessThanOrEqual(board.width - BOARD_LAYOUT.padding);
  });

  it("shows a note instead of an empty grid when there is nothing to show", () => {
    const board = layout(fireCampaignBoard({ rows: [], cells: {} }));
    expect(board.cells).toEqual([]);
    expect(board.emptyNote?.text).toBe("暂无数据");
    expect(board.height).toBeGreaterThan(board.emptyNote!.y);
  });
});
