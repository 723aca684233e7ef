import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_SETTINGS, ReminderSettingsSchema } from "../../../src/domain/reminders/settings.ts";

function firstIssue(input: unknown) {
  const result = ReminderSettingsSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues[0]!;
}

describe("ReminderSettingsSchema", () => {
  it("fills every default from an empty object", () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({
      offsetsDays: [-3, -1, 0],
      at: "09:00",
      dailyWhileOverdue: true,
      escalateAfterWorkingDays: 2,
      officeHours: { start: "09:00", end: "18:00" },
    });
  });

  it("lets a campaign override one field and keep the rest", () => {
    const s = ReminderSettingsSchema.parse({ offsetsDays: [-7, -1], escalateAfterWorkingDays: 3 });
    expect(s).toMatchObject({ offsetsDays: [-7, -1], escalateAfterWorkingDays: 3, at: "09:00", dailyWhileOverdue: true });
  });

  it("rejects a malformed time, naming the field", () => {
    expect(firstIssue({ at: "9am" })).toMatchObject({ path: ["at"], message: expect.stringMatching(/HH:mm/) });
    expect(firstIssue({ at: "24:00" }).path).toEqual(["at"]);
  });

  it("rejects offsets after the due day and duplicated offsets", () => {
    expect(firstIssue({ offsetsDays: [-3, 2] })).toMatchObject({
      path: ["offsetsDays", 1],
      message: expect.stringContaining("dailyWhileOverdue"),
    });
    expect(firstIssue({ offsetsDays: [-1, -1] }).message).toContain("offsetsDays must not repeat");
    expect(firstIssue({ offsetsDays: [-1.5] }).path).toEqual(["offsetsDays", 0]);
  });

  it("rejects escalating after zero working days", () => {
    expect(firstIssue({ escalateAfterWorkingDays: 0 })).toMatchObject({
      path: ["escalateAfterWorkingDays"],
      message: expect.stringContaining("升级天数至少为 1 个工作日"),
    });
  });

  it("rejects a reminder time outside office hours", () => {
    expect(firstIssue({ at: "08:00" })).toMatchObject({ path: ["at"], message: expect.stringContaining("within office hours") });
    expect(firstIssue({ at: "09:00", officeHours: { start: "09:30", end: "17:30" } }).path).toEqual(["at"]);
  });

  it("rejects an unknown key instead of silently ignoring a typo", () => {
    const issue = firstIssue({ offsetDays: [-2] });
    expect(issue.code).toBe("unrecognized_keys");
    expect(issue.message).toContain("offsetDays");
  });
});
