import { describe, expect, it } from "vitest";
import { allSubcommands } from "../../../src/slack/commands/index.ts";
import { suggestSubcommand } from "../../../src/slack/commands/suggest-subcommand.ts";

describe("did you mean", () => {
  it.each([
    ["campain", "campaign"],
    ["meetng", "meeting"],
    ["digets", undefined], // two slips in six letters is a different word
    ["campaing", "campaign"],
    ["会义", "会议"],
    ["行功", "行动"],
  ])("%s → %s", (typed, meant) => {
    expect(suggestSubcommand(allSubcommands, typed)).toBe(meant);
  });

  it("suggests nothing for a place or an exact name", () => {
    expect(suggestSubcommand(allSubcommands, "养老院归谁管")).toBeUndefined();
    expect(suggestSubcommand(allSubcommands, "ktv")).toBeUndefined();
    expect(suggestSubcommand(allSubcommands, "campaign")).toBeUndefined();
  });
});
