import { describe, expect, it } from "vitest";
import { actionJson, buildStateValues, clientSideErrors, findElement } from "../../src/sandbox/view-state.ts";

const option = (text: string, value: string) => ({ text: { type: "plain_text", text }, value });
const blocks = [
  {
    type: "input",
    block_id: "title",
    label: { type: "plain_text", text: "标题" },
    element: { type: "plain_text_input", action_id: "v", initial_value: "消防检查", min_length: 2 },
  },
  {
    type: "input",
    block_id: "count",
    label: { type: "plain_text", text: "人数" },
    element: { type: "number_input", action_id: "v", is_decimal_allowed: false, min_value: "1", max_value: "500" },
  },
  {
    type: "input",
    block_id: "sector",
    optional: true,
    label: { type: "plain_text", text: "行业" },
    element: {
      type: "static_select",
      action_id: "v",
      option_groups: [{ label: { type: "plain_text", text: "重点" }, options: [option("消防", "fire"), option("燃气", "gas")] }],
    },
  },
  {
    type: "input",
    block_id: "when",
    optional: true,
    label: { type: "plain_text", text: "时间" },
    element: { type: "timepicker", action_id: "v" },
  },
  {
    type: "actions",
    block_id: "more",
    elements: [
      { type: "button", action_id: "add", text: { type: "plain_text", text: "添加" }, value: "1" },
      { type: "overflow", action_id: "menu", options: [option("删除", "delete")] },
    ],
  },
];

describe("buildStateValues", () => {
  it("uses initial values for untouched inputs and finds options inside option groups", () => {
    expect(buildStateValues(blocks, { count: { v: "12" }, sector: { v: "gas" } })).toEqual({
      title: { v: { type: "plain_text_input", value: "消防检查" } },
      count: { v: { type: "number_input", value: "12" } },
      sector: { v: { type: "static_select", selected_option: option("燃气", "gas") } },
      when: { v: { type: "timepicker", selected_time: null } },
    });
  });
});

describe("clientSideErrors", () => {
  it("checks required inputs, number rules and lengths the way Slack's client does", () => {
    expect(clientSideErrors(blocks, { count: { v: "" } })).toEqual({ count: expect.stringContaining("请填写此字段") });
    expect(clientSideErrors(blocks, { count: { v: "abc" } })).toEqual({ count: expect.stringContaining("请输入数字") });
    expect(clientSideErrors(blocks, { count: { v: "501" } })).toEqual({ count: expect.stringContaining("不能大于 500") });
    expect(clientSideErrors(blocks, { count: { v: "0" } })).toEqual({ count: expect.stringContaining("不能小于 1") });
    expect(clientSideErrors(blocks, { title: { v: "火" }, count: { v: "3" } })).toEqual({
      title: expect.stringContaining("至少 2 个字符"),
    });
    expect(clientSideErrors(blocks, { count: { v: "3" } })).toEqual({});
  });
});

describe("actionJson", () => {
  it("describes a button click and an overflow choice as Slack does", () => {
    const button = findElement(blocks, "add")!;
    expect(actionJson(button, undefined, "1.000001")).toEqual({
      type: "button",
      action_id: "add",
      block_id: "more",
      action_ts: "1.000001",
      text: { type: "plain_text", text: "添加" },
      value: "1",
    });
    const menu = findElement(blocks, "menu", "more")!;
    expect(actionJson(menu, "delete", "1.000002")).toMatchObject({ type: "overflow", selected_option: option("删除", "delete") });
  });
});
