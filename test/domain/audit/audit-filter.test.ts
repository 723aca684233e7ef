import { describe, expect, it } from "vitest";
import { actorFromText, checkAuditFilter, MAX_FILTER_TEXT, parseAuditTime } from "../../../src/domain/audit/audit-filter.ts";
import { AppError } from "../../../src/lib/errors.ts";

const ZONE = "Asia/Shanghai";
const NOW = new Date("2026-05-25T10:00:00+08:00");
const iso = (d: Date) => d.toISOString();

describe("parseAuditTime", () => {
  it("reads a day as its local start, or for --until as the start of the next day", () => {
    expect(iso(parseAuditTime("2026-05-01", "since", ZONE, NOW))).toBe("2026-04-30T16:00:00.000Z");
    expect(iso(parseAuditTime("2026-05-31", "until", ZONE, NOW))).toBe("2026-05-31T16:00:00.000Z");
  });

  it("reads a local time, and an instant with its own offset", () => {
    expect(iso(parseAuditTime("2026-05-01T09:30", "since", ZONE, NOW))).toBe("2026-05-01T01:30:00.000Z");
    expect(iso(parseAuditTime("2026-05-01T09:30:00Z", "until", ZONE, NOW))).toBe("2026-05-01T09:30:00.000Z");
  });

  it("reads a span back from now in days or hours, in either language", () => {
    expect(iso(parseAuditTime("7d", "since", ZONE, NOW))).toBe("2026-05-18T02:00:00.000Z");
    expect(iso(parseAuditTime("7天", "since", ZONE, NOW))).toBe("2026-05-18T02:00:00.000Z");
    expect(iso(parseAuditTime("24h", "since", ZONE, NOW))).toBe("2026-05-24T02:00:00.000Z");
  });

  it("refuses anything else in both languages, quoting it", () => {
    for (const bad of ["yesterday", "2026-13-01", "2026-05-32", "5/1", ""]) {
      const error = (() => {
        try {
          parseAuditTime(bad, "since", ZONE, NOW);
        } catch (e) {
          return e;
        }
      })();
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).userMessage.zh).toContain("--since");
      expect((error as AppError).userMessage.en).toContain(`or 7d: ${bad}`);
    }
  });
});

describe("actorFromText", () => {
  it("takes the id out of a pasted mention and leaves anything else as written", () => {
    expect(actorFromText("<@U0LIAISON|wang>")).toBe("U0LIAISON");
    expect(actorFromText("<@U0LIAISON>")).toBe("U0LIAISON");
    expect(actorFromText(" scheduler ")).toBe("scheduler");
    expect(actorFromText("cli:*")).toBe("cli:*");
  });
});

describe("checkAuditFilter", () => {
  it("refuses an empty window, empty text and text over the limit", () => {
    const since = new Date("2026-05-02T00:00:00Z");
    expect(() => checkAuditFilter({ since, until: new Date("2026-05-01T00:00:00Z") })).toThrow(/before the end/);
    expect(() => checkAuditFilter({ actor: "" })).toThrow(/cannot be empty/);
    expect(() => checkAuditFilter({ subject: "x".repeat(MAX_FILTER_TEXT + 1) })).toThrow(/too long/);
    expect(checkAuditFilter({ since, actionPrefix: "campaign." })).toEqual({ since, actionPrefix: "campaign." });
  });
});
