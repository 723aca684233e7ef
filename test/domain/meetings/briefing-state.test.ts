import { describe, expect, it } from "vitest";
import { briefingState } from "../../../src/domain/meetings/briefing-state.ts";
import type { BriefingRecord } from "../../../src/domain/meetings/types.ts";
import { local } from "./factories.ts";

const due = local("2024-05-30 18:00");
function briefing(overrides: Partial<BriefingRecord> = {}): BriefingRecord {
  return {
    departmentId: "education",
    headSlackUserId: "U_ZHAO",
    deputySlackUserId: "U_A",
    dueAt: due,
    deputyConfirmedAt: null,
    headConfirmedAt: null,
    ...overrides,
  };
}

describe("briefingState", () => {
  it("needs nothing when the head attended in person", () => {
    expect(briefingState("head_in_person", undefined, due)).toEqual({ state: "not_needed" });
  });

  it("is confirmed only when both the deputy and the head confirmed, at the later confirmation", () => {
    const b = briefing({ deputyConfirmedAt: local("2024-05-29 09:00"), headConfirmedAt: local("2024-05-29 11:00") });
    expect(briefingState("by_deputy", b, due)).toEqual({ state: "confirmed", at: local("2024-05-29 11:00") });
    expect(briefingState("by_deputy", briefing({ deputyConfirmedAt: local("2024-05-29 09:00") }), due)).toMatchObject({
      state: "pending",
      deputyConfirmed: true,
      headConfirmed: false,
    });
  });

  it("becomes overdue after the due instant, not at it", () => {
    expect(briefingState("by_deputy", briefing(), due).state).toBe("pending");
    expect(briefingState("by_deputy", briefing(), new Date(due.getTime() + 1)).state).toBe("overdue");
  });

  it("needs only the head's confirmation when nobody attended", () => {
    const b = briefing({ deputySlackUserId: null, headConfirmedAt: local("2024-05-29 10:00") });
    expect(briefingState("absent", b, due)).toEqual({ state: "confirmed", at: local("2024-05-29 10:00") });
  });

  it("says not opened when no follow-up exists for a department that needs one", () => {
    expect(briefingState("absent", undefined, due)).toEqual({ state: "not_opened" });
  });
});
