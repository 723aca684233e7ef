import { describe, expect, it } from "vitest";
import { mayCompleteNow, taskState } from "../../../src/domain/campaigns/task-state.ts";
import { ack, bj, completion, pledge, report, ZONE } from "./factories.ts";

describe("taskState", () => {
  it("is upcoming before the task opens and open from the moment it opens", () => {
    expect(taskState(report, undefined, bj("2026-05-31T23:59"), ZONE).state).toBe("upcoming");
    expect(taskState(report, undefined, bj("2026-06-01T00:00"), ZONE).state).toBe("open");
  });

  it("is overdue from the deadline itself, counting working days after the deadline day", () => {
    // Due at the end of Friday 5 June: Saturday is overdue by 0 working days, Monday by 1, Tuesday by 2.
    expect(taskState(report, undefined, bj("2026-06-05T23:59"), ZONE).state).toBe("open");
    expect(taskState(report, undefined, bj("2026-06-06T00:00"), ZONE)).toMatchObject({ state: "overdue", overdueWorkingDays: 0 });
    expect(taskState(report, undefined, bj("2026-06-08T10:00"), ZONE)).toMatchObject({ state: "overdue", overdueWorkingDays: 1 });
    expect(taskState(report, undefined, bj("2026-06-09T10:00"), ZONE)).toMatchObject({ state: "overdue", overdueWorkingDays: 2 });
  });

  it("skips the Dragon Boat holiday when counting overdue working days", () => {
    // Dragon Boat Festival 2026: Friday 19 June is a public holiday.
    const due = { ...ack, opensAt: bj("2026-06-15T09:00"), dueAt: bj("2026-06-18T18:00") };
    expect(taskState(due, undefined, bj("2026-06-22T10:00"), ZONE).overdueWorkingDays).toBe(1);
  });

  it("is done with the completion that counts, and says whether it came late", () => {
    const onTime = completion({ taskKey: "acknowledge", departmentId: "civil-affairs" });
    expect(taskState(ack, onTime, bj("2026-06-10T10:00"), ZONE)).toEqual({
      state: "done",
      completion: onTime,
      late: false,
      overdueWorkingDays: 0,
      stalePledge: null,
    });
    const late = completion({ taskKey: "acknowledge", departmentId: "civil-affairs", completedAt: bj("2026-05-29T09:00") });
    expect(taskState(ack, late, bj("2026-06-10T10:00"), ZONE)).toMatchObject({ state: "done", late: true });
  });

  it("counts a pledge signed on the current text as done", () => {
    const signed = completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", pledgeVersion: 2 });
    expect(taskState(pledge, signed, bj("2026-05-28T10:00"), ZONE).state).toBe("done");
  });

  it("does not count a pledge signed on an older text: new signature needed", () => {
    const old = completion({ taskKey: "safety-pledge", departmentId: "civil-affairs", userName: "李明", pledgeVersion: 1 });
    const open = taskState(pledge, old, bj("2026-05-28T10:00"), ZONE);
    expect(open).toMatchObject({ state: "open", completion: null, stalePledge: { signedVersion: 1, currentVersion: 2, completion: old } });
    expect(open.stalePledge?.message.zh).toBe("承诺书已更新（第 2 版），李明此前签署的第 1 版不再有效，需要重新签署。");
    expect(open.stalePledge?.message.en).toContain("pledge text changed");
    expect(taskState(pledge, old, bj("2026-06-08T10:00"), ZONE)).toMatchObject({
      state: "overdue",
      overdueWorkingDays: 1,
      stalePledge: { signedVersion: 1 },
    });
  });

  it("refuses a completion of another task", () => {
    expect(() =>
      taskState(ack, completion({ taskKey: "safety-pledge", departmentId: "civil-affairs" }), bj("2026-05-28T10:00"), ZONE),
    ).toThrow(RangeError);
  });
});

describe("mayCompleteNow", () => {
  it("lets a task be completed once open, also after the deadline", () => {
    expect(mayCompleteNow(report, bj("2026-06-01T00:00"), ZONE)).toEqual({ ok: true });
    expect(mayCompleteNow(report, bj("2026-07-01T09:00"), ZONE)).toEqual({ ok: true });
  });

  it("refuses before it opens, saying from when", () => {
    expect(mayCompleteNow(report, bj("2026-05-28T09:00"), ZONE)).toEqual({
      ok: false,
      code: "not_open_yet",
      message: {
        zh: "“上报隐患整治情况”尚未开始，6月1日 00:00起可以提交。",
        en: '"Report hazard rectification" has not opened yet; it can be completed from 1 Jun, 00:00.',
      },
    });
  });
});
