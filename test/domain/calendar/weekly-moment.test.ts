import { describe, expect, it } from "vitest";
import { weeklyMomentDue } from "../../../src/domain/calendar/weekly-moment.ts";

const at = (iso: string) => weeklyMomentDue(new Date(iso), "Asia/Shanghai", "09:00");

describe("weeklyMomentDue (the weekly digest)", () => {
  it("is due from Monday 09:00 local for the rest of that week", () => {
    expect(at("2026-06-01T08:59:00+08:00")).toBeNull();
    expect(at("2026-06-01T09:00:00+08:00")).toBe("2026-W23");
    expect(at("2026-06-03T15:00:00+08:00")).toBe("2026-W23");
  });

  it("moves to Tuesday when Monday is a public holiday (国庆 2026: Oct 1–7)", () => {
    // 2026-10-05 (Mon) to 10-07 are holidays; 10-08 (Thu) is the first working day of that week.
    expect(at("2026-10-05T10:00:00+08:00")).toBeNull();
    expect(at("2026-10-08T08:00:00+08:00")).toBeNull();
    expect(at("2026-10-08T09:00:00+08:00")).toBe("2026-W41");
  });

  it("uses the office time zone, not UTC", () => {
    // Monday 01:30 UTC is 09:30 in Shanghai.
    expect(at("2026-06-01T01:30:00Z")).toBe("2026-W23");
    expect(at("2026-05-31T23:30:00Z")).toBeNull();
  });
});
