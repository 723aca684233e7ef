import { describe, expect, it } from "vitest";
import { useDemoSandbox } from "./demo-sandbox.ts";
import { MEETING_ACTIONS } from "../../src/messages/meetings/ids.ts";
import { DEMO_MEETING_ID, seedDemoMeeting } from "../../src/sandbox/demo-meetings.ts";

describe("the sandbox's demo meeting with a leave to decide", () => {
  // Monday 25 May 2026, 09:00: the meeting is on Tuesday at 15:00, so its notice is due now.
  const demo = useDemoSandbox();

  it("posts the notices and 卫辉市's leave request, which the office approves with one click", async () => {
    const store = demo.running.sandbox.store;
    const notice = store.messages("C0WEIHUI").find((m) => m.text?.startsWith("【会议通知】"));
    expect(notice?.text).toContain("2026年5月26日（周二）15:00");
    const request = store.messages("C0SAFETYOFFICE").find((m) => m.text?.startsWith("【请假申请】卫辉市"));
    expect(request).toBeTruthy();
    expect(JSON.stringify(request)).toContain("同一时间须参加省政府防汛调度会");
    expect(JSON.stringify(store.messages("C0WEIHUI"))).toContain("主要负责人请假申请待安委办审批");

    await demo.running.sandbox.act.click({
      userId: "U0SAFETYOFFICEL",
      actionId: MEETING_ACTIONS.approveLeave,
      channel: "C0SAFETYOFFICE",
      messageTs: request!.ts,
    });
    await demo.running.sandbox.waitFor(() => store.messages("C0WEIHUI").find((m) => m.text?.startsWith("【请假已批准】")));
    expect((await demo.db.prisma.meetingLeave.findFirstOrThrow({ where: { meetingId: DEMO_MEETING_ID } })).status).toBe("approved");
  });

  it("calls no second meeting when the sandbox starts again on the same database", async () => {
    expect(await seedDemoMeeting(demo.running.redline.deps, new Date("2026-05-26T09:00:00+08:00"))).toBe(false);
    expect(await demo.db.prisma.meeting.count()).toBe(1);
  });
});
