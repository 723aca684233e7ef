import { describe, expect, it } from "vitest";
import { buildStatusBoard } from "../../../src/domain/campaigns/build-status-board.ts";
import type { CampaignDepartment, CompletionRecord } from "../../../src/domain/campaigns/types.ts";
import { overdueListSettings, selectOverdueList, type OverdueHazard } from "../../../src/domain/office/overdue-list.ts";
import { buildOfficeOverdueList } from "../../../src/messages/office/overdue-list-message.ts";
import { ack, bj, campaign, civil, completion, culture, education, pledge, weihui, ZONE } from "../../domain/campaigns/factories.ts";
import { expectValidMessage, textOf } from "../campaigns/helpers.ts";

const TASKS = [ack, education, pledge];
const NOW = bj("2026-06-09T10:00");
const DAY = "2026-06-09";
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
    data: { heldOn: "2026-06-01", attendees: 45, location: "市政府礼堂", note: null },
  }),
  completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", slackUserId: "U0LIMING", userName: "李明", pledgeVersion: 2 }),
];
const board = (targets: readonly CampaignDepartment[] = [civil, culture, weihui], completions = COMPLETIONS) =>
  buildStatusBoard(campaign, TASKS, targets, completions, NOW, ZONE);

const pump: OverdueHazard = {
  id: 1,
  number: "YH-2026-0001",
  unit: weihui,
  placeName: "卫辉市颐养中心",
  deadlineDay: "2026-05-29",
  overdueWorkingDays: 6,
  listed: true,
};
const stairs: OverdueHazard = {
  ...pump,
  id: 2,
  number: "YH-2026-0002",
  unit: culture,
  placeName: "文化馆",
  listed: false,
  overdueWorkingDays: 9,
};

const render = (
  over: { hazards?: OverdueHazard[]; minDays?: number; lang?: "zh" | "en"; items?: ReturnType<typeof board>["overdue"] } = {},
) => {
  const settings = overdueListSettings({ minOverdueWorkingDays: over.minDays ?? 0 });
  const list = selectOverdueList(
    { campaigns: [{ campaign, items: over.items ?? board().overdue }], hazards: over.hazards ?? [pump, stairs] },
    settings,
  );
  const message = buildOfficeOverdueList({ day: DAY, list, settings, asOf: NOW, now: NOW, zone: ZONE, lang: over.lang });
  expectValidMessage(message);
  return { list, message, text: textOf(message.blocks) };
};

describe("buildOfficeOverdueList", () => {
  it("lists each campaign's overdue departments, then the red hazards, with the head to call", () => {
    const { text } = render();
    expect(text).toContain("🔴 今日逾期名单 · 6月9日（周二）");
    expect(text).toContain("共 6 项逾期，涉及 2 个单位 · 更新于 6月9日 10:00");
    expect(text).toContain(
      "*📋 夏季消防安全专项行动*（4）\n• *文化部门* — 确认收到行动通知 · 截止5月28日（周四）10:30前 · 逾期 8 个工作日 · 未登记主要负责人",
    );
    expect(text).toContain("• *卫辉市* — 签署消防安全承诺 · 截止6月5日（周五）24:00前 · 逾期 2 个工作日 · 主要负责人 <@U0WANG>");
    // Hazards most overdue first; a listed one says so.
    expect(text).toContain(
      "*🚧 红色督办隐患*（2）\n• *YH-2026-0002* 文化部门 · 文化馆 · 期限 2026-05-29 · 逾期 9 个工作日 · 未登记主要负责人\n" +
        "• *YH-2026-0001* 卫辉市 · 卫辉市颐养中心（挂牌督办） · 期限 2026-05-29 · 逾期 6 个工作日 · 主要负责人 <@U0WANG>",
    );
    expect(text).not.toContain("王强"); // the mention already renders as the name
  });

  it("reads in English too", () => {
    const { text } = render({ lang: "en" });
    expect(text).toContain("🔴 Overdue today · Tue 9 Jun");
    expect(text).toContain("6 overdue items in 2 units · as of 9 Jun, 10:00");
    expect(text).toContain("*🚧 Red hazards* (2)");
    expect(text).toContain("(listed) · due 2026-05-29 · 6 working days late · principal head <@U0WANG>");
  });

  it("leaves off what is below the threshold and says how many, in both languages", () => {
    const { list, text } = render({ minDays: 7 });
    // Only 文化部门's acknowledgement (8 days) and the 9-day hazard remain.
    expect(list.count).toBe(2);
    expect(text).toContain("共 2 项逾期，涉及 1 个单位");
    expect(text).toContain("仅列逾期满 7 个工作日的事项（另有 4 项未满，未列）。");
    expect(text).not.toContain("签署消防安全承诺");
    expect(text).not.toContain("YH-2026-0001");
    expect(render({ minDays: 7, lang: "en" }).text).toContain(
      "Listing items at least 7 working days late (4 more below that are not listed).",
    );
  });

  it("says everything on the list is done once nothing is overdue, and has no as-of time in its stable rendering", () => {
    const settings = overdueListSettings({});
    const list = selectOverdueList({ campaigns: [{ campaign, items: [] }], hazards: [] }, settings);
    const done = buildOfficeOverdueList({ day: DAY, list, settings, now: NOW, zone: ZONE });
    expect(textOf(done.blocks)).toContain("✅ 目前没有逾期事项：今日名单上的事项均已完成。");
    expect(JSON.stringify(done)).not.toContain("更新于");
  });

  it("says 逾期不足 1 个工作日 rather than 逾期 0 个工作日", () => {
    const { text } = render({ items: board().overdue.map((item) => ({ ...item, overdueWorkingDays: 0 })) });
    expect(text).toContain("逾期不足 1 个工作日");
    expect(text).not.toContain("0 个工作日");
  });

  it("escapes typed names and places: no mention or broadcast gets through", () => {
    const nasty = "<!channel> <@U1> &lt;";
    const { message } = render({ hazards: [{ ...pump, placeName: nasty, number: nasty, unit: { ...weihui, nameZh: nasty } }] });
    const json = JSON.stringify(message.blocks);
    expect(json).not.toContain("<!channel>");
    expect(json).not.toContain("<@U1>");
    expect(json).toContain("&lt;!channel&gt; &lt;@U1&gt; &amp;lt;");
  });

  it("fits 900 overdue items in one message, and cuts a longer list with a note saying how many did not fit", () => {
    const MANY: CampaignDepartment[] = Array.from({ length: 300 }, (_, i) => ({
      ...culture,
      id: `unit-${i}`,
      nameZh: `第${i}号单位${"名".repeat(30)}`,
      nameEn: `Unit ${i}`,
      headSlackUserId: `U${String(i).padStart(8, "0")}`,
      headName: "某某",
    }));
    const items = board(MANY, []).overdue;
    const bullets = (t: string) => t.split("\n").filter((l) => l.startsWith("• ")).length;
    expect(bullets(render({ items, hazards: [] }).text)).toBe(900);
    const cut = render({ items: [...items, ...items, ...items], hazards: [pump, stairs] });
    const notes = cut.message.blocks.slice(-1);
    const omittedItems = Number(/…另有 (\d+) 条未显示/.exec(textOf(notes))?.[1]);
    const omittedHazards = Number(/…另有 (\d+) 项隐患未显示/.exec(textOf(notes))?.[1]);
    expect(bullets(cut.text) + omittedItems + omittedHazards).toBe(2702);
  });
});
