import type { Db } from "../db/client.ts";
import { DEFAULT_LEASE_MS } from "./dispatch.ts";

export interface OutboxStatus {
  sent: number;
  failed: number;
  /** Failed with Slack's outcome unknown: looked up in Slack before the next send. */
  ambiguous: number;
  /** Being sent right now (a live claim). */
  sending: number;
  /** Claims whose process died mid-send: the next tick reconciles them. */
  expired: number;
  /** Sends of unknown outcome resolved by looking in Slack: found there (recorded as sent) or absent (sent then). */
  reconciledFound: number;
  reconciledAbsent: number;
  /** Of those, in the last 24 hours. */
  reconciledLastDay: number;
  /** The last reconciliation's key and time, for the log search. */
  lastReconciled: { key: string; at: Date; outcome: string } | null;
}

/** The outbox as the office sees it in `redline status`: what went out, what waits, what had to be reconciled. */
export async function outboxStatus(db: Db, wallNow: Date = new Date()): Promise<OutboxStatus> {
  const legacyCutoff = new Date(wallNow.getTime() - DEFAULT_LEASE_MS);
  const [byStatus, ambiguous, expired, byOutcome, lastDay, last] = await Promise.all([
    db.dispatch.groupBy({ by: ["status"], _count: { _all: true } }),
    db.dispatch.count({ where: { status: "failed", ambiguous: true } }),
    db.dispatch.count({
      where: { status: "claimed", OR: [{ leaseUntil: { lte: wallNow } }, { leaseUntil: null, claimedAt: { lte: legacyCutoff } }] },
    }),
    db.dispatch.groupBy({ by: ["reconciled"], where: { reconciled: { not: null } }, _count: { _all: true } }),
    db.dispatch.count({ where: { reconciledAt: { gte: new Date(wallNow.getTime() - 24 * 3600_000) } } }),
    db.dispatch.findFirst({
      where: { reconciledAt: { not: null } },
      orderBy: { reconciledAt: "desc" },
      select: { key: true, reconciledAt: true, reconciled: true },
    }),
  ]);
  const count = (s: string) => byStatus.find((r) => r.status === s)?._count._all ?? 0;
  const outcome = (o: string) => byOutcome.find((r) => r.reconciled === o)?._count._all ?? 0;
  return {
    sent: count("sent"),
    failed: count("failed"),
    ambiguous,
    sending: count("claimed") - expired,
    expired,
    reconciledFound: outcome("found"),
    reconciledAbsent: outcome("absent"),
    reconciledLastDay: lastDay,
    lastReconciled: last?.reconciledAt ? { key: last.key, at: last.reconciledAt, outcome: last.reconciled ?? "" } : null,
  };
}
