import type { Db } from "../db/client.ts";
import type { Dispatch, Prisma } from "../generated/prisma/client.ts";
import { claimExpired } from "./dispatch.ts";

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

/**
 * Whether a key's Dispatch row lets a sweep try it now: failed and due for another try, or claimed by a process whose
 * lease ran out (it died mid-send; the send is reconciled with Slack before anything is posted again).
 */
export function mayAttempt(row: Pick<Dispatch, "status" | "attempts" | "claimedAt" | "leaseUntil">, wallNow: Date): boolean {
  return retryDue(row, wallNow) || claimExpired(row, wallNow);
}

/**
 * Of the Dispatch rows `where` selects, the keys a sweep must leave alone now: sent, claimed under a live lease, or
 * failed and not due for another try (`mayAttempt`). Keys with no row, failed ones due again and expired claims are
 * not in it, so every sweep backs off a broken channel and picks up a send whose process died, alike.
 */
export async function keysNotToAttempt(db: Db, where: Prisma.DispatchWhereInput, wallNow: Date = new Date()): Promise<Set<string>> {
  const rows = await db.dispatch.findMany({
    where,
    select: { key: true, status: true, attempts: true, claimedAt: true, leaseUntil: true },
  });
  return new Set(rows.filter((r) => r.status === "sent" || !mayAttempt(r, wallNow)).map((r) => r.key));
}
