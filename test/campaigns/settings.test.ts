import { describe, expect, it } from "vitest";
import { inFileOrder } from "../../src/campaigns/load-boards.ts";
import { reminderSettingsOf, scheduleOf } from "../../src/campaigns/settings.ts";
import { DEFAULT_REMINDER_SETTINGS } from "../../src/domain/reminders/settings.ts";

describe("reminderSettingsOf", () => {
  it("reads the settings a campaign file gave, with defaults for what it left out", () => {
    const settings = reminderSettingsOf({ id: "x", reminders: { offsetsDays: [-7, -1, 0] } });
    expect(settings).toEqual({ ...DEFAULT_REMINDER_SETTINGS, offsetsDays: [-7, -1, 0] });
  });

  it("falls back to the defaults for a definition without settings or with settings that no longer parse", () => {
    expect(reminderSettingsOf({})).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsOf(null)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsOf([1, 2])).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsOf({ reminders: { offsetsDays: [3] } })).toEqual(DEFAULT_REMINDER_SETTINGS);
  });
});

describe("scheduleOf", () => {
  it("gives the education session a reporting window and every other task a deadline", () => {
    expect(scheduleOf("education-session")).toBe("window");
    expect(scheduleOf("acknowledge")).toBe("deadline");
    expect(scheduleOf("report")).toBe("deadline");
    expect(scheduleOf("pledge")).toBe("deadline");
  });
});

describe("inFileOrder", () => {
  const tasks = [{ key: "acknowledge" }, { key: "safety-pledge" }, { key: "warning-education" }];

  it("puts tasks in the order the campaign file lists them", () => {
    const definition = { tasks: [{ key: "acknowledge" }, { key: "warning-education" }, { key: "safety-pledge" }] };
    expect(inFileOrder(tasks, definition).map((t) => t.key)).toEqual(["acknowledge", "warning-education", "safety-pledge"]);
  });

  it("keeps the given order for tasks the definition does not name, after the named ones", () => {
    expect(inFileOrder(tasks, { tasks: [{ key: "warning-education" }] }).map((t) => t.key)).toEqual([
      "warning-education",
      "acknowledge",
      "safety-pledge",
    ]);
    expect(inFileOrder(tasks, {}).map((t) => t.key)).toEqual(["acknowledge", "safety-pledge", "warning-education"]);
  });
});
