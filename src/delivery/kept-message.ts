import { createHash } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import type { Delivery } from "./delivery.ts";
import { mayAttempt } from "./retry-policy.ts";

/** How long an in-place update is its claimer's; chat.update takes well under a second. */
export const EDIT_LEASE_MS = 2 * 60_000;

/** A rendering: the message to show, and the same message without what changes by itself (the "as of" time). */
export interface Rendering {
  message: SlackMessage;
  /** What decides whether Slack must be told: two renderings with equal `stable` show the same thing. */
  stable: unknown;
  /** Whether a message not posted yet should be posted now (an update of one already posted never waits for this). */
  worthPosting: boolean;
}

export interface KeepRequest {
  key: string;
  kind: string;
  channel: string;
  /** A fingerprint of what the message is rendered from; unchanged since the last rendering, nothing is rendered. */
  sourceMark: string;
  render: () => Promise<Rendering>;
  /** Wall-clock now (leases and retries); tests pass their own. */
  wallNow?: Date;
}

export type KeepOutcome = "posted" | "updated" | "unchanged" | "not-posted" | "busy";

export const contentHash = (stable: unknown): string => createHash("sha256").update(JSON.stringify(stable)).digest("hex");

/**
 * Posts a message once per key, then keeps it up to date in place (chat.update) on later calls whenever what it shows
 * changed. The post is `delivery.postOnce` (claimed, reconciled: replicas and retries never post a second one); the
 * updates are claimed too, by a lease on the KeptMessage row, so two processes never edit it at once and an older
 * rendering cannot land after a newer one. What Slack shows is recorded only after Slack accepted it, so a failed or
 * interrupted update is tried again at the next call. Throws when a post or an update fails.
 */
export async function keepPosted(db: Db, delivery: Delivery, request: KeepRequest): Promise<KeepOutcome> {
  const { key } = request;
  const wallNow = request.wallNow ?? new Date();
  const sent = await db.dispatch.findUnique({
    where: { key },
    select: { status: true, attempts: true, claimedAt: true, leaseUntil: true, channelId: true, messageTs: true },
  });

  if (sent?.status !== "sent") {
    // A failed post waits out its back-off; a live claim is another process's send.
    if (sent && !mayAttempt(sent, wallNow)) return "busy";
    const rendered = await request.render();
    if (!rendered.worthPosting) return "not-posted";
    let built = false;
    const posted = await delivery.postOnce({
      key,
      kind: request.kind,
      channel: request.channel,
      message: () => {
        built = true;
        return rendered.message;
      },
    });
    if (!posted) return "busy";
    // Found in Slack by reconciliation instead (not built here): what it shows is unknown, so the next call re-renders.
    const state = built
      ? { contentHash: contentHash(rendered.stable), sourceMark: request.sourceMark }
      : { contentHash: null, sourceMark: null };
    await db.keptMessage.upsert({ where: { key }, create: { key, ...state }, update: { ...state, leaseUntil: null } });
    return "posted";
  }

  if (!sent.channelId || !sent.messageTs) return "unchanged"; // an upload or a reconciled send without a ts: nothing to edit
  // A process that died between the post and its KeptMessage row leaves none: it is made here, showing "unknown".
  await db.keptMessage.createMany({ data: [{ key }], skipDuplicates: true });
  const kept = await db.keptMessage.findUniqueOrThrow({ where: { key } });
  if (kept.sourceMark === request.sourceMark && kept.contentHash !== null) return "unchanged";

  const claimed = await db.keptMessage.updateMany({
    where: { key, OR: [{ leaseUntil: null }, { leaseUntil: { lte: wallNow } }] },
    data: { leaseUntil: new Date(wallNow.getTime() + EDIT_LEASE_MS) },
  });
  if (claimed.count !== 1) return "busy";
  try {
    const rendered = await request.render();
    const hash = contentHash(rendered.stable);
    if (hash === kept.contentHash) {
      await db.keptMessage.update({ where: { key }, data: { sourceMark: request.sourceMark, leaseUntil: null } });
      return "unchanged";
    }
    await delivery.update(sent.channelId, sent.messageTs, rendered.message);
    await db.keptMessage.update({
      where: { key },
      data: {
        contentHash: hash,
        sourceMark: request.sourceMark,
        leaseUntil: null,
        updates: { increment: 1 },
        updatedAt: new Date(),
        error: null,
      },
    });
    return "updated";
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    await db.keptMessage.update({ where: { key }, data: { leaseUntil: null, error } });
    throw e;
  }
}
