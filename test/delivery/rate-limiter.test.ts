import { WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimiter } from "../../src/delivery/rate-limiter.ts";

/** A call that takes `latencyMs` of (fake) time and records when it started. */
function recorder(latencyMs = 120) {
  const starts: { channel: string; at: number }[] = [];
  let inFlight = 0;
  let peak = 0;
  const call = (channel: string, fail?: () => unknown) => async () => {
    starts.push({ channel, at: Date.now() });
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, latencyMs));
    inFlight--;
    const error = fail?.();
    if (error) throw error;
    return channel;
  };
  return { starts, call, peak: () => peak };
}

/** Most starts inside any window of `ms`. */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("RateLimiter (fake clock)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never posts to one channel more than once per interval, and keeps each channel's order", async () => {
    const limiter = new RateLimiter({ perChannelMs: 1000, workspaceLimit: 100, workspaceWindowMs: 1000 });
    const r = recorder();
    const done = Promise.all(Array.from({ length: 8 }, (_, i) => limiter.run("C1", r.call("C1")).then(() => i)));
    await vi.runAllTimersAsync();
    expect(await done).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const times = r.starts.map((s) => s.at);
    expect(times).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
  });

  it("keeps the rolling workspace cap across channels, and fans out to the floor the limits impose", async () => {
    const limiter = new RateLimiter({ perChannelMs: 1000, workspaceLimit: 20, workspaceWindowMs: 1000, maxInFlight: 16 });
    const r = recorder(120);
    const channels = Array.from({ length: 300 }, (_, i) => `C${i}`);
    const done = Promise.all(channels.map((c) => limiter.run(c, r.call(c))));
    await vi.runAllTimersAsync();
    await done;
    expect(r.starts).toHaveLength(300);
    expect(
      busiestWindow(
        r.starts.map((s) => s.at),
        1000,
      ),
    ).toBeLessThanOrEqual(20);
    // 300 posts at 20 per second: the last can start at 14 s at the earliest. With 16 in flight and 120 ms per call,
    // each second's last 4 wait for a call to come back: 14.12 s.
    expect(Math.max(...r.starts.map((s) => s.at))).toBe(14_120);
    expect(r.peak()).toBeLessThanOrEqual(16);
  });

  it("runs posts concurrently, never more than maxInFlight at once", async () => {
    const limiter = new RateLimiter({ perChannelMs: 1000, workspaceLimit: 1000, workspaceWindowMs: 1000, maxInFlight: 4 });
    const r = recorder(500);
    const done = Promise.all(Array.from({ length: 12 }, (_, i) => limiter.run(`C${i}`, r.call(`C${i}`))));
    await vi.runAllTimersAsync();
    await done;
    expect(r.peak()).toBe(4);
    expect(r.starts.map((s) => s.at)).toEqual([0, 0, 0, 0, 500, 500, 500, 500, 1000, 1000, 1000, 1000]);
  });

  it("honours a 429's Retry-After for that channel while other channels go on", async () => {
    const limiter = new RateLimiter({ perChannelMs: 1000, workspaceLimit: 100, workspaceWindowMs: 1000 });
    const r = recorder(100);
    let limited = false;
    const first = limiter.run(
      "C1",
      r.call("C1", () => (limited ? undefined : ((limited = true), new WebAPIRateLimitedError(3)))),
    );
    const other = limiter.run("C2", r.call("C2"));
    await vi.advanceTimersByTimeAsync(50);
    const later = limiter.run("C2", r.call("C2"));
    await vi.runAllTimersAsync();
    expect(await first).toBe("C1");
    await Promise.all([other, later]);
    const c1 = r.starts.filter((s) => s.channel === "C1").map((s) => s.at);
    // Answered 429 at 100 ms with Retry-After: 3 → tried again no sooner than 3.1 s.
    expect(c1).toEqual([0, 3100]);
    expect(r.starts.filter((s) => s.channel === "C2").map((s) => s.at)).toEqual([0, 1000]);
    expect(limiter.stats.rateLimited).toBe(1);
  });

  it("gives up after maxAttempts 429s with Slack's error; other errors are not retried", async () => {
    const limiter = new RateLimiter({ perChannelMs: 1000, maxAttempts: 3 });
    const r = recorder(10);
    const always = limiter
      .run(
        "C1",
        r.call("C1", () => new WebAPIRateLimitedError(1)),
      )
      .catch((e: unknown) => e);
    const refused = limiter
      .run(
        "C2",
        r.call("C2", () => new WebAPIPlatformError({ ok: false, error: "channel_not_found" })),
      )
      .catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await always).toBeInstanceOf(WebAPIRateLimitedError);
    expect(await refused).toBeInstanceOf(WebAPIPlatformError);
    expect(r.starts.filter((s) => s.channel === "C1")).toHaveLength(3);
    expect(r.starts.filter((s) => s.channel === "C2")).toHaveLength(1);
  });
});
