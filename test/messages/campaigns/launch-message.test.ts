import { describe, expect, it } from "vitest";
import type { CampaignTask } from "../../../src/domain/campaigns/types.ts";
import { CAMPAIGN_ACTIONS } from "../../../src/messages/campaigns/ids.ts";
import { buildLaunchMessage, taskBlockId, type LaunchMessageInput } from "../../../src/messages/campaigns/launch-message.ts";
import { parseCampaignButtonValue } from "../../../src/messages/campaigns/task-ref.ts";
import { ack, bj, campaign, civil, completion, education, pledge, report, ZONE } from "../../domain/campaigns/factories.ts";
import { buttons, expectValidMessage, textOf } from "./helpers.ts";

const LAUNCH = bj("2026-05-27T10:30");

function launch(overrides: Partial<LaunchMessageInput> = {}) {
  return buildLaunchMessage({
    campaign,
    tasks: [ack, education, pledge],
    department: civil,
    completions: [],
    now: LAUNCH,
    zone: ZONE,
    ...overrides,
  });
}

describe("buildLaunchMessage", () => {
  it("says what, to whom and why — the speech's clause as a quote — in Chinese by default", () => {
    const message = launch();
    expectValidMessage(message);
    expect(message.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "📢 夏季消防安全专项行动", emoji: true } });
    const text = textOf(message.blocks);
    expect(text).toContain("*致：民政部门*\n立即开展夏季消防安全专项行动。");
    expect(text).toContain("*依据（讲话原文）*\n>要按照5月21日全市消防工作会议的要求，立即开展夏季消防安全专项行动。");
    expect(message.text).toBe("【夏季消防安全专项行动】民政部门：共 3 项任务，已完成 0 项");
  });

  it("lists each task with its local deadline and one button of the task's kind carrying campaign, task and department", () => {
    const message = launch();
    const text = textOf(message.blocks);
    expect(text).toContain("*1. 确认收到行动通知*  _确认收到_\n⬜ 待完成 · 截止5月28日（周四）10:30前");
    expect(text).toContain("*3. 签署消防安全承诺*  _安全承诺_\n⬜ 待完成 · 截止6月5日（周五）24:00前");
    const found = buttons(message.blocks);
    expect(found.map((b) => [b.blockId, b.actionId, b.text])).toEqual([
      [taskBlockId("acknowledge"), CAMPAIGN_ACTIONS.acknowledge, "收到"],
      [taskBlockId("warning-education"), CAMPAIGN_ACTIONS.education, "填报警示教育"],
      [taskBlockId("safety-pledge"), CAMPAIGN_ACTIONS.pledge, "签署承诺"],
    ]);
    expect(found.map((b) => parseCampaignButtonValue(b.value))).toEqual([
      { campaignId: "summer-fire-safety", taskKey: "acknowledge", departmentId: "civil-affairs" },
      { campaignId: "summer-fire-safety", taskKey: "warning-education", departmentId: "civil-affairs" },
      { campaignId: "summer-fire-safety", taskKey: "safety-pledge", departmentId: "civil-affairs" },
    ]);
  });

  it("re-renders after a click: who acknowledged and when, the button gone, the count up", () => {
    const now = bj("2026-05-27T11:05");
    const message = launch({
      now,
      completions: [completion({ taskKey: "acknowledge", departmentId: "civil-affairs", completedAt: bj("2026-05-27T11:02") })],
    });
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("✅ 已确认收到：陈芳（科长） · 5月27日 11:02");
    expect(text).toContain("本单位已完成 1/3 项 · 更新于 5月27日 11:05");
    expect(buttons(message.blocks).map((b) => b.actionId)).toEqual([CAMPAIGN_ACTIONS.education, CAMPAIGN_ACTIONS.pledge]);
  });

  it("ignores another department's completions", () => {
    const message = launch({ completions: [completion({ taskKey: "acknowledge", departmentId: "culture" })] });
    expect(buttons(message.blocks)).toHaveLength(3);
  });

  it("shows what a report and an education session said", () => {
    const message = launch({
      tasks: [education, report],
      now: bj("2026-06-02T10:00"),
      completions: [
        completion({
          taskKey: "warning-education",
          departmentId: "civil-affairs",
          data: { heldOn: "2026-05-29", attendees: 80, location: "三楼会议室", note: null },
        }),
        completion({
          taskKey: "rectification-report",
          departmentId: "civil-affairs",
          data: { status: "rectifying", hazardsFound: 12, hazardsRectified: 10, note: null },
        }),
      ],
    });
    const text = textOf(message.blocks);
    expect(text).toContain("2026-05-29 于三楼会议室举行，80 人参加");
    expect(text).toContain("发现隐患 12 处，已整改 10 处（正在整改）");
    // Until its deadline a submitted report can be corrected; an education session cannot.
    const open = buttons(message.blocks);
    expect(open.map((b) => [b.actionId, b.text])).toEqual([[CAMPAIGN_ACTIONS.correct, "更正报告"]]);
    const done = completion({
      taskKey: "rectification-report",
      departmentId: "civil-affairs",
      data: { status: "rectifying", hazardsFound: 12, hazardsRectified: 10, note: null },
    });
    const after = launch({ tasks: [report], now: new Date(report.dueAt.getTime() + 1000), completions: [done] });
    expect(buttons(after.blocks)).toEqual([]);
  });

  it("says who corrected a report and when", () => {
    const message = launch({
      tasks: [report],
      now: bj("2026-06-03T10:00"),
      completions: [
        completion({
          taskKey: "rectification-report",
          departmentId: "civil-affairs",
          data: { status: "all-rectified", hazardsFound: 12, hazardsRectified: 12, note: null },
          correction: { revision: 2, at: bj("2026-06-02T16:20"), byName: "李<四>" },
        }),
      ],
    });
    expect(textOf(message.blocks)).toContain(
      "发现隐患 12 处，已整改 12 处（已全部整改到位） · ✏️ 已更正 2 次（李&lt;四&gt; 6月2日 16:20）",
    );
  });

  it("asks the head to sign again when the pledge text changed", () => {
    const message = launch({
      completions: [completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", userName: "李明", pledgeVersion: 1 })],
    });
    const pledgeButton = buttons(message.blocks).find((b) => b.actionId === CAMPAIGN_ACTIONS.pledge);
    expect(pledgeButton?.text).toBe("重新签署");
    expect(textOf(message.blocks)).toContain("⚠️ 承诺书已更新（第 2 版），李明此前签署的第 1 版不再有效，需要重新签署。");
  });

  it("marks overdue tasks and keeps their buttons, in red", () => {
    const message = launch({ now: bj("2026-06-01T09:00") });
    expect(textOf(message.blocks)).toContain("🔴 已逾期 2 个工作日 · 截止5月28日（周四）10:30前");
    expect(buttons(message.blocks).find((b) => b.actionId === CAMPAIGN_ACTIONS.acknowledge)?.style).toBe("danger");
  });

  it("has no button for a task that has not opened yet, and says when it opens", () => {
    const message = launch({ tasks: [ack, report] });
    expect(textOf(message.blocks)).toContain("⏳ 6月1日 00:00起开放 · 截止6月5日（周五）24:00前");
    expect(buttons(message.blocks).map((b) => b.actionId)).toEqual([CAMPAIGN_ACTIONS.acknowledge]);
  });

  it("speaks English when asked", () => {
    const message = launch({ lang: "en" });
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("*To: Civil Affairs Department*");
    expect(text).toContain("*Why (from the speech)*");
    expect(text).toContain("To do · due by Thu 28 May, 10:30");
    expect(buttons(message.blocks).map((b) => b.text)).toEqual(["Acknowledge", "Report education session", "Sign pledge"]);
  });

  it("escapes what people typed, so a summary cannot ping the whole channel", () => {
    const message = launch({ campaign: { ...campaign, summary: { zh: "<!channel> 请注意", en: "x" } } });
    expect(textOf(message.blocks)).toContain("&lt;!channel&gt; 请注意");
  });

  it("stays within Slack's limits with ten tasks and the longest texts a file allows", () => {
    const tasks: CampaignTask[] = Array.from({ length: 10 }, (_, i) => ({
      ...report,
      key: `t${i}`,
      opensAt: LAUNCH,
      title: { zh: "长".repeat(120), en: "L".repeat(120) },
    }));
    const message = launch({
      tasks,
      campaign: {
        ...campaign,
        title: { zh: "题".repeat(100), en: "T".repeat(100) },
        summary: { zh: "说".repeat(1000), en: "S".repeat(1000) },
        sourceClause: "据".repeat(1500),
      },
    });
    expectValidMessage(message);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(buttons(message.blocks)).toHaveLength(10);
  });
});
