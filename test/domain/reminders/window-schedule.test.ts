import { describe, expect, it } from "vitest";
import { dueNow, planFor } from "../../../src/domain/reminders/due-now.ts";
import { ReminderSettingsSchema } from "../../../src/domain/reminders/settings.ts";
import type { Slot } from "../../../src/domain/reminders/slot.ts";
import { summaryDue, windowSlots, windowSlotToSend } from "../../../src/domain/reminders/window-schedule.ts";

const ZONE = "Asia/Shanghai";
const bj = (local: string) => new Date(`${local}+08:00`);
const DEFAULTS = ReminderSettingsSchema.parse({});
const show = (slots: Slot[]) => slots.map((s) => `${s.key} @ ${new Date(s.at.getTime() + 8 * 3600_000).toISOString().slice(0, 16)}`);

/** The fire warning-education week: launched Monday 1 June 2026 at 10:00, open for 7 days. */
const FIRE_WEEK = { opensAt: bj("2026-06-01T10:00"), dueAt: bj("2026-06-08T10:00") };
const FOREVER = bj("2027-01-01T00:00");

describe("windowSlots", () => {
  it("nudges each working morning inside the week, warns on the last one and summarises at the close", () => {
    expect(show(windowSlots(FIRE_WEEK, DEFAULTS, ZONE, FOREVER))).toEqual([
      // Monday 09:00 is before the launch at 10:00; the launch message is the first notice.
      "daily:2026-06-02 @ 2026-06-02T09:00",
      "daily:2026-06-03 @ 2026-06-03T09:00",
      "daily:2026-06-04 @ 2026-06-04T09:00",
      "daily:2026-06-05 @ 2026-06-05T09:00",
      "final @ 2026-06-08T09:00",
      "summary @ 2026-06-08T10:00",
    ]);
  });

  it("skips the National Day holiday and posts the summary when the office reopens", () => {
    const week = { opensAt: bj("2026-09-28T10:00"), dueAt: bj("2026-10-05T10:00") };
    expect(show(windowSlots(week, DEFAULTS, ZONE, FOREVER))).toEqual([
      "daily:2026-09-29 @ 2026-09-29T09:00",
      "final @ 2026-09-30T09:00",
      "summary @ 2026-10-08T09:00",
    ]);
  });

  it("moves an evening close's summary to the next working morning", () => {
    const week = { opensAt: bj("2026-06-03T20:00"), dueAt: bj("2026-06-10T20:00") };
    const slots = windowSlots(week, DEFAULTS, ZONE, FOREVER);
    expect(show(slots.slice(-2))).toEqual(["final @ 2026-06-10T09:00", "summary @ 2026-06-11T09:00"]);
  });

  it("includes only the slots up to the horizon", () => {
    expect(windowSlots(FIRE_WEEK, DEFAULTS, ZONE, bj("2026-06-03T09:00")).map((s) => s.key)).toEqual([
      "daily:2026-06-02",
      "daily:2026-06-03",
    ]);
  });
});

describe("windowSlotToSend and summaryDue", () => {
  const send = (local: string) => windowSlotToSend(FIRE_WEEK, DEFAULTS, ZONE, bj(local))?.key ?? null;

  it("sends the day's nudge, nothing at the weekend, the final warning on the last day and nothing once closed", () => {
    expect(send("2026-06-01T15:00")).toBeNull();
    expect(send("2026-06-03T09:00")).toBe("daily:2026-06-03");
    expect(send("2026-06-06T10:00")).toBeNull();
    expect(send("2026-06-08T09:05")).toBe("final"); // also what a bot down since Wednesday sends: one post, not three
    expect(send("2026-06-08T10:00")).toBeNull();
  });

  it("posts the summary from the close on, inside office hours", () => {
    expect(summaryDue(FIRE_WEEK, DEFAULTS, ZONE, bj("2026-06-08T09:59"))).toBe(false);
    expect(summaryDue(FIRE_WEEK, DEFAULTS, ZONE, bj("2026-06-08T10:00"))).toBe(true);
    expect(summaryDue(FIRE_WEEK, DEFAULTS, ZONE, bj("2026-06-08T19:00"))).toBe(false);
    expect(summaryDue(FIRE_WEEK, DEFAULTS, ZONE, bj("2026-06-09T09:00"))).toBe(true);
  });
});

describe("dueNow and planFor for a window", () => {
  const task = { schedule: "window" as const, ...FIRE_WEEK };

  it("reports the nudge during the week and the summary at the close, never an escalation", () => {
    expect(dueNow(task, DEFAULTS, ZONE, bj("2026-06-04T11:00"))).toEqual({
      reminder: { key: "daily:2026-06-04", kind: "daily", at: bj("2026-06-04T09:00") },
      escalation: null,
      summary: null,
    });
    expect(dueNow(task, DEFAULTS, ZONE, bj("2026-06-08T10:00"))).toEqual({
      reminder: null,
      escalation: null,
      summary: { key: "summary", kind: "summary", at: bj("2026-06-08T10:00") },
    });
  });

  it("plans the window, not the deadline schedule", () => {
    expect(planFor(task, DEFAULTS, ZONE, FOREVER).map((s) => s.kind)).toEqual(["daily", "daily", "daily", "daily", "final", "summary"]);
  });
});
