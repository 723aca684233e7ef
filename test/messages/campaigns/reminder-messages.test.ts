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
    expect(overdue.text).toBe("🔴 已逾期：民政部门的“上报隐患整治情况”已于6月5日（周五）24:00截止，逾期 2 个工作日，请尽快完成。");
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
  it("mentions the principal head by Slack id and title, never the name twice", () => {
    const message = buildEscalationMessage({ campaign, task: report, department: civil, now: bj("2026-06-09T09:00"), zone: ZONE });
    expectValidMessage(message);
    expect(message.text).toBe(
      "🚨 督办：民政部门的“上报隐患整治情况”已于6月5日（周五）24:00截止，逾期 2 个工作日。请主要负责人 <@U0LIMING>（局长）督促本单位尽快完成。逾期情况已报安委办。",
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

describe("campaign message wording (issue 13)", () => {
  it("asks the head to sign a pledge in person, not to urge the unit", () => {
    const message = buildEscalationMessage({ campaign, task: pledge, department: civil, now: bj("2026-06-09T09:00"), zone: ZONE });
    expect(message.text).toContain("请主要负责人 <@U0LIMING>（局长）本人尽快签署。");
    expect(message.text).not.toContain("督促本单位");
    const en = buildEscalationMessage({ campaign, task: pledge, department: civil, now: bj("2026-06-09T09:00"), zone: ZONE, lang: "en" });
    expect(en.text).toContain("only you can sign it");
    // Other tasks still ask the head to see the unit through it.
    const report_ = buildEscalationMessage({ campaign, task: report, department: civil, now: bj("2026-06-09T09:00"), zone: ZONE });
    expect(report_.text).toContain("督促本单位尽快完成");
  });

  it("never says 逾期 0 个工作日 before a working day has passed", () => {
    // Due Friday 24:00; Saturday morning is overdue, but no working day has gone by.
    const saturday = bj("2026-06-06T09:00");
    const overdue = remind("overdue", saturday);
    expect(overdue.text).toBe("🔴 已逾期：民政部门的“上报隐患整治情况”已于6月5日（周五）24:00截止，请尽快完成。");
    const escalation = buildEscalationMessage({ campaign, task: report, department: civil, now: saturday, zone: ZONE });
    expect(escalation.text).toContain("已于6月5日（周五）24:00截止，逾期不足 1 个工作日。");
    expect(escalation.text).not.toMatch(/逾期 0 个工作日|前截止/);
    const en = buildEscalationMessage({ campaign, task: report, department: civil, now: saturday, zone: ZONE, lang: "en" });
    expect(en.text).toContain("is less than a working day late");
    expect(en.text).not.toContain("0 working days");
  });

  it("never writes 前截止 for a deadline that has passed", () => {
    const dueAt = bj("2026-12-03T11:31");
    const message = remind("overdue", bj("2026-12-07T09:00"), { task: { ...report, dueAt, opensAt: bj("2026-12-01T09:00") } });
    expect(message.text).toContain("已于12月3日（周四）11:31截止，逾期 2 个工作日");
    expect(message.text).not.toContain("前截止");
  });
});
