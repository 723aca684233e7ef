import type { Dispatch } from "../generated/prisma/client.ts";

/** Failed sends tried again at every tick before backing off. */
const IMMEDIATE_ATTEMPTS = 3;
const MAX_BACKOFF_MINUTES = 60;

/**
 * Whether a failed send may be tried again now. The first few retries go at the next ticks (a Slack hiccup passes);
 * after that the wait doubles up to an hour, so a channel that stays broken (archived, bot removed) is not hit every
 * minute while the office fixes it. Wall-clock time, since it measures real time since the last attempt.
 */
export function retryDue(row: Pick<Dispatch, "status" | "attempts" | "claimedAt">, wallNow: Date): boolean {
  if (row.status !== "failed") return false;
  if (row.attempts < IMMEDIATE_ATTEMPTS) return true;
  const waitMinutes = Math.min(2 ** (row.attempts - IMMEDIATE_ATTEMPTS), MAX_BACKOFF_MINUTES);
  return wallNow.getTime() - row.claimedAt.getTime() >= waitMinutes * 60_000;
}

/** The Slack error code in a stored failure ("An API error occurred: channel_not_found"), if there is one. */
export function storedSlackError(error: string | null): string | undefined {
  return error ? /An API error occurred: ([a-z_]+)/.exec(error)?.[1] : undefined;
}
