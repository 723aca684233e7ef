import { describe, expect, it } from "vitest";
import { ELLIPSIS, MISSING_CHARACTER, drawableText, ellipsize, wrapLines } from "../../../src/digest/render/fit-text.ts";
import { bundledFontMetrics } from "../../../src/digest/render/font-metrics.ts";

const metrics = bundledFontMetrics();

describe("ellipsize", () => {
  it("leaves a label that fits alone", () => {
    expect(ellipsize("民政部门", 56, 14, metrics)).toBe("民政部门");
  });

  it("cuts a label that does not fit to a prefix plus an ellipsis, within the width", () => {
    const label = "平原城乡一体化示范区管理委员会安全生产监督管理局";
    const cut = ellipsize(label, 120, 14, metrics);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(label.startsWith(cut.slice(0, -1))).toBe(true);
    expect(metrics.advance(cut, 14)).toBeLessThanOrEqual(120);
    // One more character would not have fitted.
    expect(metrics.advance(label.slice(0, cut.length) + ELLIPSIS, 14)).toBeGreaterThan(120);
  });

  it("does not leave a space before the ellipsis", () => {
    expect(ellipsize("Civil Affairs Department", metrics.advance(`Civil Affairs ${ELLIPSIS}`, 14), 14, metrics)).toBe(
      `Civil Affairs${ELLIPSIS}`,
    );
  });
});

describe("wrapLines", () => {
  it("keeps a short label on one line", () => {
    expect(wrapLines("收到", 96, 13, 2, metrics)).toEqual(["收到"]);
  });

  it("splits Chinese into balanced lines", () => {
    expect(wrapLines("汛期准备工作方案", 96, 13, 2, metrics)).toEqual(["汛期准备", "工作方案"]);
    expect(wrapLines("有限空间作业专项检查", 96, 13, 2, metrics)).toEqual(["有限空间作", "业专项检查"]);
  });

  it("moves English words whole and ends an overflowing last line with an ellipsis", () => {
    const lines = wrapLines("Safety pledge signed by the principal head", 96, 13, 2, metrics);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Safety pledge");
    expect(lines[1]!.endsWith(ELLIPSIS)).toBe(true);
    for (const line of lines) expect(metrics.advance(line, 13)).toBeLessThanOrEqual(96);
  });

  it("never starts a line with closing punctuation", () => {
    for (let width = 40; width <= 120; width += 4) {
      for (const line of wrapLines("各驻新高校（第2组），民政部门。", width, 13, 5, metrics)) {
        expect(line, `width ${width}`).not.toMatch(/^[）)，。]/u);
      }
    }
  });

  it("breaks a word longer than a whole line between its letters", () => {
    const lines = wrapLines("Antidisestablishmentarianism", 60, 13, 3, metrics);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(metrics.advance(line.replace(ELLIPSIS, ""), 13)).toBeLessThanOrEqual(60);
  });
});

describe("drawableText", () => {
  it("collapses newlines, tabs and repeated spaces like an SVG text element", () => {
    expect(drawableText("  民政\n部门\t 第一组  ", metrics)).toBe("民政 部门 第一组");
  });

  it("drops control characters", () => {
    expect(drawableText("红旗\u0007区\u0000", metrics)).toBe("红旗区");
  });

  it("shows each character the font lacks as □, so the label keeps one typeface and its measured width", () => {
    expect(MISSING_CHARACTER).toBe("□");
    expect(drawableText("䶮山区 𠀀", metrics)).toBe("□山区 □");
    expect(drawableText("x\uD800y", metrics)).toBe("x□y");
  });
});
