import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../lib/errors.ts";

/**
 * Exactly-once posting. Whoever inserts the Dispatch row for a key owns the send; a second replica, a
 * retried request or an overlapping tick gets a unique violation and skips. A send that failed may be
 * claimed again; one that is claimed but never finished (a crash mid-send) is left for an operator,
 * since Slack may already show it and posting again could double it.
 */
export async function claimDispatch(db: Db, key: string, kind: string, claimedBy: string): Promise<boolean> {
  try {
    await db.dispatch.create({ data: { key, kind, claimedBy } });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const retried = await db.dispatch.updateMany({
    where: { key, status: "failed" },
    data: { status: "claimed", claimedBy, claimedAt: new Date(), attempts: { increment: 1 }, error: null },
  });
  return retried.count === 1;
}

export async function markDispatchSent(db: Db, key: string, result: { channelId?: string; messageTs?: string } = {}): Promise<void> {
  await db.dispatch.update({
    where: { key },
    data: { status: "sent", sentAt: new Date(), channelId: result.channelId, messageTs: result.messageTs },
  });
}

export async function markDispatchFailed(db: Db, key: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.dispatch.update({ where: { key }, data: { status: "failed", error: message.slice(0, 1000) } });
}

/**
 * Claims `key`, runs `send`, records the outcome. Returns what `send` returned, or null when another
 * instance owns the key. A failing send is recorded as failed (to be retried) and rethrown.
 */
export async function sendOnce<T extends { channelId?: string; messageTs?: string }>(
  db: Db,
  key: string,
  kind: string,
  claimedBy: string,
  send: () => Promise<T>,
): Promise<T | null> {
  if (!(await claimDispatch(db, key, kind, claimedBy))) return null;
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
