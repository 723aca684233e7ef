import { describe, expect, it } from "vitest";
import type { CampaignTask } from "../../../src/domain/campaigns/types.ts";
import { buildLaunchMessage } from "../../../src/messages/campaigns/launch-message.ts";
import {
  buildLaunchModal,
  LAUNCH_FIELDS,
  launchDateField,
  parseLaunchMetadata,
  parseLaunchSubmission,
  type LaunchChoice,
} from "../../../src/messages/campaigns/launch-modal.ts";
import { buildCampaignListMessage, buildLaunchReportMessage, closedLaunchMessage } from "../../../src/messages/campaigns/office-replies.ts";
import { buttons, expectValidMessage, expectValidModal, textOf } from "../../messages/campaigns/helpers.ts";

const ZONE = "Asia/Shanghai";
const NOW = new Date("2026-05-25T10:00:00+08:00");
const task = (key: string, kind: CampaignTask["kind"], zh: string, due: string): CampaignTask => ({
  key,
  kind,
  title: { zh, en: key },
  opensAt: NOW,
  dueAt: new Date(due),
  pledge: kind === "pledge" ? { text: { zh: "我承诺", en: "I pledge" }, version: 1 } : null,
});
const TASKS = [
  task("acknowledge", "acknowledge", "确认收到", "2026-05-26T10:00:00+08:00"),
  task("safety-pledge", "pledge", "签署承诺", "2026-06-01T10:00:00+08:00"),
];
const campaign = { id: "summer-fire-safety", title: { zh: "夏季消防安全专项行动", en: "Summer fire-safety special action" } };
const departments = Array.from({ length: 60 }, (_, i) => ({ id: `d${i}`, nameZh: `单位${i}`, nameEn: `Unit ${i}` }));

describe("closedLaunchMessage", () => {
  it("keeps the record, drops every button and says the campaign is closed", () => {
    const open = buildLaunchMessage({
      campaign: { ...campaign, summary: { zh: "摘要", en: "Summary" }, sourceClause: "依据" },
      tasks: TASKS,
      department: {
        id: "culture",
        nameZh: "文化部门",
        nameEn: "Culture",
        kind: "department",
        headSlackUserId: null,
        headName: null,
        headTitle: null,
      },
      completions: [],
      now: NOW,
      zone: ZONE,
    });
    expect(buttons(open.blocks)).toHaveLength(2);
    const closed = closedLaunchMessage(open, new Date("2026-06-02T17:30:00+08:00"), ZONE, "zh");
    expectValidMessage(closed);
    expect(buttons(closed.blocks)).toEqual([]);
    expect(textOf(closed.blocks)).toContain("确认收到");
    expect(textOf(closed.blocks)).toContain("🔒 本行动已于6月2日 17:30结束，不再接受提交。");
  });
});

describe("buildLaunchReportMessage", () => {
  it("says how many channels it reached, what is due when, and which departments are missing and why, within Slack's limits", () => {
    const message = buildLaunchReportMessage({
      campaign,
      tasks: TASKS,
      created: true,
      departments,
      posted: departments.slice(0, 10).map((d) => d.id),
      alreadyPosted: [],
      pending: ["d10"],
      failed: departments.slice(11).map((d) => ({ departmentId: d.id, reason: { zh: "频道不存在", en: "channel not found" } })),
      pledgeUpdates: [],
      now: NOW,
      zone: ZONE,
    });
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(message.text).toContain("已发送到 10/60 个单位频道");
    expect(message.text).toContain("（50 个单位未送达）");
    expect(text).toContain("1. 确认收到（确认收到） · 截止5月26日（周二）10:00前");
    expect(text).toContain("• 单位11 — 频道不存在");
    expect(text).toContain("• 单位10 — 另一实例正在发送");
    expect(text).toContain("调度每分钟自动重试");
  });

  it("on a launch again, says what was posted now and that the pledge must be signed again", () => {
    const message = buildLaunchReportMessage({
      campaign,
      tasks: TASKS,
      created: false,
      departments: departments.slice(0, 3),
      posted: ["d2"],
      alreadyPosted: ["d0", "d1"],
      pending: [],
      failed: [],
      pledgeUpdates: [{ taskKey: "safety-pledge", from: 1, to: 2 }],
      now: NOW,
      zone: ZONE,
      lang: "en",
    });
    expectValidMessage(message);
    expect(message.text).toContain("had been launched before: 1 posted now, 2 already had it, 3 of 3 in all");
    expect(textOf(message.blocks)).toContain("Pledge “safety-pledge” is now version 2 (was 1): earlier signatures no longer count");
  });
});

describe("buildCampaignListMessage", () => {
  it("shows each campaign's id, status, progress and overdue count", () => {
    const message = buildCampaignListMessage(
      [
        {
          id: "summer-fire-safety",
          title: campaign.title,
          status: "launched",
          launchedAt: NOW,
          closedAt: null,
          departments: 12,
          done: 9,
          cells: 36,
          overdue: 4,
        },
        {
          id: "old",
          title: { zh: "旧行动", en: "Old" },
          status: "closed",
          launchedAt: new Date("2026-04-01T10:00:00+08:00"),
          closedAt: new Date("2026-04-20T10:00:00+08:00"),
          departments: 2,
          done: 2,
          cells: 2,
          overdue: 0,
        },
      ],
      { now: NOW, zone: ZONE },
    );
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("*夏季消防安全专项行动* `summer-fire-safety` · 进行中 · 12 个单位\n▓▓▓░░░░░░░ 9/36 · 🔴 逾期 4");
    expect(text).toContain("*旧行动* `old` · 已结束");
    expect(message.text).toBe("专项行动：2 项，其中进行中 1 项");
  });

  it("says so when nothing has been launched", () => {
    expect(textOf(buildCampaignListMessage([], { now: NOW, zone: ZONE }).blocks)).toContain("还没有发起过专项行动");
  });
});

describe("the launch chooser", () => {
  const common = { origin: "ready-made" as const, askedTasks: [], openDates: [] };
  const choices: LaunchChoice[] = [
    {
      ...common,
      id: "summer-fire-safety",
      runId: "summer-fire-safety-2026",
      title: campaign.title,
      tasks: TASKS,
      targets: 12,
      blocked: null,
      running: false,
    },
    {
      ...common,
      id: "hazard-rectification-report",
      runId: "hazard-rectification-report-2026",
      title: { zh: "事故隐患整治情况上报", en: "Hazard report" },
      tasks: [],
      targets: 0,
      blocked: { zh: "截止时间已过", en: "the deadline has passed" },
      running: false,
    },
    {
      ...common,
      id: "county-drill",
      runId: "county-drill-2026",
      origin: "uploaded",
      title: { zh: "县区应急演练", en: "County drill" },
      tasks: [{ ...TASKS[0]!, key: "drill-report", kind: "report" }],
      askedTasks: ["drill-report"],
      openDates: [{ key: "drill-report", role: "due", title: { zh: "上报演练情况", en: "Report the drill" } }],
      targets: 12,
      blocked: null,
      running: false,
    },
  ];

  it("offers only what can be launched now, shows its deadlines, and says why the rest cannot", () => {
    const view = buildLaunchModal({ choices, metadata: { lang: "zh", channelId: "COFFICE" }, now: NOW, zone: ZONE });
    expectValidModal(view);
    const text = textOf(view.blocks);
    expect(text).toContain("签署承诺（安全承诺） 截止6月1日（周一）10:00前");
    expect(text).toContain("⚠️ 当前无法发起：截止时间已过");
    const select = view.blocks.find((b) => b.block_id === LAUNCH_FIELDS.campaign.block) as { element: { options: { value: string }[] } };
    expect(select.element.options.map((o) => o.value)).toEqual(["summer-fire-safety", "county-drill"]);
    expect(text).toContain("*夏季消防安全专项行动* `summer-fire-safety-2026`");
    expect(text).toMatch(/• 确认收到（[^）]+） 截止日期发起时填写/);
    const date = view.blocks.find((b) => b.block_id === launchDateField("county-drill", "drill-report").block) as {
      label: { text: string };
      optional: boolean;
    };
    expect([date.label.text, date.optional]).toEqual(["县区应急演练 · 上报演练情况：截止日期", true]);
    expect(parseLaunchMetadata(view.private_metadata)).toEqual({ lang: "zh", channelId: "COFFICE" });
  });

  it("has no submit button when nothing can be launched", () => {
    const view = buildLaunchModal({ choices: [choices[1]!], metadata: { lang: "en", channelId: null }, now: NOW, zone: ZONE });
    expectValidModal(view);
    expect(view.submit).toBeUndefined();
  });

  it("accepts only an offered campaign, with every day it leaves open", () => {
    const values = (value: string | null, day?: string) => ({
      [LAUNCH_FIELDS.campaign.block]: {
        [LAUNCH_FIELDS.campaign.action]: { type: "static_select", selected_option: value ? { value } : null },
      },
      [launchDateField("county-drill", "drill-report").block]: {
        [launchDateField("county-drill", "drill-report").action]: { type: "datepicker", selected_date: day ?? null },
      },
    });
    expect(parseLaunchSubmission(values("summer-fire-safety"), choices)).toEqual({
      ok: true,
      data: { campaignId: "summer-fire-safety", dates: {} },
    });
    expect(parseLaunchSubmission(values(null), choices)).toMatchObject({
      ok: false,
      errors: { [LAUNCH_FIELDS.campaign.block]: { zh: "请选择一项行动。" } },
    });
    expect(parseLaunchSubmission(values("hazard-rectification-report"), choices)).toMatchObject({ ok: false });
    expect(parseLaunchSubmission(values("county-drill"), choices)).toMatchObject({
      ok: false,
      errors: { [launchDateField("county-drill", "drill-report").block]: { zh: "发起这项行动须填写截止日期。" } },
    });
    expect(parseLaunchSubmission(values("county-drill", "2026-07-15"), choices)).toEqual({
      ok: true,
      data: { campaignId: "county-drill", dates: { "drill-report": "2026-07-15" } },
    });
    expect(() => parseLaunchMetadata("{not json")).toThrow("The form could not be read");
  });
});
