import { ErrorCode as SlackErrorCode } from "@slack/web-api";

/** Slack platform errors (HTTP 200, ok:false) that mean Slack itself does not know whether the message went out. */
const UNKNOWN_OUTCOME_ERRORS = new Set(["internal_error", "fatal_error", "request_timeout", "service_unavailable"]);

/**
 * Whether a failed send may have reached Slack anyway: a 5xx, a timeout, a reset connection, or anything that is not
 * a clear refusal. Such a send is looked up in Slack (by its key in the message metadata) before it is sent again.
 * Clear refusals — `ok:false` with a reason (channel_not_found, not_in_channel …), a 4xx, a 429 — posted nothing.
 */
export function isAmbiguousFailure(e: unknown): boolean {
  const err = e as { code?: unknown; statusCode?: unknown; data?: { error?: unknown }; original?: { message?: unknown } } | null;
  switch (err?.code) {
    case SlackErrorCode.PlatformError:
      return typeof err.data?.error === "string" && UNKNOWN_OUTCOME_ERRORS.has(err.data.error);
    case SlackErrorCode.RateLimitedError:
      return false;
    case SlackErrorCode.HTTPError:
      return typeof err.statusCode !== "number" || err.statusCode >= 500;
    case SlackErrorCode.RequestError:
      // The client's own "waited out a 429, not retrying" is a refusal; everything else (ECONNRESET, timeout) is unknown.
      return !(typeof err.original?.message === "string" && err.original.message.startsWith("A rate limit was exceeded"));
    default:
      return true;
  }
}
