import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_LEGEND } from "../../../src/digest/render/board-schema.ts";
import { bundledFontMetrics, readFontMetrics } from "../../../src/digest/render/font-metrics.ts";

describe("bundledFontMetrics", () => {
  const metrics = bundledFontMetrics();

  it("reads the bundled Noto Sans SC's advance widths (units per em 1000)", () => {
    // Values from the font's hmtx table, as fontTools reports them.
    expect(metrics.advance("a", 1000)).toBe(563);
    expect(metrics.advance("W", 1000)).toBe(878);
    expect(metrics.advance(" ", 1000)).toBe(224);
    expect(metrics.advance("中", 1000)).toBe(1000);
    expect(metrics.advance("民政部门", 14)).toBe(56);
    expect(metrics.advance("a中", 10)).toBeCloseTo(15.63, 5);
  });

  it("knows which characters it lacks, and measures them as a full em", () => {
    expect(metrics.missing("民政部门 䶮山 𠀀")).toEqual(["䶮", "𠀀"]);
    expect(metrics.advance("䶮", 20)).toBe(20);
  });

  it("covers every seeded department name and every piece of the board's own wording", () => {
    const seed = parse(readFileSync(fileURLToPath(new URL("../../../prisma/seed/directory.yaml", import.meta.url)), "utf8")) as {
      departments: { nameZh: string; nameEn: string }[];
    };
    expect(seed.departments.length).toBeGreaterThan(5);
    for (const department of seed.departments) {
      expect(metrics.missing(department.nameZh + department.nameEn), department.nameZh).toEqual([]);
    }
    const wording = Object.values(DEFAULT_LEGEND).flatMap((w) => [w.zh, w.en]);
    expect(metrics.missing([...wording, "生成于 个单位 项任务 逾期 完成 … · ×"].join(""))).toEqual([]);
  });
});

describe("readFontMetrics", () => {
  it("reads a format 12 cmap, which maps characters beyond the Basic Multilingual Plane", () => {
    const metrics = readFontMetrics(syntheticFont());
    expect(metrics.advance("𠀀", 10)).toBe(5);
    expect(metrics.advance("𠀁", 10)).toBe(10);
    // Glyph 3 lies past numberOfHMetrics (3 entries, glyphs 0-2), so it takes the last advance listed.
    expect(metrics.advance("𠀂", 10)).toBe(10);
    expect(metrics.missing("𠀀a")).toEqual(["a"]);
  });

  it("says which table is missing from a file that is not a usable font", () => {
    const font = syntheticFont();
    font.set([0x78, 0x78, 0x78, 0x78], 12 + 16 * 3); // rename the cmap record's tag
    expect(() => readFontMetrics(font)).toThrow("font has no 'cmap' table");
  });
});

/**
 * The smallest font file the reader accepts: head, hhea, hmtx and a cmap whose only subtable is format 12,
 * mapping U+20000..U+20002 to glyphs 1..3; unitsPerEm 1000, glyph 1 is 500 wide and glyph 2 1000.
 */
function syntheticFont(): Uint8Array {
  const head = new DataView(new ArrayBuffer(54));
  head.setUint16(18, 1000);
  const hhea = new DataView(new ArrayBuffer(36));
  hhea.setUint16(34, 3);
  const hmtx = new DataView(new ArrayBuffer(12));
  [300, 500, 1000].forEach((advance, glyph) => hmtx.setUint16(4 * glyph, advance));
  const cmap = new DataView(new ArrayBuffer(12 + 16 + 12));
  cmap.setUint16(2, 1); // one subtable
  cmap.setUint16(4, 3);
  cmap.setUint16(6, 10);
  cmap.setUint32(8, 12);
  cmap.setUint16(12, 12); // format
  cmap.setUint32(16, 28); // length
  cmap.setUint32(24, 1); // one group
  cmap.setUint32(28, 0x20000);
  cmap.setUint32(32, 0x20002);
  cmap.setUint32(36, 1);

  const tables: [string, DataView][] = [
    ["head", head],
    ["hhea", hhea],
    ["hmtx", hmtx],
    ["cmap", cmap],
  ];
  const size = 12 + 16 * tables.length + tables.reduce((sum, [, t]) => sum + t.byteLength, 0);
  const font = new Uint8Array(size);
  const view = new DataView(font.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tables.length);
  let offset = 12 + 16 * tables.length;
  tables.forEach(([tag, table], i) => {
    font.set(
      [...tag].map((c) => c.charCodeAt(0)),
      12 + 16 * i,
    );
    view.setUint32(12 + 16 * i + 8, offset);
    view.setUint32(12 + 16 * i + 12, table.byteLength);
    font.set(new Uint8Array(table.buffer), offset);
    offset += table.byteLength;
  });
  return font;
}
