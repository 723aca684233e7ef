import { describe, expect, it } from "vitest";
import { findCategory, findLevel } from "../../../src/domain/accountability/categories.ts";
import { CITY, cityTotals, sameDayLastYear, targetUsage, type AccidentFact } from "../../../src/domain/accountability/target-usage.ts";

const T = { warnPercent: 50, alarmPercent: 80 };
const acc = (occurredOn: string, category: string, countyId: string, deaths: number): AccidentFact => ({ occurredOn, category, countyId, deaths });

describe("targetUsage", () => {
  // The speech: 14 accidents, 11 dead; 工矿商贸 5 accidents, 6 dead, "占全年控制指标54%"; road traffic 9, 5 dead.
  const speech: AccidentFact[] = [
    ...[2, 1, 1, 1, 1].map((d, i) => acc(`2026-0${i + 1}-10`, "industry-trade", i < 2 ? "weihui" : "hongqi", d)),
    ...[1, 1, 1, 1, 1, 0, 0, 0, 0].map((d, i) => acc(`2026-05-${String(i + 10).padStart(2, "0")}`, "road-traffic", "huixian", d)),
  ];
  const targets = [
    { category: "industry-trade", countyId: CITY, maxAccidents: 12, maxDeaths: 11 },
    { category: "industry-trade", countyId: "weihui", maxAccidents: 2, maxDeaths: 2 },
    { category: "road-traffic", countyId: CITY, maxAccidents: 30, maxDeaths: 24 },
  ];

  it("reproduces the speech's figures: 14 accidents, 11 dead, industry and trade at 54% of its death target", () => {
    const rows = targetUsage({ asOf: "2026-05-25", accidents: speech, targets, thresholds: T, lastYearHasData: false });
    expect(cityTotals(rows)).toEqual({ accidents: 14, deaths: 11 });
    const industry = rows.find((r) => r.category === "industry-trade" && r.countyId === CITY)!;
    expect(industry).toMatchObject({ accidents: 5, deaths: 6, accidentsPercent: 41, deathsPercent: 54, flag: "warn", lastYear: null });
    const road = rows.find((r) => r.category === "road-traffic" && r.countyId === CITY)!;
    expect(road).toMatchObject({ accidents: 9, deaths: 5, accidentsPercent: 30, deathsPercent: 20, flag: null });
    // 卫辉: 2 accidents, 3 dead against 2 and 2 → 100% and 150%: alarm.
    expect(rows.find((r) => r.countyId === "weihui")).toMatchObject({ accidents: 2, deaths: 3, accidentsPercent: 100, deathsPercent: 150, flag: "alarm" });
    // A county with accidents and no target is listed without percentages.
    expect(rows.find((r) => r.countyId === "hongqi")).toMatchObject({ accidents: 3, maxDeaths: null, deathsPercent: null, flag: null });
    expect(rows.map((r) => r.countyId).indexOf("hongqi")).toBeGreaterThan(rows.map((r) => r.countyId).lastIndexOf(CITY));
  });

  it("counts only up to the day asked, and last year only up to the same day", () => {
    const accidents = [acc("2026-06-02", "fire", "weihui", 1), acc("2025-05-25", "fire", "weihui", 2), acc("2025-05-26", "fire", "weihui", 4), acc("2024-12-31", "fire", "weihui", 9)];
    const rows = targetUsage({ asOf: "2026-05-25", accidents, targets: [], thresholds: T, lastYearHasData: true });
    const city = rows.find((r) => r.category === "fire" && r.countyId === CITY)!;
    expect(city).toMatchObject({ accidents: 0, deaths: 0, lastYear: { accidents: 1, deaths: 2 } });
  });

  it("flags at the thresholds set, and a target of zero used at all as over", () => {
    const rows = targetUsage({
      asOf: "2026-12-31",
      accidents: [acc("2026-03-01", "fire", "weihui", 0)],
      targets: [{ category: "fire", countyId: "weihui", maxAccidents: 0, maxDeaths: 0 }],
      thresholds: { warnPercent: 30, alarmPercent: 200 },
      lastYearHasData: false,
    });
    expect(rows.find((r) => r.countyId === "weihui")).toMatchObject({ accidentsPercent: Infinity, deathsPercent: 0, flag: "alarm" });
    const half = targetUsage({ asOf: "2026-12-31", accidents: [acc("2026-03-01", "fire", CITY, 1)], targets: [{ category: "fire", countyId: CITY, maxAccidents: 4, maxDeaths: null }], thresholds: { warnPercent: 25, alarmPercent: 50 }, lastYearHasData: false });
    expect(half.find((r) => r.countyId === CITY)).toMatchObject({ accidentsPercent: 25, flag: "warn" });
  });

  it("takes 29 February back to the 28th", () => {
    expect(sameDayLastYear("2028-02-29")).toBe("2027-02-28");
    expect(sameDayLastYear("2026-06-01")).toBe("2025-06-01");
  });
});

describe("categories and levels", () => {
  it("are found by id, Chinese name or alias", () => {
    expect(findCategory("工矿商贸")).toBe("industry-trade");
    expect(findCategory("道路交通")).toBe("road-traffic");
    expect(findCategory("Fire")).toBe("fire");
    expect(findCategory("地震")).toBeUndefined();
    expect(findLevel("较大")).toBe("larger");
    expect(findLevel("especially major")).toBe("especially_major");
    expect(findLevel("huge")).toBeUndefined();
  });
});
