import { describe, expect, it } from "vitest";
import { retryDue, storedSlackError } from "../../src/delivery/retry-policy.ts";

const at = (iso: string) => new Date(iso);
const failed = (attempts: number, claimedAt = "2026-05-25T10:00:00Z") => ({
  status: "failed" as const,
  attempts,
  claimedAt: at(claimedAt),
});

describe("retryDue", () => {
  it("tries a failed send again at the next ticks at first", () => {
    expect(retryDue(failed(1), at("2026-05-25T10:00:30Z"))).toBe(true);
    expect(retryDue(failed(2), at("2026-05-25T10:00:30Z"))).toBe(true);
  });

  it("then waits twice as long each time, up to an hour", () => {
    expect(retryDue(failed(3), at("2026-05-25T10:00:59Z"))).toBe(false);
    expect(retryDue(failed(3), at("2026-05-25T10:01:00Z"))).toBe(true);
    expect(retryDue(failed(5), at("2026-05-25T10:03:59Z"))).toBe(false);
    expect(retryDue(failed(5), at("2026-05-25T10:04:00Z"))).toBe(true);
    expect(retryDue(failed(20), at("2026-05-25T10:59:59Z"))).toBe(false);
    expect(retryDue(failed(20), at("2026-05-25T11:00:00Z"))).toBe(true);
  });

  it("never retries what was sent or is being sent", () => {
    expect(retryDue({ status: "sent", attempts: 1, claimedAt: at("2026-01-01T00:00:00Z") }, at("2026-05-25T10:00:00Z"))).toBe(false);
    expect(retryDue({ status: "claimed", attempts: 1, claimedAt: at("2026-01-01T00:00:00Z") }, at("2026-05-25T10:00:00Z"))).toBe(false);
  });
});

describe("storedSlackError", () => {
  it("finds Slack's code in a stored failure", () => {
    expect(storedSlackError("An API error occurred: channel_not_found")).toBe("channel_not_found");
    expect(storedSlackError("socket hang up")).toBeUndefined();
    expect(storedSlackError(null)).toBeUndefined();
  });
});
