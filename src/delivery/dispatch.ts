import type { Db } from "../db/client.ts";
import type { Dispatch } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { isAmbiguousFailure } from "./ambiguity.ts";

/** How long a claim is its claimer's. A send takes well under a second; a claim older than this belongs to a dead process. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Where a keyed message goes, recorded on the claim so that an unknown outcome can be looked up there later. */
export interface DispatchTarget {
  channelId?: string;
  threadTs?: string;
}

export interface ClaimOptions extends DispatchTarget {
  leaseMs?: number;
  /** Take over a claim whose lease ran out (only a caller that reconciles before sending should). Default true. */
  takeExpired?: boolean;
  /** Wall-clock now (tests pass their own). */
  now?: Date;
}

/** A won claim: whether Slack may already show the message (a claim that expired, or a send that failed ambiguously). */
export interface Claim {
  key: string;
  /** Look in Slack before sending: the last attempt's outcome is unknown. */
  mustReconcile: boolean;
  /** The first claim's time: the message, if it went out, was posted after it. */
  since: Date;
  attempts: number;
}

/** A claimed row whose lease has run out: its process died (kill -9, crash, lost host) mid-send. */
export function claimExpired(
  row: Pick<Dispatch, "status" | "leaseUntil" | "claimedAt">,
  wallNow: Date,
  leaseMs = DEFAULT_LEASE_MS,
): boolean {
  if (row.status !== "claimed") return false;
  // Claims made before leases existed have none: they expire a lease after they were made.
  const until = row.leaseUntil ?? new Date(row.claimedAt.getTime() + leaseMs);
  return until.getTime() <= wallNow.getTime();
}

/**
 * Claims `key` for a send. Whoever inserts the Dispatch row owns the send; a second replica, a retried request or an
 * overlapping tick gets a unique violation. An existing row is taken over only by a conditional update on the state
 * that was read (failed, or claimed with its lease run out), so of several processes racing for it one wins.
 * Returns the claim, or null when the key is sent or someone else holds a live claim.
 */
export async function claimDispatch(
  db: Db,
  key: string,
  kind: string,
  claimedBy: string,
  options: ClaimOptions = {},
): Promise<Claim | null> {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  try {
    await db.dispatch.create({
      data: { key, kind, claimedBy, claimedAt: now, createdAt: now, leaseUntil, channelId: options.channelId, threadTs: options.threadTs },
    });
    return { key, mustReconcile: false, since: now, attempts: 1 };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const row = await db.dispatch.findUnique({ where: { key } });
  if (!row || row.status === "sent") return null;
  const expired = claimExpired(row, now, leaseMs);
  if (row.status === "claimed" && (!expired || options.takeExpired === false)) return null;
  const taken = await db.dispatch.updateMany({
    // The state read above, exactly: another process that took the row over in between changed status or attempts.
    where: { key, status: row.status, attempts: row.attempts },
    data: {
      status: "claimed",
      claimedBy,
      claimedAt: now,
      leaseUntil,
      attempts: { increment: 1 },
      error: null,
      ...(options.channelId ? { channelId: options.channelId } : {}),
      ...(options.threadTs ? { threadTs: options.threadTs } : {}),
    },
  });
  if (taken.count !== 1) return null;
  return { key, mustReconcile: expired || row.ambiguous, since: row.createdAt, attempts: row.attempts + 1 };
}

export async function markDispatchSent(db: Db, key: string, result: { channelId?: string; messageTs?: string } = {}): Promise<void> {
  await db.dispatch.update({
    where: { key },
    data: {
      status: "sent",
      sentAt: new Date(),
      leaseUntil: null,
      ambiguous: false,
      channelId: result.channelId,
      messageTs: result.messageTs,
    },
  });
}

/** Records a failure; `ambiguous` when Slack may have posted it anyway (the next claim looks before sending). */
export async function markDispatchFailed(db: Db, key: string, error: unknown, ambiguous = isAmbiguousFailure(error)): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.dispatch.update({ where: { key }, data: { status: "failed", leaseUntil: null, ambiguous, error: message.slice(0, 1000) } });
}

async function markReconciled(db: Db, key: string, outcome: "found" | "absent"): Promise<void> {
  await db.dispatch.update({ where: { key }, data: { reconciled: outcome, reconciledAt: new Date() } });
}

export interface SendOnceOptions<T> extends ClaimOptions {
  /**
   * Looks in Slack for the message this key sent (by the key in its metadata), from `since`. Given, an expired claim
   * or an ambiguous failure is resolved before any resend: found → recorded as sent, absent → sent. Without it an
   * expired claim is left as it is (claimed) for an operator, since posting again could double it.
   */
  reconcile?: (since: Date) => Promise<T | null>;
  logger?: Logger;
}

/**
 * Claims `key`, runs `send`, records the outcome. Returns what `send` returned (or what reconciliation found in Slack),
 * or null when the key is already sent or another instance owns it. A failing send is recorded as failed (to be
 * retried; marked ambiguous when Slack may have it) and rethrown.
 */
export async function sendOnce<T extends { channelId?: string; messageTs?: string }>(
  db: Db,
  key: string,
  kind: string,
  claimedBy: string,
  send: () => Promise<T>,
  options: SendOnceOptions<T> = {},
): Promise<T | null> {
  const claim = await claimDispatch(db, key, kind, claimedBy, { ...options, takeExpired: options.reconcile !== undefined });
  if (!claim) return null;
  if (claim.mustReconcile && options.reconcile) {
    let found: T | null;
    try {
      found = await options.reconcile(claim.since);
    } catch (e) {
      // Could not look: stay ambiguous, so the next try looks again instead of sending blind.
      await markDispatchFailed(db, key, e, true);
      throw e;
    }
    await markReconciled(db, key, found ? "found" : "absent");
    options.logger?.warn(
      { key, kind, attempts: claim.attempts, outcome: found ? "found" : "absent", ts: found?.messageTs },
      found
        ? "reconciled a send of unknown outcome: Slack has it; recorded as sent"
        : "reconciled a send of unknown outcome: Slack does not have it; sending",
    );
    if (found) {
      await markDispatchSent(db, key, found);
      return found;
    }
  }
  let result: T;
  try {
    result = await send();
  } catch (e) {
    await markDispatchFailed(db, key, e);
    throw e;
  }
  await markDispatchSent(db, key, result);
  return result;
}
