import { afterEach, describe, expect, it } from "vitest";
import {
  addWorkingDays,
  HOLIDAY_DATA_YEARS,
  holidayDataCovers,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from "../../../src/domain/calendar/working-days.ts";

describe("isWorkingDay (2026 State Council schedule)", () => {
  it("takes the whole National Day holiday, 1–7 October 2026, off — weekdays included", () => {
    for (const day of ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]) {
      expect(isWorkingDay(day), day).toBe(false);
    }
    expect(isWorkingDay("2026-10-08")).toBe(true);
  });

  it("counts the 调休 make-up weekends as working days and other weekends as off", () => {
    expect(isWorkingDay("2026-09-20")).toBe(true); // Sunday, worked for National Day
    expect(isWorkingDay("2026-10-10")).toBe(true); // Saturday, worked for National Day
    expect(isWorkingDay("2026-05-09")).toBe(true); // Saturday, worked for Labour Day
    expect(isWorkingDay("2026-10-11")).toBe(false);
    expect(isWorkingDay("2026-10-17")).toBe(false);
  });

  it("takes Labour Day and Dragon Boat off but leaves an ordinary Wednesday on", () => {
    expect(isWorkingDay("2026-05-01")).toBe(false);
    expect(isWorkingDay("2026-05-05")).toBe(false); // Tuesday
    expect(isWorkingDay("2026-06-19")).toBe(false); // Friday
    expect(isWorkingDay("2026-06-10")).toBe(true);
  });

  it("rejects something that is not a YYYY-MM-DD day", () => {
    expect(() => isWorkingDay("2026-13-01")).toThrow(RangeError);
    expect(() => isWorkingDay("10/01/2026")).toThrow(/YYYY-MM-DD/);
  });
});

describe("years the holiday data does not cover", () => {
  it("knows 2004–2026 from chinese-days 1.5.7", () => {
    expect(HOLIDAY_DATA_YEARS).toEqual({ first: 2004, last: 2026 });
    expect(holidayDataCovers("2026-12-31")).toBe(true);
    expect(holidayDataCovers("2027-01-01")).toBe(false);
  });

  it("falls back to Monday–Friday: 1 October 2027 (a Friday) is a working day, the weekend is not", () => {
    expect(isWorkingDay("2027-10-01")).toBe(true);
    expect(isWorkingDay("2027-10-02")).toBe(false);
    expect(addWorkingDays("2027-10-01", 1)).toBe("2027-10-04");
  });
});

describe("the server's own timezone does not shift the calendar", () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it("gives the same answers on a server set to Los Angeles, Shanghai or UTC", () => {
    const days = ["2026-09-30", "2026-10-01", "2026-10-07", "2026-10-08", "2026-10-10", "2026-10-11"];
    const answers = (tz: string) => {
      process.env.TZ = tz;
      return days.map(isWorkingDay);
    };
    const expected = [true, false, false, true, true, false];
    expect(answers("America/Los_Angeles")).toEqual(expected);
    expect(answers("Asia/Shanghai")).toEqual(expected);
    expect(answers("UTC")).toEqual(expected);
  });
});

describe("addWorkingDays", () => {
  it("steps over the National Day holiday and lands on the make-up Saturday", () => {
    expect(addWorkingDays("2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-30", 3)).toBe("2026-10-10");
    expect(addWorkingDays("2026-09-30", 4)).toBe("2026-10-12");
  });

  it("goes backwards for negative n and starts from a non-working day", () => {
    expect(addWorkingDays("2026-10-08", -1)).toBe("2026-09-30");
    expect(addWorkingDays("2026-10-03", 1)).toBe("2026-10-08");
  });

  it("with n = 0 is the day itself if working, else the next working day", () => {
    expect(addWorkingDays("2026-10-09", 0)).toBe("2026-10-09");
    expect(addWorkingDays("2026-10-03", 0)).toBe("2026-10-08");
    expect(workingDayOnOrAfter("2026-06-13")).toBe("2026-06-15");
  });
});

describe("workingDaysBetween counts (fromDay, toDay]", () => {
  it("excludes the start day, includes the end day, skips holidays", () => {
    expect(workingDaysBetween("2026-06-12", "2026-06-15")).toBe(1); // Fri → Mon
    expect(workingDaysBetween("2026-09-30", "2026-10-12")).toBe(4); // 8, 9, 10 (Sat, 调休), 12
    expect(workingDaysBetween("2026-10-12", "2026-09-30")).toBe(-4);
    expect(workingDaysBetween("2026-06-12", "2026-06-12")).toBe(0);
  });

  it("inverts addWorkingDays", () => {
    for (const n of [1, 2, 5, 9, 23]) {
      expect(workingDaysBetween("2026-09-25", addWorkingDays("2026-09-25", n))).toBe(n);
    }
  });
});
