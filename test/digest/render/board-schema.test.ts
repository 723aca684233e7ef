import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/lib/errors.ts";
import { MAX_BOARD_ROWS, cellState, parseBoard, type TBoardInput } from "../../../src/digest/render/board-schema.ts";
import { fireCampaignBoard, largeBoard } from "./board-fixtures.ts";

function issuesOf(input: TBoardInput): string[] {
  try {
    parseBoard(input);
  } catch (e) {
    if (!isAppError(e)) throw e;
    expect(e.code).toBe("input_invalid");
    return (e.details?.issues as { message: string }[]).map((i) => i.message);
  }
  throw new Error("the board was accepted");
}

describe("parseBoard", () => {
  it("accepts a board and shows Beijing time by default", () => {
    const board = parseBoard(fireCampaignBoard());
    expect(board.timeZone).toBe("Asia/Shanghai");
    expect(cellState(board, "hongqi", "pledge")).toBe("n/a");
    expect(cellState(board, "hongqi", "warning")).toBe("done");
  });

  it("refuses a duplicate department or task id", () => {
    const rows = [...fireCampaignBoard().rows, { id: "hongqi", label: "红旗区（重复）" }];
    expect(issuesOf(fireCampaignBoard({ rows }))).toEqual(["duplicate id hongqi"]);
  });

  it("refuses cells keyed by a department or task the board does not list", () => {
    const cells = { ...fireCampaignBoard().cells, weihui: { ack: "done" as const }, hongqi: { meeting: "open" as const } };
    expect(issuesOf(fireCampaignBoard({ cells })).sort()).toEqual(["unknown column meeting", "unknown row weihui"]);
  });

  it("refuses a state it does not know", () => {
    const cells = { hongqi: { ack: "late" } } as unknown as TBoardInput["cells"];
    expect(issuesOf(fireCampaignBoard({ cells }))).toHaveLength(1);
  });

  it(`refuses more than ${MAX_BOARD_ROWS} departments`, () => {
    expect(() => parseBoard(largeBoard(MAX_BOARD_ROWS, 2))).not.toThrow();
    expect(issuesOf(largeBoard(MAX_BOARD_ROWS + 1, 2))).toHaveLength(1);
  });
});
