import { mkdirSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { parseBoard, type TBoardInput } from "../../../src/digest/render/board-schema.ts";
import { buildBoardSvg } from "../../../src/digest/render/build-board-svg.ts";
import { bundledFontMetrics } from "../../../src/digest/render/font-metrics.ts";
import { layoutBoard, type BoardLayout, type Rect, type TextLine } from "../../../src/digest/render/layout-board.ts";
import { CELL_STYLES } from "../../../src/digest/render/palette.ts";
import { DEFAULT_BOARD_SCALE, boardLayout, renderBoard } from "../../../src/digest/render/render-board.ts";
import { fireCampaignBoard, largeBoard } from "./board-fixtures.ts";
import { colorDistance, hexToRgb, readPicture, type Picture } from "./png-probe.ts";

const OUTPUT_DIR = fileURLToPath(new URL("../../../test-output/digest", import.meta.url));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function savePng(name: string, png: Buffer): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(`${OUTPUT_DIR}${name}`, png);
}

/** The box a line of text occupies: from a font-size above its baseline to a quarter below. */
function textBox(line: TextLine): Rect {
  const width = bundledFontMetrics().advance(line.text, line.fontSize);
  return { x: line.x, y: line.y - line.fontSize, width, height: line.fontSize * 1.25 };
}

function cell(layout: BoardLayout, rowId: string, columnId: string) {
  const found = layout.cells.find((c) => c.rowId === rowId && c.columnId === columnId);
  if (!found) throw new Error(`no cell ${rowId}/${columnId}`);
  return found;
}

function rowLabel(layout: BoardLayout, rowId: string): TextLine {
  const found = layout.rows.find((r) => r.id === rowId);
  if (!found) throw new Error(`no row ${rowId}`);
  return found.label;
}

function expectCellColour(picture: Picture, layout: BoardLayout, rowId: string, columnId: string) {
  const { probe, state } = cell(layout, rowId, columnId);
  expect(
    colorDistance(picture.colorAt(probe.x, probe.y), hexToRgb(CELL_STYLES[state].fill)),
    `${rowId}/${columnId} is ${state}`,
  ).toBeLessThanOrEqual(2);
}

describe("renderBoard", () => {
  it("draws the fire campaign board as a PNG of the laid-out size with each state's colour in its cell", async () => {
    const board = fireCampaignBoard();
    const layout = boardLayout(board, "zh");
    const png = await renderBoard(board, "zh");
    savePng("board-fire-campaign.zh.png", png);

    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const picture = readPicture(png, DEFAULT_BOARD_SCALE);
    expect(picture.width).toBe(Math.ceil(layout.width * DEFAULT_BOARD_SCALE));
    expect(picture.height).toBe(Math.ceil(layout.height * DEFAULT_BOARD_SCALE));

    expect(cell(layout, "civil-affairs", "ack").state).toBe("done");
    expect(cell(layout, "civil-affairs", "warning").state).toBe("open");
    expect(cell(layout, "civil-affairs", "pledge").state).toBe("overdue");
    expect(cell(layout, "fire-brigade", "rectify").state).toBe("n/a");
    expect(cell(layout, "hongqi", "pledge").state).toBe("n/a"); // left out of `cells`
    for (const c of layout.cells) expectCellColour(picture, layout, c.rowId, c.columnId);
  });

  it("is not blank: the title, labels and legend leave ink and the cells bring four colours", async () => {
    const board = fireCampaignBoard();
    const layout = boardLayout(board, "zh");
    const picture = readPicture(await renderBoard(board, "zh"), DEFAULT_BOARD_SCALE);

    expect(picture.inkIn(textBox(layout.title))).toBeGreaterThan(500);
    for (const item of layout.legend) expect(picture.inkIn(textBox(item.label)), item.label.text).toBeGreaterThan(50);
    const colours = new Set(layout.cells.map((c) => picture.colorAt(c.probe.x, c.probe.y).join(",")));
    expect(colours.size).toBe(4);
  });

  it("draws Chinese department names as real glyphs, not empty space or identical boxes", async () => {
    const board = fireCampaignBoard();
    const layout = boardLayout(board, "zh");
    const picture = readPicture(await renderBoard(board, "zh"), DEFAULT_BOARD_SCALE);

    const label = rowLabel(layout, "civil-affairs");
    expect(label.text).toBe("民政部门");
    const box = textBox(label);
    const emptyMargin: Rect = { x: 0, y: layout.height - 20, width: box.width, height: box.height };
    expect(picture.inkIn(emptyMargin)).toBe(0);
    expect(picture.inkIn(box)).toBeGreaterThan(200);

    // Each of the four characters occupies one em; missing glyphs would all be the same box (or nothing).
    const masks = [0, 1, 2, 3].map((i) =>
      picture.inkMask({ x: box.x + i * label.fontSize, y: box.y, width: label.fontSize, height: box.height }),
    );
    for (const mask of masks) expect(mask).toContain("1");
    expect(new Set(masks).size).toBe(4);
  });

  it("renders labels full of XML syntax as text", async () => {
    const hostile = `<script>"x" & 'q'\u0007`;
    const board = fireCampaignBoard({
      title: `A & B <b>"title"</b>`,
      rows: [
        { id: "civil-affairs", label: hostile },
        { id: "universities", label: "]]><!--" },
        { id: "hongqi", label: "&amp; &#x41;" },
        { id: "fire-brigade", label: "市消防支队" },
      ],
      columns: [
        { id: "ack", label: `"收到"` },
        { id: "rectify", label: "<隐患>" },
        { id: "warning", label: "警示&教育" },
        { id: "pledge", label: "'承诺'" },
      ],
    });
    const svg = buildBoardSvg(layoutBoard(parseBoard(board), "zh", bundledFontMetrics()));
    expect(svg).not.toContain("<script");
    expect(svg).toContain(">&lt;script&gt;&quot;x&quot; &amp; &apos;q&apos;</text>");
    expect(svg).toContain("&amp;amp; &amp;#x41;");

    const layout = boardLayout(board, "zh");
    const png = await renderBoard(board, "zh");
    savePng("board-hostile-labels.zh.png", png);
    const picture = readPicture(png, DEFAULT_BOARD_SCALE);
    expect(picture.height).toBe(Math.ceil(layout.height * DEFAULT_BOARD_SCALE));
    for (const row of layout.rows) expect(picture.inkIn(textBox(row.label)), row.label.text).toBeGreaterThan(50);
    expectCellColour(picture, layout, "civil-affairs", "pledge");
  });

  it("keeps 60 departments × 8 tasks legible: full-size text, every row drawn down to the last", async () => {
    const board = largeBoard(60, 8);
    const layout = boardLayout(board, "zh");
    const png = await renderBoard(board, "zh");
    savePng("board-60x8.zh.png", png);

    const picture = readPicture(png, DEFAULT_BOARD_SCALE);
    expect(picture.height).toBe(Math.ceil(layout.height * DEFAULT_BOARD_SCALE));
    expect(layout.rows.every((r) => r.label.fontSize === 14)).toBe(true);
    for (const rowId of ["dept-0", "dept-30", "dept-59"]) {
      expect(picture.inkIn(textBox(rowLabel(layout, rowId))), rowId).toBeGreaterThan(200);
      for (const columnId of ["task-0", "task-3", "task-7"]) expectCellColour(picture, layout, rowId, columnId);
    }
  });

  it("draws the English legend and labels when asked for English", async () => {
    const board = fireCampaignBoard({ title: "Summer fire-safety action" });
    const layout = boardLayout(board, "en");
    const png = await renderBoard(board, "en", { scale: 1 });
    savePng("board-fire-campaign.en.png", png);

    const picture = readPicture(png, 1);
    expect(picture.width).toBe(layout.width);
    expect(layout.legend.map((item) => item.label.text)).toEqual(["Done", "Open", "Overdue", "N/A"]);
    expect(picture.inkIn(textBox(layout.legend[2]!.label))).toBeGreaterThan(20);
  });

  it("draws characters the bundled font lacks as □ and warns, naming them", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: "warn" }, sink);
    const board: TBoardInput = fireCampaignBoard({ rows: [{ id: "civil-affairs", label: "䶮山区\u0007" }], cells: {} });
    const png = await renderBoard(board, "zh", { logger });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ characters: "䶮", level: 40 });

    const label = rowLabel(boardLayout(board, "zh"), "civil-affairs");
    expect(label.text).toBe("□山区");
    // The box is drawn where the character was: its em holds ink.
    const picture = readPicture(png, DEFAULT_BOARD_SCALE);
    expect(
      picture.inkIn({ x: label.x, y: label.y - label.fontSize, width: label.fontSize, height: label.fontSize * 1.25 }),
    ).toBeGreaterThan(10);
  });

  it("refuses a malformed board and an unusable scale", async () => {
    await expect(renderBoard(fireCampaignBoard({ cells: { nowhere: { ack: "done" } } }), "zh")).rejects.toMatchObject({
      code: "input_invalid",
    });
    await expect(renderBoard(fireCampaignBoard(), "zh", { scale: 0 })).rejects.toThrow(RangeError);
  });
});
