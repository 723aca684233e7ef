import { describe, expect, it } from "vitest";
import { renderBlocks, type BlockRenderContext } from "../../../src/sandbox/render/blocks.ts";

const ctx: BlockRenderContext = {
  names: { user: () => undefined, channel: () => undefined },
  people: [
    { value: "U1", label: "张三" },
    { value: "U2", label: "李四" },
  ],
  channels: [],
  errors: { found: "必须是整数" },
  fileUrl: (id) => `/files/${id}/x.png`,
};

describe("renderBlocks", () => {
  it("renders header, section with fields, context, divider and image", () => {
    const html = renderBlocks(
      [
        { type: "header", block_id: "h", text: { type: "plain_text", text: "周报 :bar_chart:" } },
        {
          type: "section",
          block_id: "s",
          text: { type: "mrkdwn", text: "*进度*" },
          fields: [
            { type: "mrkdwn", text: "已完成 3" },
            { type: "plain_text", text: "逾期 1" },
          ],
        },
        { type: "context", block_id: "c", elements: [{ type: "mrkdwn", text: "来源：讲话" }] },
        { type: "divider", block_id: "d" },
        {
          type: "image",
          block_id: "i",
          image_url: "https://example.org/a.png",
          alt_text: "看板",
          title: { type: "plain_text", text: "看板" },
        },
        { type: "image", block_id: "j", slack_file: { id: "F1" }, alt_text: "上传" },
      ],
      ctx,
    );
    expect(html).toContain("<h3>周报 📊</h3>");
    expect(html).toContain('<div class="bk-field">已完成 3</div><div class="bk-field">逾期 1</div>');
    expect(html).toContain("<strong>进度</strong>");
    expect(html).toContain("<hr>");
    expect(html).toContain('src="https://example.org/a.png" alt="看板"');
    expect(html).toContain('src="/files/F1/x.png"');
  });

  it("renders buttons with their style, value and confirm text as data attributes", () => {
    const html = renderBlocks(
      [
        {
          type: "actions",
          block_id: "campaign",
          elements: [
            { type: "button", action_id: "ack", text: { type: "plain_text", text: "收到" }, value: "42", style: "primary" },
            {
              type: "button",
              action_id: "withdraw",
              text: { type: "plain_text", text: "撤回" },
              style: "danger",
              confirm: { title: { type: "plain_text", text: "确定？" }, text: { type: "plain_text", text: "不可恢复" } },
            },
          ],
        },
      ],
      ctx,
    );
    expect(html).toContain(
      'class="bk-button bk-primary" data-testid="block-button" data-block-id="campaign" data-action-id="ack" data-value="42">收到</button>',
    );
    expect(html).toContain('class="bk-button bk-danger"');
    expect(html).toContain('data-confirm="确定？\n\n不可恢复"');
  });

  it("renders modal inputs as form controls with their ids and errors", () => {
    const html = renderBlocks(
      [
        {
          type: "input",
          block_id: "found",
          label: { type: "plain_text", text: "发现隐患" },
          element: { type: "number_input", action_id: "v", is_decimal_allowed: false, min_value: "0" },
        },
        {
          type: "input",
          block_id: "head",
          label: { type: "plain_text", text: "负责人" },
          element: { type: "users_select", action_id: "v", initial_user: "U2" },
        },
        {
          type: "input",
          block_id: "kinds",
          optional: true,
          label: { type: "plain_text", text: "类别" },
          element: { type: "checkboxes", action_id: "v", options: [{ text: { type: "plain_text", text: "消防" }, value: "fire" }] },
        },
        {
          type: "input",
          block_id: "when",
          label: { type: "plain_text", text: "日期" },
          element: { type: "datepicker", action_id: "v", initial_date: "2025-05-31" },
        },
      ],
      ctx,
    );
    expect(html).toContain(
      '<input type="number" step="1" class="bk-control bk-input" data-testid="modal-input" data-type="number_input" data-block-id="found" data-action-id="v" min="0">',
    );
    expect(html).toContain('data-testid="modal-error" data-block-id="found">必须是整数</div>');
    expect(html).toContain('<option value="U2" selected>李四</option>');
    expect(html).toContain('<input type="checkbox" name="kinds.v" value="fire" data-testid="modal-option">');
    expect(html).toContain("(可选 optional)");
    expect(html).toContain(
      'type="date" class="bk-control bk-input" data-testid="modal-input" data-type="datepicker" data-block-id="when" data-action-id="v" value="2025-05-31"',
    );
  });

  it("names a block type it cannot show instead of dropping it", () => {
    expect(renderBlocks([{ type: "video", block_id: "x" }], ctx)).toContain("unsupported block): video");
  });
});
