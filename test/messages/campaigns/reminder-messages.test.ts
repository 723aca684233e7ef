import { describe, expect, it } from "vitest";
import { CAMPAIGN_ACTIONS } from "../../../src/messages/campaigns/ids.ts";
import {
  buildEscalationMessage,
  buildReminderMessage,
  type ReminderMessageInput,
} from "../../../src/messages/campaigns/reminder-message.ts";
import { parseCampaignButtonValue } from "../../../src/messages/campaigns/task-ref.ts";
import { bj, campaign, civil, completion, culture, education, pledge, report, ZONE } from "../../domain/campaigns/factories.ts";
import { buttons, expectValidMessage, textOf } from "./helpers.ts";

const remind = (slot: ReminderMessageInput["slot"]["kind"], now: Date, overrides: Partial<ReminderMessageInput> = {}) =>
  buildReminderMessage({ campaign, task: report, department: civil, slot: { kind: slot }, now, zone: ZONE, ...overrides });

describe("buildReminderMessage", () => {
  it("counts the days left before the deadline, with the task's button", () => {
    const message = remind("before", bj("2026-06-02T09:00"));
    expectValidMessage(message);
    expect(message.text).toBe("⏰ 提醒：民政部门的“上报隐患整治情况”将于6月5日（周五）24:00前截止，还有 3 天。");
    const [button] = buttons(message.blocks);
    expect(button?.actionId).toBe(CAMPAIGN_ACTIONS.report);
    expect(parseCampaignButtonValue(button!.value)).toEqual({
      campaignId: campaign.id,
      taskKey: report.key,
      departmentId: "civil-affairs",
    });
    expect(textOf(message.blocks)).toContain("夏季消防安全专项行动");
  });

  it("says due today on the due day, and overdue in working days after it", () => {
    expect(remind("due", bj("2026-06-05T09:00")).text).toBe("⏰ 今天截止：民政部门的“上报隐患整治情况”须于6月5日（周五）24:00前完成。");
    const overdue = remind("overdue", bj("2026-06-09T09:00"));
    expect(overdue.text).toBe("🔴 已逾期：民政部门的“上报隐患整治情况”已于6月5日（周五）24:00前截止，已逾期 2 个工作日，请尽快完成。");
    expect(buttons(overdue.blocks)[0]?.style).toBe("danger");
  });

  it("nudges daily through the education week and warns on its last day", () => {
    const daily = remind("daily", bj("2026-05-29T09:00"), { task: education });
    expect(daily.text).toBe("📣 民政部门尚未完成“开展消防安全警示教育并填报”，6月3日（周三）10:30前截止。");
    expect(buttons(daily.blocks)[0]?.actionId).toBe(CAMPAIGN_ACTIONS.education);
    expect(remind("final", bj("2026-06-03T09:00"), { task: education }).text).toBe(
      "⚠️ 最后一天：民政部门尚未完成“开展消防安全警示教育并填报”，将于6月3日（周三）10:30前截止，请今天完成。",
    );
  });

  it("explains a reminder for a pledge signed on an older text", () => {
    const message = remind("before", bj("2026-06-02T09:00"), {
      task: pledge,
      completion: completion({ taskKey: pledge.key, departmentId: "civil-affairs", userName: "李明", pledgeVersion: 1 }),
    });
    expect(message.text).toContain("承诺书已更新（第 2 版）");
    expect(buttons(message.blocks)[0]?.text).toBe("重新签署");
  });

  it("speaks English when asked", () => {
    expect(remind("before", bj("2026-06-04T09:00"), { lang: "en" }).text).toBe(
      "⏰ Reminder: Civil Affairs Department's “Report hazard rectification” is due by the end of Fri 5 Jun — 1 day left.",
    );
  });
});

describe("buildEscalationMessage", () => {
  it("mentions the principal head by Slack id, name and title", () => {
    const message = buildEscalationMessage({ campaign, task: report, department: civil, now: bj("2026-06-09T09:00"), zone: ZONE });
    expectValidMessage(message);
    expect(message.text).toBe(
      "🚨 督办：民政部门的“上报隐患整治情况”已逾期 2 个工作日（6月5日（周五）24:00前截止）。请主要负责人 <@U0LIMING>（李明，局长） 督促本单位尽快完成。逾期情况已报安委办。",
    );
    expect(buttons(message.blocks)[0]?.actionId).toBe(CAMPAIGN_ACTIONS.report);
  });

  it("says so when the department has no registered head", () => {
    const message = buildEscalationMessage({
      campaign,
      task: report,
      department: culture,
      now: bj("2026-06-09T09:00"),
      zone: ZONE,
      lang: "en",
    });
    expect(message.text).toContain("No principal head is registered for this department");
    expect(message.text).not.toContain("<@");
  });
});
