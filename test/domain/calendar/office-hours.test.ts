import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  atLocalTime,
  DEFAULT_OFFICE_HOURS,
  isOfficeMoment,
  localClock,
  localDay,
  nextOfficeMoment,
  OfficeHoursSchema,
  ZoneSchema,
} from "../../../src/domain/calendar/office-hours.ts";

const ZONE = "Asia/Shanghai";
/** A Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}+08:00`);

describe("atLocalTime and localDay", () => {
  it("places Beijing times at a fixed +08:00 all year (no DST)", () => {
    expect(atLocalTime("2026-03-08", "09:00", ZONE).toISOString()).toBe("2026-03-08T01:00:00.000Z");
    expect(atLocalTime("2026-11-01", "09:00", ZONE).toISOString()).toBe("2026-11-01T01:00:00.000Z");
  });

  it("reads the local day, not the UTC day", () => {
    expect(localDay(new Date("2026-05-31T16:30:00Z"), ZONE)).toBe("2026-06-01");
    expect(localDay(new Date("2026-05-31T15:59:59Z"), ZONE)).toBe("2026-05-31");
  });

  it("keeps 09:00 local across a DST change in a zone that has one", () => {
    expect(atLocalTime("2026-03-28", "09:00", "Europe/Berlin").toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(atLocalTime("2026-03-30", "09:00", "Europe/Berlin").toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("refuses an unknown zone", () => {
    expect(() => atLocalTime("2026-06-01", "09:00", "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDay(new Date(), "Mars/Olympus")).toThrow(RangeError);
    expect(ZoneSchema.safeParse("Mars/Olympus").success).toBe(false);
    expect(ZoneSchema.parse("Asia/Shanghai")).toBe("Asia/Shanghai");
  });
});

describe("nextOfficeMoment (09:00–18:00)", () => {
  const next = (local: string) => nextOfficeMoment(bj(local), ZONE, DEFAULT_OFFICE_HOURS);

  it("is the instant itself inside office hours on a working day", () => {
    expect(next("2026-06-10T14:25:13")).toEqual(bj("2026-06-10T14:25:13"));
    expect(next("2026-06-10T09:00:00")).toEqual(bj("2026-06-10T09:00"));
    expect(next("2026-10-10T11:00:00")).toEqual(bj("2026-10-10T11:00")); // make-up Saturday
  });

  it("moves an early-morning instant to that day's opening", () => {
    expect(next("2026-06-10T06:30:00")).toEqual(bj("2026-06-10T09:00"));
  });

  it("treats 18:00 as closed and moves to the next working morning", () => {
    expect(isOfficeMoment(bj("2026-06-10T17:59:59"), ZONE, DEFAULT_OFFICE_HOURS)).toBe(true);
    expect(next("2026-06-10T18:00:00")).toEqual(bj("2026-06-11T09:00"));
  });

  it("moves weekends and holidays to the next working morning", () => {
    expect(next("2026-06-13T10:00:00")).toEqual(bj("2026-06-15T09:00")); // Saturday → Monday
    expect(next("2026-09-30T19:00:00")).toEqual(bj("2026-10-08T09:00")); // eve of National Day → after it
    expect(next("2026-06-18T20:00:00")).toEqual(bj("2026-06-22T09:00")); // Dragon Boat Fri–Sun
  });

  it("honours custom office hours", () => {
    expect(nextOfficeMoment(bj("2026-06-10T08:45"), ZONE, { start: "08:30", end: "17:30" })).toEqual(bj("2026-06-10T08:45"));
    expect(nextOfficeMoment(bj("2026-06-10T17:30"), ZONE, { start: "08:30", end: "17:30" })).toEqual(bj("2026-06-11T08:30"));
  });
});

describe("OfficeHoursSchema", () => {
  it("rejects hours that end before they start and malformed times", () => {
    const backwards = OfficeHoursSchema.safeParse({ start: "18:00", end: "09:00" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({
      path: ["end"],
      message: expect.stringContaining("office hours must end after they start"),
    });
    expect(OfficeHoursSchema.safeParse({ start: "9:00", end: "18:00" }).error?.issues[0]?.message).toMatch(/HH:mm/);
  });
});

describe("local days and times agree with luxon everywhere, DST changes and their gaps and overlaps included", () => {
  const zones = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Kolkata"];
  it.each(zones)("%s", (zone) => {
    // Every 37 minutes over 2026 (crossing each change at odd minutes), and every quarter hour of each day with a change.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 60_000) {
      const instant = new Date(t);
      const luxon = DateTime.fromJSDate(instant, { zone });
      expect(localDay(instant, zone)).toBe(luxon.toISODate());
      expect(localClock(instant, zone)).toBe(luxon.toFormat("HH:mm"));
    }
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
      const day = new Date(d).toISOString().slice(0, 10);
      const changes = DateTime.fromISO(`${day}T00:00`, { zone }).offset !== DateTime.fromISO(`${day}T23:59`, { zone }).offset;
      for (const time of changes
        ? Array.from({ length: 96 }, (_, i) => `${String(i >> 2).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`)
        : ["09:00"]) {
        expect(atLocalTime(day, time, zone).toISOString(), `${day} ${time}`).toBe(
          DateTime.fromISO(`${day}T${time}`, { zone }).toJSDate().toISOString(),
        );
      }
    }
  });
});
