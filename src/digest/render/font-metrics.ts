import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Advance widths of one TrueType/OpenType font, read straight from its `cmap`, `hhea`, `hmtx` and `head`
 * tables. The board only needs "how wide is this label" and "which characters can this font draw", so a
 * 60-line reader of four tables stands in for a font library.
 */
export interface FontMetrics {
  /** The width of `text` in pixels at `fontSize`, without kerning (CJK labels have none to speak of). */
  advance(text: string, fontSize: number): number;
  /** Characters of `text` the font has no glyph for, each once, in order of appearance. */
  missing(text: string): string[];
}

export const BOARD_FONT_FAMILY = "Noto Sans SC";
export const BOARD_FONT_PATH = fileURLToPath(new URL("./fonts/noto-sans-sc-regular-gb2312.ttf", import.meta.url));

/** A character without a glyph is measured as a full em, as wide as the □ the board draws instead. */
const MISSING_ADVANCE_EM = 1;

export function readFontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = readTableDirectory(view);
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no '${tag}' table`);
    return offset;
  };

  const unitsPerEm = view.getUint16(table("head") + 18);
  const numberOfHMetrics = view.getUint16(table("hhea") + 34);
  const hmtx = table("hmtx");
  const advanceOfGlyph = (glyph: number): number => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const advanceByCodePoint = new Map<number, number>();
  for (const [codePoint, glyph] of readCmap(view, table("cmap"))) {
    if (glyph !== 0) advanceByCodePoint.set(codePoint, advanceOfGlyph(glyph) / unitsPerEm);
  }

  return {
    advance(text, fontSize) {
      let em = 0;
      for (const ch of text) em += advanceByCodePoint.get(ch.codePointAt(0)!) ?? MISSING_ADVANCE_EM;
      return em * fontSize;
    },
    missing(text) {
      const seen = new Set<string>();
      for (const ch of text) {
        if (!advanceByCodePoint.has(ch.codePointAt(0)!) && !/\s/u.test(ch)) seen.add(ch);
      }
      return [...seen];
    },
  };
}

let bundled: FontMetrics | undefined;

/** Metrics of the font bundled with the board renderer, read once per process. */
export function bundledFontMetrics(): FontMetrics {
  bundled ??= readFontMetrics(readFileSync(BOARD_FONT_PATH));
  return bundled;
}

/** Table tag → byte offset of the table in the file. */
function readTableDirectory(view: DataView): Map<string, number> {
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    tables.set(tag, view.getUint32(at + 8));
  }
  return tables;
}

/** Code point → glyph id from the best Unicode subtable: format 12 (full Unicode) if present, else format 4 (BMP). */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const numSubtables = view.getUint16(cmap + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < numSubtables; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 4 + 8 * i + 2);
    const at = cmap + view.getUint32(cmap + 4 + 8 * i + 4);
    const isUnicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!isUnicode) continue;
    const format = view.getUint16(at);
    if (format === 12) format12 ??= at;
    if (format === 4) format4 ??= at;
  }
  if (format12 !== undefined) return readCmapFormat12(view, format12);
  if (format4 !== undefined) return readCmapFormat4(view, format4);
  throw new Error("font has no Unicode cmap subtable of format 4 or 12");
}

function readCmapFormat4(view: DataView, at: number): Map<number, number> {
  const segCount = view.getUint16(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + 2 * segCount + 2;
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;
  const map = new Map<number, number>();
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(endCodes + 2 * s);
    const start = view.getUint16(startCodes + 2 * s);
    const delta = view.getInt16(idDeltas + 2 * s);
    const rangeOffsetAt = idRangeOffsets + 2 * s;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (c + delta) & 0xffff;
      } else {
        // The spec's famous pointer trick: the offset is relative to the idRangeOffset entry itself.
        const raw = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      map.set(c, glyph);
    }
  }
  return map;
}

function readCmapFormat12(view: DataView, at: number): Map<number, number> {
  const numGroups = view.getUint32(at + 12);
  const map = new Map<number, number>();
  for (let g = 0; g < numGroups; g++) {
    const group = at + 16 + 12 * g;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const startGlyph = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) map.set(c, startGlyph + (c - start));
  }
  return map;
}
