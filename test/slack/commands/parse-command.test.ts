import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/slack/commands/parse-command.ts";

describe("parseCommand with Slack's escaping (should_escape: true)", () => {
  it("keeps a mention whole and decodes the entities Slack puts in for a typed &, < and >", () => {
    const parsed = parseCommand("缺席 <@U123|王 强> --since 2026-04-01", "zh");
    expect(parsed.name).toBe("缺席");
    expect(parsed.rest).toBe("<@U123|王 强> --since 2026-04-01");
    expect(parseCommand("谁负责 A&amp;B &lt;KTV&gt;", "zh").rest).toBe("A&B <KTV>");
  });
});
