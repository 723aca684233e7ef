import { describe, expect, it } from "vitest";
import { clockTarget, createSandboxClock, formatClock } from "../../src/sandbox/clock.ts";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);

describe("clockTarget", () => {
  it("moves by an hour or a day", () => {
    expect(clockTarget({ op: "hour" }, at("2025-05-26T08:30:00+08:00"), TZ).toISOString()).toBe("2025-05-26T01:30:00.000Z");
    expect(clockTarget({ op: "day" }, at("2025-05-26T08:30:00+08:00"), TZ).toISOString()).toBe("2025-05-27T00:30:00.000Z");
  });

  it("finds the next 09:00 in the office's time zone, today or tomorrow", () => {
    expect(clockTarget({ op: "next-nine" }, at("2025-05-26T08:30:00+08:00"), TZ).toISOString()).toBe("2025-05-26T01:00:00.000Z");
    expect(clockTarget({ op: "next-nine" }, at("2025-05-26T09:00:00+08:00"), TZ).toISOString()).toBe("2025-05-27T01:00:00.000Z");
  });

  it("reads a wall-clock time in the office's time zone and refuses nonsense", () => {
    expect(clockTarget({ op: "set", local: "2025-05-31T17:00" }, new Date(), TZ).toISOString()).toBe("2025-05-31T09:00:00.000Z");
    expect(() => clockTarget({ op: "set", local: "next tuesday" }, new Date(), TZ)).toThrow(/Unrecognised date/);
  });
});

describe("createSandboxClock", () => {
  it("starts where it is told and jumps when set", () => {
    const clock = createSandboxClock(at("2025-05-26T09:00:00+08:00"));
    expect(formatClock(clock.now(), TZ)).toMatch(/^2025-05-26 周一 09:0\d$/);
    clock.set(at("2025-06-02T09:00:00+08:00"));
    expect(formatClock(clock.now(), TZ)).toMatch(/^2025-06-02 周一 09:0\d$/);
  });
});
