import { describe, expect, it } from "vitest";
import { escapeMrkdwn, MAX_SECTION_TEXT, packLines, progressBar, quote } from "../../../src/messages/mrkdwn.ts";

describe("mrkdwn helpers", () => {
  it("draws progress bars of text", () => {
    expect(progressBar(3, 5, 5)).toBe("▓▓▓░░ 3/5");
    expect(progressBar(0, 0)).toBe("░░░░░░░░░░ 0/0");
    expect(progressBar(13, 13)).toBe("▓▓▓▓▓▓▓▓▓▓ 13/13");
  });

  it("escapes what Slack would read as markup, so typed text cannot mention @channel", () => {
    expect(escapeMrkdwn("<!channel> A & B")).toBe("&lt;!channel&gt; A &amp; B");
    expect(quote("第一行\n<第二行>")).toBe(">第一行\n>&lt;第二行&gt;");
  });

  it("packs lines into sections within the text limit and counts what did not fit", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(100, "x"));
    const all = packLines(lines, 10, "*标题*");
    expect(all.omitted).toBe(0);
    expect(all.blocks.length).toBe(4);
    const cut = packLines(lines, 2);
    expect(cut.blocks.length).toBe(2);
    const shown = cut.blocks.map((b) => (b as { text: { text: string } }).text.text);
    for (const text of shown) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(cut.omitted).toBe(100 - shown.join("\n").split("\n").length);
    expect(cut.omitted).toBeGreaterThan(0);
  });
});
