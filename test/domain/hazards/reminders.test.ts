import { describe, expect, it } from "vitest";
import {
  acceptanceWaitCutoff,
  deadlineHorizon,
  hazardRemindersDue,
  progressDueDay,
  type HazardReminderFacts,
} from "../../../src/domain/hazards/reminders.ts";
import { DEFAULT_HAZARD_SETTINGS as S, hazardSettings } from "../../../src/domain/hazards/settings.ts";

const open = (over: Partial<HazardReminderFacts> = {}): HazardReminderFacts => ({
  state: "rectifying",
  listed: false,
  deadlineDay: "2026-11-20",
  submittedDay: null,
  submissionId: null,
  lastProgressDay: null,
  ...over,
});
const slots = (h: HazardReminderFacts, day: string, clock = "09:30", settings = S) => hazardRemindersDue(h, day, clock, settings).map((r) => r.slot);

describe("hazard reminders (pure)", () => {
  it("blue within 3 working days, on the deadline, daily while overdue, escalation once red", () => {
    expect(slots(open(), "2026-11-16")).toEqual([]);
    expect(slots(open(), "2026-11-17")).toEqual(["near:2026-11-20"]);
    expect(slots(open(), "2026-11-20")).toEqual(["today:2026-11-20"]);
    expect(slots(open(), "2026-11-23")).toEqual(["overdue:2026-11-23"]);
    // Red after more than 5 working days overdue (2026-11-30 is the 6th).
    expect(slots(open(), "2026-11-27")).toEqual(["overdue:2026-11-27"]);
    expect(slots(open(), "2026-11-30")).toEqual(["overdue:2026-11-30", "escalate:2026-11-20"]);
    // A listed hazard escalates the first working day it is overdue.
    expect(slots(open({ listed: true, lastProgressDay: "2026-11-23" }), "2026-11-23")).toEqual(["overdue:2026-11-23", "escalate:2026-11-20"]);
  });

  it("nothing on days off, before remindAt, or once closed; a Sunday deadline is due on Friday", () => {
    expect(slots(open(), "2026-11-21")).toEqual([]);
    expect(slots(open(), "2026-11-23", "08:59")).toEqual([]);
    expect(slots(open({ state: "closed" }), "2026-11-23")).toEqual([]);
    expect(slots(open({ deadlineDay: "2026-11-22" }), "2026-11-20")).toEqual(["today:2026-11-22"]);
    expect(slots(open({ deadlineDay: "2026-11-22" }), "2026-11-23")).toEqual(["overdue:2026-11-23"]);
  });

  it("a listed hazard owes a progress report each week from the configured weekday until one is filed that week", () => {
    const listed = open({ listed: true, deadlineDay: "2026-12-31" });
    expect(slots(listed, "2026-11-19")).toEqual([]);
    expect(slots(listed, "2026-11-20")).toEqual(["progress:2026-W47"]);
    expect(slots({ ...listed, lastProgressDay: "2026-11-16" }, "2026-11-20")).toEqual([]);
    expect(slots({ ...listed, lastProgressDay: "2026-11-13" }, "2026-11-20")).toEqual(["progress:2026-W47"]);
    expect(slots(listed, "2026-11-18", "09:30", hazardSettings({ progressWeekday: 3 }))).toEqual(["progress:2026-W47"]);
    // National Day (from Thursday 2026-10-01): that week's report is due Wednesday; the Spring Festival week has none.
    expect(progressDueDay("2026-10-02", 5)).toBe("2026-09-30");
    expect(progressDueDay("2026-02-20", 5)).toBeNull();
    // A Friday holiday moves the day to the working day before it: 2026-01-02 is off, Wednesday 12-31 is not.
    expect(progressDueDay("2026-01-01", 5)).toBe("2025-12-31");
  });

  it("the acceptor is reminded once a rectification waited more than 3 working days", () => {
    const waiting = open({ state: "awaiting_acceptance", submittedDay: "2026-11-24", submissionId: "17" });
    expect(slots(waiting, "2026-11-27")).toEqual([]);
    expect(slots(waiting, "2026-11-30")).toEqual(["acceptance:17"]);
    expect(acceptanceWaitCutoff("2026-11-30", S)).toBe("2026-11-25");
  });

  it("the sweep's horizon covers every deadline that can be blue today, days off after it included", () => {
    expect(deadlineHorizon("2026-11-17", S)).toBe("2026-11-22");
    expect(deadlineHorizon("2026-11-18", S)).toBe("2026-11-23");
    expect(deadlineHorizon("2026-11-19", S)).toBe("2026-11-24");
    expect(deadlineHorizon("2026-11-16", S)).toBe("2026-11-19");
    expect(deadlineHorizon("2026-11-18", hazardSettings({ blueWithinWorkingDays: 2 }))).toBe("2026-11-22");
  });
});
