import { CELL_STATES, type TCellState } from "./board-schema.ts";
import { escapeXml } from "./escape-xml.ts";
import { BOARD_FONT_FAMILY } from "./font-metrics.ts";
import type { BoardLayout, Rect, TextLine } from "./layout-board.ts";
import { BACKGROUND, CELL_STYLES, INK, MUTED_INK, STRIPE } from "./palette.ts";

/** The board as SVG text. Pure: every position comes from the layout, every piece of text is escaped here. */
export function buildBoardSvg(layout: BoardLayout): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${escapeXml(BOARD_FONT_FAMILY)}">`,
    `<defs>${CELL_STATES.map(markDefinition).join("")}</defs>`,
    rect({ x: 0, y: 0, width: layout.width, height: layout.height }, BACKGROUND),
    text(layout.title, INK),
    text(layout.subtitle, MUTED_INK),
  ];

  for (const item of layout.legend) {
    parts.push(rect(item.swatch, CELL_STYLES[item.state].fill, 3), text(item.label, INK));
  }

  if (layout.emptyNote) parts.push(text(layout.emptyNote, MUTED_INK));

  for (const row of layout.rows) {
    if (row.striped) parts.push(rect(row.band, STRIPE));
    parts.push(text(row.label, INK));
  }

  for (const group of layout.groups) parts.push(text(group.label, INK, "middle"), rect(group.rule, MUTED_INK));

  for (const column of layout.columns) {
    for (const line of column.labelLines) parts.push(text(line, INK, "middle"));
    parts.push(text(column.countLine, MUTED_INK, "middle"));
    for (const segment of column.progress) parts.push(rect(segment.rect, CELL_STYLES[segment.state].fill));
  }

  for (const cell of layout.cells) {
    parts.push(rect(cell.rect, CELL_STYLES[cell.state].fill, 4));
    parts.push(`<use href="#${markId(cell.state)}" x="${num(cell.center.x)}" y="${num(cell.center.y)}"/>`);
  }

  parts.push("</svg>");
  return parts.join("\n");
}

/**
 * Each state's mark as a small vector shape centred on (0, 0), defined once and placed with <use>: drawing
 * 480 marks as text made resvg shape 480 text runs, a third of a 60 × 8 board's render time.
 */
const MARK_SHAPES: Record<TCellState, (color: string) => string> = {
  done: (c) =>
    `<path d="M-5 0.5 L-1.5 4 L5.5 -3.5" fill="none" stroke="${c}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  open: (c) => `<circle r="4.5" fill="none" stroke="${c}" stroke-width="1.6"/>`,
  overdue: (c) => `<path d="M0 -5 V1.5" stroke="${c}" stroke-width="2.2" stroke-linecap="round"/><circle cy="4.8" r="1.3" fill="${c}"/>`,
  "n/a": (c) => `<path d="M-4 0 H4" stroke="${c}" stroke-width="1.6" stroke-linecap="round"/>`,
};

function markId(state: TCellState): string {
  return `mark-${state === "n/a" ? "na" : state}`;
}

function markDefinition(state: TCellState): string {
  return `<g id="${markId(state)}">${MARK_SHAPES[state](CELL_STYLES[state].markColor)}</g>`;
}

function rect(r: Rect, fill: string, radius = 0): string {
  const rounded = radius > 0 ? ` rx="${radius}"` : "";
  return `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}"${rounded} fill="${fill}"/>`;
}

function text(line: TextLine, fill: string, anchor: "start" | "middle" = "start"): string {
  const anchorAttr = anchor === "middle" ? ` text-anchor="middle"` : "";
  return `<text x="${num(line.x)}" y="${num(line.y)}" font-size="${line.fontSize}" fill="${fill}"${anchorAttr}>${escapeXml(line.text)}</text>`;
}

/** Two decimals are finer than a pixel at any scale we render and keep the SVG short. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
