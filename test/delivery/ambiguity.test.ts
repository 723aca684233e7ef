import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { isAmbiguousFailure } from "../../src/delivery/ambiguity.ts";

const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });

describe("isAmbiguousFailure", () => {
  it("a 5xx, a reset connection, a timeout or Slack's own internal error may have posted", () => {
    expect(isAmbiguousFailure(new WebAPIHTTPError(503, "Service Unavailable", {}, ""))).toBe(true);
    expect(isAmbiguousFailure(new WebAPIRequestError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })))).toBe(true);
    expect(isAmbiguousFailure(new WebAPIRequestError(new DOMException("The operation was aborted due to timeout", "TimeoutError")))).toBe(
      true,
    );
    expect(isAmbiguousFailure(platform("internal_error"))).toBe(true);
    expect(isAmbiguousFailure(new Error("chat.postMessage to C1 returned no ts"))).toBe(true);
  });
  it("a refusal with a reason, a 4xx or a 429 posted nothing", () => {
    expect(isAmbiguousFailure(platform("channel_not_found"))).toBe(false);
    expect(isAmbiguousFailure(platform("not_in_channel"))).toBe(false);
    expect(isAmbiguousFailure(new WebAPIHTTPError(400, "Bad Request", {}, ""))).toBe(false);
    expect(isAmbiguousFailure(new WebAPIRateLimitedError(3))).toBe(false);
    expect(isAmbiguousFailure(new WebAPIRequestError(new Error("A rate limit was exceeded (url: x, retry-after: 1)")))).toBe(false);
  });
});
