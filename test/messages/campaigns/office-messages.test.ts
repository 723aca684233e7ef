import { describe, expect, it } from "vitest";
import { buildEducationSummary } from "../../../src/domain/campaigns/build-education-summary.ts";
import { buildStatusBoard, departmentView } from "../../../src/domain/campaigns/build-status-board.ts";
import type { CampaignDepartment, CompletionRecord } from "../../../src/domain/campaigns/types.ts";
import { buildEducationSummaryMessage } from "../../../src/messages/campaigns/education-summary-message.ts";
import { CAMPAIGN_ACTIONS } from "../../../src/messages/campaigns/ids.ts";
import {
  buildCampaignsOverviewMessage,
  buildDepartmentStatusMessage,
  buildStatusBoardMessage,
} from "../../../src/messages/campaigns/status-board-message.ts";
import { ack, bj, campaign, civil, completion, culture, education, pledge, weihui, ZONE } from "../../domain/campaigns/factories.ts";
import { buttons, expectValidMessage, textOf } from "./helpers.ts";

const TASKS = [ack, education, pledge];
const TARGETS = [civil, culture, weihui];
const NOW = bj("2026-06-09T10:00");
const COMPLETIONS: CompletionRecord[] = [
  completion({ taskKey: "acknowledge", departmentId: "civil-affairs", completedAt: bj("2026-05-27T11:00") }),
  completion({ taskKey: "acknowledge", departmentId: "weihui", userName: "赵六", userTitle: null, completedAt: bj("2026-05-28T15:00") }),
  completion({
    taskKey: "warning-education",
    departmentId: "civil-affairs",
    data: { heldOn: "2026-05-29", attendees: 80, location: "三楼会议室", note: null },
  }),
  completion({
    taskKey: "warning-education",
    departmentId: "weihui",
    userName: "赵六",
    data: { heldOn: "2026-06-01", attendees: 45, location: "市政府礼堂", note: null },
  }),
  completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", slackUserId: "U0LIMING", userName: "李明", pledgeVersion: 2 }),
];
const board = (now = NOW, targets: readonly CampaignDepartment[] = TARGETS, completions = COMPLETIONS) =>
  buildStatusBoard(campaign, TASKS, targets, completions, now, ZONE);

/** Many departments with long names: a board that cannot fit in one message. */
const MANY: CampaignDepartment[] = Array.from({ length: 300 }, (_, i) => ({
  ...culture,
  id: `unit-${i}`,
  nameZh: `第${i}号单位${"名".repeat(30)}`,
  nameEn: `Unit ${i}`,
  headSlackUserId: `U${String(i).padStart(8, "0")}`,
  headName: "某某",
}));

describe("buildStatusBoardMessage (office)", () => {
  it("shows progress per task as text bars and one row per department with who and when", () => {
    const message = buildStatusBoardMessage(board());
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("*总体* ▓▓▓▓▓▓░░░░ 5/9（56%）");
    expect(text).toContain("*1. 确认收到行动通知*\n▓▓▓▓▓▓▓░░░ 2/3 · 逾期 1 · 截止5月28日（周四）10:30前");
    expect(text).toContain("*3. 签署消防安全承诺*\n▓▓▓░░░░░░░ 1/3 · 逾期 2 · 截止6月5日（周五）24:00前");
    expect(text).toContain(
      "*民政部门*　✅ 确认收到（陈芳 5月27日 11:00） · ✅ 警示教育（陈芳 5月27日 11:00） · ✅ 安全承诺（李明 5月27日 11:00）",
    );
    expect(text).toContain("*卫辉市*　✅ 确认收到（赵六 5月28日 15:00，逾期完成）");
    expect(text).toContain("*🔴 逾期（4）*\n• 文化部门 — 确认收到行动通知（逾期 8 个工作日）");
    expect(message.text).toBe("夏季消防安全专项行动：完成 5/9（56%），逾期 4 项");
    expect(buttons(message.blocks)).toEqual([]);
  });

  it("cuts a board too large for one message, saying how many rows are missing and where to see them", () => {
    const message = buildStatusBoardMessage(board(NOW, MANY, []));
    expectValidMessage(message);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const note = textOf(message.blocks.slice(-1));
    expect(note).toMatch(/^…另有 \d+ 条未显示（消息长度有限）。完整名单：`npx redline status summer-fire-safety --json`$/);
    const shownRows = textOf(message.blocks)
      .split("\n")
      .filter((l) => l.startsWith("*第")).length;
    const shownOverdue = textOf(message.blocks)
      .split("\n")
      .filter((l) => l.startsWith("• 第")).length;
    const omitted = Number(/另有 (\d+) 条/.exec(note)![1]);
    expect(shownRows + shownOverdue + omitted).toBe(300 + 900);
    expect(shownRows).toBeGreaterThan(0);
    expect(shownOverdue).toBeGreaterThan(0);
  });

  it("speaks English when asked", () => {
    const text = textOf(buildStatusBoardMessage(board(), { lang: "en" }).blocks);
    expect(text).toContain("*Overall* ▓▓▓▓▓▓░░░░ 5/9 (56%)");
    expect(text).toContain("🔴 Acknowledgement (overdue 8 working days)");
  });
});

describe("buildDepartmentStatusMessage", () => {
  it("gives a department its open tasks with their buttons, and a line of what is done", () => {
    const view = departmentView(board(bj("2026-06-02T10:00")), "weihui")!;
    const message = buildDepartmentStatusMessage([view], { now: bj("2026-06-02T10:00"), zone: ZONE });
    expectValidMessage(message);
    expect(buttons(message.blocks).map((b) => b.actionId)).toEqual([CAMPAIGN_ACTIONS.pledge]);
    const text = textOf(message.blocks);
    expect(text).toContain("📋 卫辉市待办事项");
    expect(text).toContain("签署消防安全承诺\n⬜ 待完成 · 截止6月5日（周五）24:00前");
    expect(text).toContain("已完成：✅ 确认收到（赵六 5月28日 15:00，逾期完成） · ✅ 警示教育（赵六 5月27日 11:00）");
    expect(message.text).toBe("卫辉市：1 项待办");
  });

  it("says there is nothing to do when everything is done", () => {
    const message = buildDepartmentStatusMessage([departmentView(board(), "civil-affairs")!], { now: NOW, zone: ZONE });
    expect(textOf(message.blocks)).toContain("✅ 民政部门目前没有待办任务。");
  });

  it("keeps to 50 blocks across many campaigns, naming those left out", () => {
    const views = Array.from({ length: 20 }, (_, i) => {
      const b = buildStatusBoard(
        { ...campaign, id: `c${i}`, title: { zh: `行动${i}`, en: `C${i}` } },
        TASKS,
        [culture],
        [],
        bj("2026-05-27T12:00"),
        ZONE,
      );
      return departmentView(b, "culture")!;
    });
    const message = buildDepartmentStatusMessage(views, { now: bj("2026-05-27T12:00"), zone: ZONE });
    expectValidMessage(message);
    expect(textOf(message.blocks.slice(-1))).toMatch(/^另有 \d+ 项行动的待办未显示：.*行动19。/);
  });
});

describe("buildEducationSummaryMessage", () => {
  it("reports who held warning education, who did not, and the attendee total", () => {
    const summary = buildEducationSummary(education, TARGETS, COMPLETIONS);
    const message = buildEducationSummaryMessage({ campaign, summary, now: bj("2026-06-03T10:30"), zone: ZONE });
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("*已填报 2/3 个单位，参加人数合计 125 人*\n▓▓▓▓▓▓▓░░░ 2/3");
    expect(text).toContain("*未填报（1）*\n• *文化部门* · 未登记主要负责人");
    expect(text).toContain(
      "*已填报（2）*\n• *民政部门* — 2026-05-29 · 三楼会议室 · 80 人 · 填报人 陈芳\n• *卫辉市* — 2026-06-01 · 市政府礼堂 · 45 人 · 填报人 赵六",
    );
    expect(text).toContain("“开展消防安全警示教育并填报”已于6月3日（周三）10:30前截止");
  });

  it("fits three hundred departments into one message with a note", () => {
    const summary = buildEducationSummary(education, MANY, []);
    const message = buildEducationSummaryMessage({ campaign, summary, now: bj("2026-06-03T10:30"), zone: ZONE, lang: "en" });
    expectValidMessage(message);
    expect(textOf(message.blocks)).toContain("0 of 300 departments reported; 0 attendees in all");
  });
});

describe("buildCampaignsOverviewMessage", () => {
  it("shows each running campaign's progress and overdue count", () => {
    const message = buildCampaignsOverviewMessage([board()], { now: NOW, zone: ZONE });
    expectValidMessage(message);
    expect(textOf(message.blocks)).toContain("*夏季消防安全专项行动* `summer-fire-safety`\n▓▓▓▓▓▓░░░░ 5/9（56%） · 🔴 逾期 4");
  });
});
