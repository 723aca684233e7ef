import { describe, expect, it } from "vitest";
import { parsePeriod, periodName, previousPeriod } from "../../../src/domain/accountability/period.ts";

describe("scoring periods", () => {
  it("reads a year, a quarter and a month as people write them", () => {
    expect(parsePeriod("2026")).toEqual({ label: "2026", kind: "year", year: 2026, fromDay: "2026-01-01", toDay: "2026-12-31" });
    for (const q of ["2026-Q2", "2026q2", "2026Q2", "2026年第二季度", "2026年二季度", "2026年第2季度"])
      expect(parsePeriod(q)).toMatchObject({ label: "2026-Q2", fromDay: "2026-04-01", toDay: "2026-06-30" });
    expect(parsePeriod("2028-02")).toMatchObject({ label: "2028-02", toDay: "2028-02-29" });
    expect(parsePeriod("2026年5月")).toMatchObject({ label: "2026-05", fromDay: "2026-05-01", toDay: "2026-05-31" });
    expect(parsePeriod("2026-13")).toBeNull();
    expect(parsePeriod("上半年")).toBeNull();
  });

  it("names the period and finds the one before", () => {
    expect(periodName(parsePeriod("2026-Q2")!, "zh")).toBe("2026年第二季度");
    expect(periodName(parsePeriod("2026-05")!, "zh")).toBe("2026年5月");
    expect(previousPeriod(parsePeriod("2026-Q1")!).label).toBe("2025-Q4");
    expect(previousPeriod(parsePeriod("2026")!).label).toBe("2025");
  });
});
