import { describe, expect, it } from "vitest";
import { dueNow } from "../../../src/domain/reminders/due-now.ts";
import { escalationDue, overdueWorkingDays, planSlots, slotToSend } from "../../../src/domain/reminders/schedule.ts";
import { ReminderSettingsSchema, type ReminderSettingsInput } from "../../../src/domain/reminders/settings.ts";
import type { Slot, TaskWindow } from "../../../src/domain/reminders/slot.ts";

const ZONE = "Asia/Shanghai";
/** A Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const settings = (over: ReminderSettingsInput = {}) => ReminderSettingsSchema.parse(over);
const DEFAULTS = settings();
const show = (slots: Slot[]) => slots.map((s) => `${s.key} @ ${new Date(s.at.getTime() + 8 * 3600_000).toISOString().slice(0, 16)}`);

/** Opens Monday 1 June 2026, due Friday 12 June 2026 at 18:00: no holidays nearby. */
const JUNE: TaskWindow = { opensAt: bj("2026-06-01T10:00"), dueAt: bj("2026-06-12T18:00") };

describe("planSlots", () => {
  it("plans T-3, T-1 and the due day at 09:00, then overdue working days (skipping the weekend) and escalation", () => {
    expect(show(planSlots(JUNE, DEFAULTS, ZONE, bj("2026-06-17T08:00")))).toEqual([
      "before:-3 @ 2026-06-09T09:00",
      "before:-1 @ 2026-06-11T09:00",
      "due @ 2026-06-12T09:00",
      "overdue:2026-06-15 @ 2026-06-15T09:00",
      "overdue:2026-06-16 @ 2026-06-16T09:00",
      "escalate @ 2026-06-16T09:00",
    ]);
  });

  it("moves a reminder that falls in the National Day holiday back to the last working day before it", () => {
    // Due Friday 9 Oct 2026: T-3 (Tue 6 Oct) is in the 1–7 Oct holiday, so it goes out on Wed 30 Sep.
    const task = { opensAt: bj("2026-09-01T09:00"), dueAt: bj("2026-10-09T18:00") };
    expect(show(planSlots(task, DEFAULTS, ZONE, bj("2026-10-12T23:00")))).toEqual([
      "before:-3 @ 2026-09-30T09:00",
      "before:-1 @ 2026-10-08T09:00",
      "due @ 2026-10-09T09:00",
      "overdue:2026-10-10 @ 2026-10-10T09:00", // the 调休 Saturday is a working day
      "overdue:2026-10-12 @ 2026-10-12T09:00",
      "escalate @ 2026-10-12T09:00",
    ]);
  });

  it("keeps a reminder that falls on a 调休 make-up Saturday where it is", () => {
    const task = { opensAt: bj("2026-09-01T09:00"), dueAt: bj("2026-10-13T18:00") };
    const before = planSlots(task, DEFAULTS, ZONE, task.dueAt).filter((s) => s.kind === "before");
    expect(show(before)).toEqual(["before:-3 @ 2026-10-10T09:00", "before:-1 @ 2026-10-12T09:00"]);
  });

  it("moves the reminders of a weekend deadline back to Friday, keeping one (hazard report due Sunday 31 May)", () => {
    // "By 31 May" stored as midnight: the deadline day is 31 May, not 1 June. T-1 (Sat) and the due day (Sun)
    // both move back to Friday 29 May; the one nearest the deadline stays.
    const task = { opensAt: bj("2026-04-15T09:00"), dueAt: bj("2026-06-01T00:00") };
    expect(show(planSlots(task, DEFAULTS, ZONE, bj("2026-06-02T12:00")))).toEqual([
      "before:-3 @ 2026-05-28T09:00",
      "due @ 2026-05-29T09:00",
      "overdue:2026-06-01 @ 2026-06-01T09:00",
      "overdue:2026-06-02 @ 2026-06-02T09:00",
      "escalate @ 2026-06-02T09:00",
    ]);
  });

  it("never plans a reminder before the task opens", () => {
    const task = { opensAt: bj("2026-06-10T15:00"), dueAt: bj("2026-06-12T18:00") };
    expect(planSlots(task, DEFAULTS, ZONE, task.dueAt).map((s) => s.key)).toEqual(["before:-1", "due"]);
  });

  it("sends no daily overdue reminders when turned off, but still escalates", () => {
    const slots = planSlots(JUNE, settings({ dailyWhileOverdue: false }), ZONE, bj("2026-06-30T18:00"));
    expect(slots.map((s) => s.key)).toEqual(["before:-3", "before:-1", "due", "escalate"]);
  });

  it("uses a campaign's own offsets and time", () => {
    const slots = planSlots(JUNE, settings({ offsetsDays: [-7, 0], at: "14:30" }), ZONE, JUNE.dueAt);
    expect(show(slots)).toEqual(["before:-7 @ 2026-06-05T14:30", "due @ 2026-06-12T14:30"]);
  });

  it("gives the same keys and times whenever and wherever it is computed", () => {
    const early = planSlots(JUNE, DEFAULTS, ZONE, bj("2026-06-15T12:00"));
    const late = planSlots(JUNE, DEFAULTS, ZONE, bj("2026-06-30T12:00"));
    expect(late.slice(0, early.length)).toEqual(early);
    expect(new Set(late.map((s) => s.key)).size).toBe(late.length);
  });

  it("keeps Beijing reminders at 01:00 UTC all year", () => {
    const yearLong = { opensAt: bj("2026-01-05T09:00"), dueAt: bj("2026-03-02T18:00") };
    const slots = planSlots(yearLong, DEFAULTS, ZONE, bj("2026-12-31T23:00"));
    expect(slots.length).toBeGreaterThan(200);
    expect(slots.every((s) => s.at.getUTCHours() === 1 && s.at.getUTCMinutes() === 0)).toBe(true);
  });

  it("refuses a task that is due before it opens", () => {
    expect(() => planSlots({ opensAt: JUNE.dueAt, dueAt: JUNE.opensAt }, DEFAULTS, ZONE, JUNE.dueAt)).toThrow(/open before it is due/);
  });
});

describe("slotToSend", () => {
  const send = (local: string, task: TaskWindow = JUNE, s = DEFAULTS) => slotToSend(task, s, ZONE, bj(local))?.key ?? null;

  it("sends nothing before the first reminder and each reminder from its moment on", () => {
    expect(send("2026-06-09T08:59")).toBeNull();
    expect(send("2026-06-09T09:00")).toBe("before:-3");
    expect(send("2026-06-10T15:00")).toBe("before:-3"); // still the current slot; the claim keeps it to one post
    expect(send("2026-06-11T09:01")).toBe("before:-1");
    expect(send("2026-06-12T17:59")).toBe("due");
  });

  it("after downtime sends only the latest missed reminder, once", () => {
    // Down from Monday 8 June until Friday 12 June 10:00: T-3, T-1 and due were all missed.
    expect(send("2026-06-12T10:00")).toBe("due");
    // Down over the deadline and the weekend: Monday's overdue reminder, not "due".
    expect(send("2026-06-15T09:30")).toBe("overdue:2026-06-15");
  });

  it("catches up a missed reminder the next morning when that day has none of its own", () => {
    expect(send("2026-06-10T09:00")).toBe("before:-3");
  });

  it("holds a reminder from an earlier day until today's reminder time", () => {
    const at10 = settings({ at: "10:00" });
    // Thursday's T-1 at 10:00 was missed; on Friday at 09:30 it waits, at 10:00 the due-day reminder replaces it.
    expect(send("2026-06-12T09:30", JUNE, at10)).toBeNull();
    expect(send("2026-06-12T10:00", JUNE, at10)).toBe("due");
  });

  it("sends nothing outside office hours, at weekends or on holidays", () => {
    expect(send("2026-06-11T18:30")).toBeNull();
    expect(send("2026-06-13T10:00")).toBeNull();
    const national = { opensAt: bj("2026-09-01T09:00"), dueAt: bj("2026-10-15T18:00") };
    expect(send("2026-10-05T10:00", national)).toBeNull();
  });

  it("stops 'due' reminders at the deadline; overdue ones start the next working day", () => {
    const noon = { opensAt: JUNE.opensAt, dueAt: bj("2026-06-12T12:00") };
    expect(send("2026-06-12T11:00", noon)).toBe("due");
    expect(send("2026-06-12T14:00", noon)).toBeNull();
    expect(send("2026-06-15T09:00", noon)).toBe("overdue:2026-06-15");
    expect(send("2026-06-16T11:00", noon)).toBe("overdue:2026-06-16");
  });

  it("never returns the escalation as a reminder", () => {
    expect(send("2026-06-16T09:00")).toBe("overdue:2026-06-16");
    expect(send("2026-06-16T09:00", JUNE, settings({ dailyWhileOverdue: false }))).toBeNull();
  });
});

describe("overdue working days and escalation", () => {
  it("counts working days after the deadline day, today included", () => {
    expect(overdueWorkingDays(JUNE, ZONE, bj("2026-06-12T17:00"))).toBe(0);
    expect(overdueWorkingDays(JUNE, ZONE, bj("2026-06-12T19:00"))).toBe(0);
    expect(overdueWorkingDays(JUNE, ZONE, bj("2026-06-14T12:00"))).toBe(0); // Sunday
    expect(overdueWorkingDays(JUNE, ZONE, bj("2026-06-15T08:00"))).toBe(1);
    expect(overdueWorkingDays(JUNE, ZONE, bj("2026-06-16T08:00"))).toBe(2);
  });

  it("does not count the National Day holiday as overdue days", () => {
    const task = { opensAt: bj("2026-09-01T09:00"), dueAt: bj("2026-09-30T18:00") };
    expect(overdueWorkingDays(task, ZONE, bj("2026-10-07T12:00"))).toBe(0);
    expect(overdueWorkingDays(task, ZONE, bj("2026-10-08T12:00"))).toBe(1);
    expect(escalationDue(task, DEFAULTS, ZONE, bj("2026-10-08T12:00"))).toBe(false);
    expect(escalationDue(task, DEFAULTS, ZONE, bj("2026-10-09T09:00"))).toBe(true);
  });

  it("escalates on the morning of the Nth overdue working day, inside office hours", () => {
    expect(escalationDue(JUNE, DEFAULTS, ZONE, bj("2026-06-15T12:00"))).toBe(false);
    expect(escalationDue(JUNE, DEFAULTS, ZONE, bj("2026-06-16T08:59"))).toBe(false);
    expect(escalationDue(JUNE, DEFAULTS, ZONE, bj("2026-06-16T09:00"))).toBe(true);
    expect(escalationDue(JUNE, DEFAULTS, ZONE, bj("2026-06-16T21:00"))).toBe(false); // quiet hours
    expect(escalationDue(JUNE, DEFAULTS, ZONE, bj("2026-06-22T10:00"))).toBe(true); // after downtime
    expect(escalationDue(JUNE, settings({ escalateAfterWorkingDays: 3 }), ZONE, bj("2026-06-16T09:00"))).toBe(false);
    expect(escalationDue(JUNE, settings({ escalateAfterWorkingDays: 3 }), ZONE, bj("2026-06-17T09:00"))).toBe(true);
  });
});

describe("dueNow for a deadline task", () => {
  it("answers the scheduler's question in one call", () => {
    const task = { schedule: "deadline" as const, ...JUNE };
    expect(dueNow(task, DEFAULTS, ZONE, bj("2026-06-11T10:00"))).toEqual({
      reminder: { key: "before:-1", kind: "before", at: bj("2026-06-11T09:00") },
      escalation: null,
      summary: null,
    });
    const twoDaysLate = dueNow(task, DEFAULTS, ZONE, bj("2026-06-16T09:05"));
    expect(twoDaysLate.reminder?.key).toBe("overdue:2026-06-16");
    expect(twoDaysLate.escalation).toEqual({ key: "escalate", kind: "escalate", at: bj("2026-06-16T09:00") });
  });
});
