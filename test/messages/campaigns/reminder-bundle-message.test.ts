import { describe, expect, it } from "vitest";
import type { CampaignInfo, CampaignTask } from "../../../src/domain/campaigns/types.ts";
import { bundleItemBlocks, planBundles } from "../../../src/domain/reminders/bundle.ts";
import { CAMPAIGN_ACTIONS } from "../../../src/messages/campaigns/ids.ts";
import {
  BUNDLE_ITEM_BUDGET,
  buildReminderBundleMessage,
  type BundleItemInput,
  type ReminderBundleInput,
} from "../../../src/messages/campaigns/reminder-bundle-message.ts";
import { buildReminderMessage } from "../../../src/messages/campaigns/reminder-message.ts";
import { parseCampaignButtonValue } from "../../../src/messages/campaigns/task-ref.ts";
import { ack, bj, campaign, civil, culture, pledge, report, ZONE } from "../../domain/campaigns/factories.ts";
import { buttons, expectValidMessage, textOf } from "./helpers.ts";

const hazardCampaign: Pick<CampaignInfo, "id" | "title"> = {
  id: "hazard-report-2026",
  title: { zh: "安全隐患<大排查>", en: "Hazard <sweep>" },
};
const friday = bj("2026-06-05T09:00");
const hazardAck: CampaignTask = { ...ack, opensAt: bj("2026-06-01T09:00"), dueAt: bj("2026-06-02T18:00") };

const morning = (over: Partial<ReminderBundleInput> = {}): ReminderBundleInput => ({
  department: civil,
  campaigns: [
    {
      campaign,
      items: [
        { kind: "reminder", task: report, slot: { kind: "due" } },
        { kind: "reminder", task: pledge, slot: { kind: "due" } },
      ],
    },
    { campaign: hazardCampaign, items: [{ kind: "escalation", task: hazardAck }] },
  ],
  now: friday,
  zone: ZONE,
  ...over,
});

describe("buildReminderBundleMessage", () => {
  it("says what is due for the department today, grouped by campaign, each item with its own button", () => {
    const message = buildReminderBundleMessage(morning());
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("📋 民政部门6月5日（周五）待办提醒：共 3 项，其中督办 1 项，请逐项点击按钮办理。");
    expect(text).toContain("*夏季消防安全专项行动*");
    expect(text).toContain("⏰ 今天截止：民政部门的“上报隐患整治情况”须于6月5日（周五）24:00前完成。");
    expect(text).toContain("⏰ 今天截止：民政部门的“签署消防安全承诺”须于6月5日（周五）24:00前完成。");
    // The escalation keeps its principal-head mention, in the blocks and in the notification text.
    expect(text).toContain(
      "🚨 督办：民政部门的“确认收到行动通知”已于6月2日（周二）18:00截止，逾期 3 个工作日。请主要负责人 <@U0LIMING>（局长）",
    );
    expect(message.text).toContain("<@U0LIMING>");
    // The office's campaign title is shown, escaped: no stray markup from what it typed.
    expect(text).toContain("*安全隐患&lt;大排查&gt;*");
    expect(message.text).toContain("【安全隐患&lt;大排查&gt;】");
    expect(JSON.stringify(message)).not.toContain("<大排查>");

    const found = buttons(message.blocks);
    expect(found.map((b) => [b.actionId, b.style])).toEqual([
      [CAMPAIGN_ACTIONS.report, "primary"],
      [CAMPAIGN_ACTIONS.pledge, "primary"],
      [CAMPAIGN_ACTIONS.acknowledge, "danger"],
    ]);
    expect(found.map((b) => parseCampaignButtonValue(b.value))).toEqual([
      { campaignId: campaign.id, taskKey: report.key, departmentId: civil.id },
      { campaignId: campaign.id, taskKey: pledge.key, departmentId: civil.id },
      { campaignId: hazardCampaign.id, taskKey: ack.key, departmentId: civil.id },
    ]);
    // Order: the opening, then each campaign's title above its own items.
    const order = message.blocks.map((b) => textOf([b]).slice(0, 12));
    expect(order[1]).toContain("夏季消防");
    expect(order[4]).toContain("安全隐患");
  });

  it("reads as the single reminder always did when one item is due", () => {
    const only: BundleItemInput = { kind: "reminder", task: report, slot: { kind: "before" } };
    const now = bj("2026-06-02T09:00");
    const message = buildReminderBundleMessage({ department: civil, campaigns: [{ campaign, items: [only] }], now, zone: ZONE });
    expect(message).toEqual(buildReminderMessage({ campaign, task: report, department: civil, slot: { kind: "before" }, now, zone: ZONE }));
  });

  it("speaks English when asked, with the pledge signed on an older text explained", () => {
    const message = buildReminderBundleMessage(
      morning({
        department: culture,
        lang: "en",
        campaigns: [
          {
            campaign,
            items: [
              { kind: "reminder", task: report, slot: { kind: "due" } },
              {
                kind: "reminder",
                task: pledge,
                slot: { kind: "due" },
                completion: {
                  taskKey: pledge.key,
                  departmentId: culture.id,
                  slackUserId: "U0CHEN",
                  userName: "陈芳",
                  userTitle: null,
                  completedAt: bj("2026-05-28T10:00"),
                  pledgeVersion: 1,
                  data: null,
                  correction: null,
                },
              },
            ],
          },
        ],
      }),
    );
    expectValidMessage(message);
    const text = textOf(message.blocks);
    expect(text).toContain("📋 Culture Department — reminders for Fri 5 Jun: 2 items. Use each item's button to act on it.");
    expect(text).toContain("*Summer fire-safety special action*");
    expect(text).toContain("⏰ Due today: Culture Department's “Report hazard rectification” must be done by the end of Fri 5 Jun.");
    expect(buttons(message.blocks).map((b) => b.text)).toEqual(["Report", "Sign again"]);
    expect(text).toContain("The pledge text changed (now version 2); 陈芳's signature on version 1 no longer counts");
  });

  it("stays within 50 blocks with more items than fit, saying how many are not shown", () => {
    const many: BundleItemInput[] = Array.from({ length: 60 }, (_, i) => ({
      kind: "reminder",
      task: { ...report, key: `report-${i}`, title: { zh: `第${i + 1}项报告`, en: `Report ${i + 1}` } },
      slot: { kind: "due" },
    }));
    const message = buildReminderBundleMessage(morning({ campaigns: [{ campaign, items: many }] }));
    expectValidMessage(message);
    expect(message.blocks).toHaveLength(50);
    expect(buttons(message.blocks)).toHaveLength(47);
    expect(textOf(message.blocks.slice(-1))).toBe("另有 13 项未能列出，请在 redline 应用主页查看并办理。");
  });

  it("a bundle the sweep plans at the full budget fits, and says when the rest follow in the next message", () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      key: `k${i}`,
      departmentId: civil.id,
      channelId: "C1",
      campaignId: i % 2 ? campaign.id : hazardCampaign.id,
      taskKey: `t${i}`,
      kind: "reminder" as const,
      payload: { kind: "reminder" as const, task: { ...report, key: `t${i}` }, slot: { kind: "due" as const } },
    }));
    const plans = planBundles(items, BUNDLE_ITEM_BUDGET);
    expect(plans.map((p) => p.part.count)).toEqual([2, 2]);
    for (const plan of plans) {
      expect(bundleItemBlocks(plan.entries)).toBeLessThanOrEqual(BUNDLE_ITEM_BUDGET);
      const byCampaign = [hazardCampaign, campaign]
        .map((c) => ({ campaign: c, items: plan.entries.filter((e) => e.campaignId === c.id).map((e) => e.payload) }))
        .filter((g) => g.items.length > 0);
      const message = buildReminderBundleMessage(morning({ campaigns: byCampaign, part: plan.part }));
      expectValidMessage(message);
      expect(buttons(message.blocks)).toHaveLength(plan.entries.length);
      const text = textOf(message.blocks);
      expect(text).toContain(`（第 ${plan.part.index}/2 条）`);
      expect(text).not.toContain("未能列出");
      expect(text.includes("其余提醒见下一条消息。")).toBe(plan.part.index === 1);
    }
  });
});
