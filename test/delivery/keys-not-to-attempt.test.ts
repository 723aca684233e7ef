import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { keysNotToAttempt } from "../../src/delivery/retry-policy.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";

describe.each(dbKinds())("keysNotToAttempt: the one rule every sweep (meetings too) uses (%s database)", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it("leaves alone sent, live claims and failures backing off; retries due failures and expired claims", async () => {
    const now = new Date();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const row = (key: string, data: Record<string, unknown>) =>
      db.prisma.dispatch.create({ data: { key: `kna:${key}`, kind: "meeting-notice", claimedBy: "test", ...data } });
    await row("sent", { status: "sent", sentAt: now });
    await row("live-claim", { status: "claimed", leaseUntil: new Date(now.getTime() + 60_000) });
    await row("expired-claim", { status: "claimed", claimedAt: minutesAgo(10), leaseUntil: minutesAgo(5) });
    await row("failed-once", { status: "failed", attempts: 1, claimedAt: now });
    await row("failed-backing-off", { status: "failed", attempts: 6, claimedAt: minutesAgo(1) });
    await row("failed-due-again", { status: "failed", attempts: 6, claimedAt: minutesAgo(61) });
    const leave = await keysNotToAttempt(db.prisma, { key: { startsWith: "kna:" } }, now);
    expect([...leave].sort()).toEqual(["kna:failed-backing-off", "kna:live-claim", "kna:sent"]);
  });
});
