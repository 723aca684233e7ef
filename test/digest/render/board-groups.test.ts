import { describe, expect, it } from "vitest";
import { parseBoard, type TBoardInput } from "../../../src/digest/render/board-schema.ts";
import { buildBoardSvg } from "../../../src/digest/render/build-board-svg.ts";
import { bundledFontMetrics } from "../../../src/digest/render/font-metrics.ts";
import { BOARD_LAYOUT, layoutBoard } from "../../../src/digest/render/layout-board.ts";
import { isAppError } from "../../../src/lib/errors.ts";
import { fireCampaignBoard } from "./board-fixtures.ts";

const metrics = bundledFontMetrics();
const grouped = (groups: TBoardInput["groups"]): TBoardInput => ({ ...fireCampaignBoard(), groups });

describe("campaign headers over their columns", () => {
  it("draws each header once, centred over its columns and cut to their width, above the task names", () => {
    const board = grouped([
      { label: "新一轮安全生产大检查大整治暨夏季消防安全专项行动", columns: ["ack", "rectify"] },
      { label: "夏季消防", columns: ["warning", "pledge"] },
    ]);
    const plain = layoutBoard(parseBoard(fireCampaignBoard()), "zh", metrics);
    const layout = layoutBoard(parseBoard(board), "zh", metrics);
    expect(layout.groups).toHaveLength(2);
    const [first, second] = layout.groups;
    const [ack, rectify, warning, pledge] = layout.columns;
    expect(first!.label.x).toBeCloseTo((ack!.centerX + rectify!.centerX) / 2);
    expect(second!.label.x).toBeCloseTo((warning!.centerX + pledge!.centerX) / 2);
    expect(second!.label.text).toBe("夏季消防");
    expect(first!.label.text.endsWith("…")).toBe(true);
    expect(metrics.advance(first!.label.text, first!.label.fontSize)).toBeLessThanOrEqual(2 * BOARD_LAYOUT.columnWidth);
    // The task names move down by the header's height and are not cut.
    expect(ack!.labelLines[0]!.y - plain.columns[0]!.labelLines[0]!.y).toBe(BOARD_LAYOUT.groupHeight);
    expect(layout.columns.map((c) => c.labelLines.map((l) => l.text).join(""))).toEqual(["收到", "隐患整治报告", "警示教育", "安全承诺"]);
    const svg = buildBoardSvg(layout);
    expect(svg.match(/夏季消防</g)).toHaveLength(1);
  });

  it("refuses a group of columns that are not adjacent, or a column in two groups", () => {
    const issues = (input: TBoardInput) => {
      try {
        parseBoard(input);
        return [];
      } catch (e) {
        if (!isAppError(e)) throw e;
        return (e.details?.issues as { message: string }[]).map((i) => i.message);
      }
    };
    expect(issues(grouped([{ label: "a", columns: ["ack", "warning"] }]))).toEqual(["a group's columns must be adjacent, in order"]);
    expect(issues(grouped([{ label: "a", columns: ["nope"] }]))).toEqual(["unknown column in group"]);
    expect(
      issues(
        grouped([
          { label: "a", columns: ["ack"] },
          { label: "b", columns: ["ack", "rectify"] },
        ]),
      ),
    ).toEqual(["column ack in two groups"]);
  });
});
