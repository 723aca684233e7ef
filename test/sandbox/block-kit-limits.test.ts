import { describe, expect, it } from "vitest";
import { checkMessageBlocks, checkView } from "../../src/sandbox/block-kit-limits.ts";

const messages = (problems: { pointer: string; message: string }[]) => problems.map((p) => `${p.pointer}: ${p.message}`);

describe("checkMessageBlocks", () => {
  it("accepts blocks right at the limits", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "标".repeat(150) } },
      {
        type: "section",
        text: { type: "mrkdwn", text: "字".repeat(3000) },
        fields: Array.from({ length: 10 }, () => ({ type: "mrkdwn", text: "x" })),
      },
      {
        type: "actions",
        elements: Array.from({ length: 25 }, (_, i) => ({ type: "button", action_id: `a${i}`, text: { type: "plain_text", text: "按" } })),
      },
      ...Array.from({ length: 47 }, () => ({ type: "divider" })),
    ];
    expect(checkMessageBlocks(blocks)).toEqual([]);
  });

  it("names each problem with its JSON pointer", () => {
    const problems = checkMessageBlocks([
      { type: "section", block_id: "dup", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "x" })) },
      { type: "divider", block_id: "dup" },
      { type: "header", text: { type: "mrkdwn", text: "标题" } },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: "a", text: { type: "plain_text", text: "x" }, style: "green" },
          { type: "button", action_id: "a", text: { type: "plain_text", text: "y" } },
        ],
      },
      { type: "carousel" },
      { type: "image", image_url: "https://example.org/x.png" },
    ]);
    expect(messages(problems)).toEqual([
      "/blocks/0/fields: must provide an array with no more than 10 items",
      "/blocks/1/block_id: must be unique (duplicate block_id)",
      "/blocks/2/text/type: must be one of: plain_text",
      "/blocks/3/elements/0/style: must be one of: primary, danger",
      "/blocks/3/elements/1/action_id: must be unique (duplicate action_id)",
      "/blocks/4/type: must be a valid enum value",
      "/blocks/5/alt_text: must be a string",
    ]);
  });

  it("checks button text and option limits", () => {
    const problems = checkMessageBlocks([
      {
        type: "actions",
        elements: [
          { type: "button", action_id: "b", text: { type: "plain_text", text: "长".repeat(76) } },
          {
            type: "static_select",
            action_id: "s",
            options: Array.from({ length: 101 }, (_, i) => ({ text: { type: "plain_text", text: `${i}` }, value: `${i}` })),
          },
        ],
      },
    ]);
    expect(messages(problems)).toEqual([
      "/blocks/0/elements/0/text/text: must be less than 76 characters",
      "/blocks/0/elements/1/options: must provide an array with no more than 100 items",
    ]);
  });
});

describe("checkView", () => {
  const input = { type: "input", label: { type: "plain_text", text: "备注" }, element: { type: "plain_text_input", action_id: "v" } };

  it("requires a title, and a submit button when the modal has inputs", () => {
    expect(messages(checkView({ type: "modal", blocks: [input] }, "modal"))).toEqual([
      "/view/title: must be a text object",
      "/view/submit: must provide submit when the view has input blocks",
    ]);
  });

  it("rejects a Home view published as a modal and an overlong private_metadata", () => {
    const problems = checkView(
      { type: "modal", title: { type: "plain_text", text: "x" }, private_metadata: "x".repeat(3001), blocks: [] },
      "home",
    );
    expect(messages(problems)).toEqual(["/view/type: must be home", "/view/private_metadata: must be less than 3001 characters"]);
  });

  it("accepts a well-formed modal with 100 blocks", () => {
    const blocks = [input, ...Array.from({ length: 99 }, () => ({ type: "divider" }))];
    expect(
      checkView(
        { type: "modal", title: { type: "plain_text", text: "报告" }, submit: { type: "plain_text", text: "提交" }, blocks },
        "modal",
      ),
    ).toEqual([]);
  });
});
