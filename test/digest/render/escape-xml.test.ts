import { describe, expect, it } from "vitest";
import { escapeXml } from "../../../src/digest/render/escape-xml.ts";

describe("escapeXml", () => {
  it("escapes the five characters with a meaning in XML text and attributes", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });

  it("escapes an existing entity again, so it shows as typed", () => {
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("replaces characters XML cannot hold at all", () => {
    expect(escapeXml("a\u0000b\u0007c\u001Fd\uFFFE")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFD");
    expect(escapeXml("x\uD800y")).toBe("x\uFFFDy");
    expect(escapeXml("x\uDC00y")).toBe("x\uFFFDy");
  });

  it("keeps Chinese, tabs, newlines and characters outside the BMP", () => {
    expect(escapeXml("民政部门\t𠀀\n🔥")).toBe("民政部门\t𠀀\n🔥");
  });
});
