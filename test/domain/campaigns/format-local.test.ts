import { describe, expect, it } from "vitest";
import { formatDeadline, formatInstant } from "../../../src/domain/campaigns/format-local.ts";
import { bj, ZONE } from "./factories.ts";

const NOW = bj("2026-05-27T10:30");

describe("formatDeadline", () => {
  it("reads a midnight deadline as the end of the day before", () => {
    expect(formatDeadline(bj("2026-06-01T00:00"), ZONE, "zh", NOW)).toBe("5月31日（周日）24:00前");
    expect(formatDeadline(bj("2026-06-01T00:00"), ZONE, "en", NOW)).toBe("by the end of Sun 31 May");
  });

  it("shows the time of any other deadline", () => {
    expect(formatDeadline(bj("2026-06-03T10:30"), ZONE, "zh", NOW)).toBe("6月3日（周三）10:30前");
    expect(formatDeadline(bj("2026-06-03T10:30"), ZONE, "en", NOW)).toBe("by Wed 3 Jun, 10:30");
  });

  it("adds the year only when it is not the reference's", () => {
    expect(formatDeadline(bj("2027-01-01T00:00"), ZONE, "zh", NOW)).toBe("12月31日（周四）24:00前");
    expect(formatDeadline(bj("2027-01-02T00:00"), ZONE, "zh", NOW)).toBe("2027年1月1日（周五）24:00前");
  });
});

describe("formatInstant", () => {
  it("shows local time in the office's zone, whatever the server's", () => {
    expect(formatInstant(new Date("2026-05-27T02:02:00Z"), ZONE, "zh", NOW)).toBe("5月27日 10:02");
    expect(formatInstant(new Date("2026-05-27T02:02:00Z"), ZONE, "en")).toBe("27 May 2026, 10:02");
  });
});
