import { describe, expect, it } from "vitest";
import { dueAfterOpens, parseMoment, resolveMoment } from "../../../src/campaigns/definition/moment.ts";

const ZONE = "Asia/Shanghai";
const bj = (local: string) => new Date(`${local}+08:00`);
const LAUNCH = bj("2026-05-27T10:30");

function spec(text: string) {
  const s = parseMoment(text);
  if (!s) throw new Error(`${text} did not parse`);
  return s;
}

describe("parseMoment", () => {
  it.each([
    ["launch", { kind: "launch", days: 0 }],
    ["launch+7d", { kind: "launch", days: 7 }],
    ["2026-05-31", { kind: "day", year: 2026, month: 5, day: 31 }],
    ["05-31", { kind: "day", year: null, month: 5, day: 31 }],
    ["02-29", { kind: "day", year: null, month: 2, day: 29 }],
    ["2026-05-31T17:00", { kind: "datetime", iso: "2026-05-31T17:00" }],
    ["2026-05-31T17:00+08:00", { kind: "datetime", iso: "2026-05-31T17:00+08:00" }],
    ["ask", { kind: "ask" }],
  ])("reads %s", (text, expected) => {
    expect(parseMoment(text)).toEqual(expected);
  });

  it.each(["launch+7", "launch-1d", "launch+400d", "2026-02-30", "13-01", "2026-5-31", "May 31", "2026-05-31 17:00", ""])(
    "refuses %j",
    (text) => {
      expect(parseMoment(text)).toBeNull();
    },
  );
});

describe("resolveMoment", () => {
  it("counts launch+Nd in calendar days at the launch's wall-clock time", () => {
    expect(resolveMoment(spec("launch"), "opens", LAUNCH, ZONE)).toEqual(LAUNCH);
    expect(resolveMoment(spec("launch+7d"), "due", LAUNCH, ZONE)).toEqual(bj("2026-06-03T10:30"));
  });

  it("reads a whole day as its first moment when opening and its end when due", () => {
    expect(resolveMoment(spec("2026-05-31"), "opens", LAUNCH, ZONE)).toEqual(bj("2026-05-31T00:00"));
    expect(resolveMoment(spec("2026-05-31"), "due", LAUNCH, ZONE)).toEqual(bj("2026-06-01T00:00"));
  });

  it("puts a yearless day at its next occurrence on or after the launch day, on the office's calendar", () => {
    expect(resolveMoment(spec("05-31"), "due", LAUNCH, ZONE)).toEqual(bj("2026-06-01T00:00"));
    expect(resolveMoment(spec("05-27"), "due", LAUNCH, ZONE)).toEqual(bj("2026-05-28T00:00"));
    expect(resolveMoment(spec("05-26"), "due", LAUNCH, ZONE)).toEqual(bj("2027-05-27T00:00"));
    // As an opening, given the deadline: the last occurrence before it.
    expect(resolveMoment(spec("04-15"), "opens", LAUNCH, ZONE, bj("2026-07-01T00:00"))).toEqual(bj("2026-04-15T00:00"));
    expect(resolveMoment(spec("ask"), "due", LAUNCH, ZONE)).toBeNull();
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Shanghai: the launch year there is 2027.
    expect(resolveMoment(spec("04-15"), "opens", new Date("2026-12-31T20:00:00Z"), ZONE)).toEqual(bj("2027-04-15T00:00"));
  });

  it("takes a yearless 02-29 as the next leap day", () => {
    expect(resolveMoment(spec("02-29"), "due", LAUNCH, ZONE)).toEqual(bj("2028-03-01T00:00"));
    expect(resolveMoment(spec("02-29"), "due", bj("2028-01-10T09:00"), ZONE)).toEqual(bj("2028-03-01T00:00"));
  });

  it("reads a datetime without offset as local time, and honours an explicit offset", () => {
    expect(resolveMoment(spec("2026-05-31T17:00"), "due", LAUNCH, ZONE)).toEqual(bj("2026-05-31T17:00"));
    expect(resolveMoment(spec("2026-05-31T17:00Z"), "due", LAUNCH, ZONE)).toEqual(new Date("2026-05-31T17:00:00Z"));
  });
});

describe("dueAfterOpens", () => {
  it("compares moments of the same sort and leaves mixed ones to launch time", () => {
    expect(dueAfterOpens(spec("launch"), spec("launch+7d"))).toBe(true);
    expect(dueAfterOpens(spec("launch+7d"), spec("launch+7d"))).toBe(false);
    expect(dueAfterOpens(spec("04-15"), spec("06-30"))).toBe(true);
    expect(dueAfterOpens(spec("2026-05-31"), spec("2026-05-31"))).toBe(true);
    expect(dueAfterOpens(spec("launch"), spec("05-31"))).toBeNull();
    expect(dueAfterOpens(spec("2026-04-15"), spec("06-30"))).toBeNull();
    // A yearless opening is the last one before the deadline, whatever the deadline.
    expect(dueAfterOpens(spec("11-01"), spec("02-28"))).toBe(true);
    expect(dueAfterOpens(spec("launch"), spec("ask"))).toBeNull();
  });
});
