import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { createDelivery, type Delivery } from "../../src/delivery/delivery.ts";
import { DISPATCH_EVENT_TYPE } from "../../src/delivery/reconcile.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { dbKinds, openTestDatabase, resetDatabase } from "../support/db.ts";
import { SlackFake } from "../support/slack-fake.ts";

const message = { text: "专项行动通知", blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "专项行动通知" } }] };
const serverError = { status: 500, json: { ok: false, error: "internal_error" } };

describe.each(dbKinds())("exactly-once posts (%s)", (kind) => {
  let database: Database;
  let slack: SlackFake;
  /** The production client: its default policy retries failed calls for half an hour. Posts must not go through it. */
  let client: WebClient;
  const deliveryAs = (instanceId: string, leaseMs?: number): Delivery =>
    createDelivery({ db: database.prisma, client, logger: createLogger("silent"), instanceId, leaseMs });

  beforeAll(async () => {
    database = await openTestDatabase(kind, { seed: false });
    slack = new SlackFake();
    client = new WebClient("xoxb-test", { logLevel: LogLevel.ERROR });
  });
  beforeEach(async () => resetDatabase(database, { seed: false }));
  afterEach(() => {
    slack.reset();
    slack.clearOverrides();
  });
  afterAll(async () => {
    slack.close();
    await database.close();
  });

  const row = (key: string) => database.prisma.dispatch.findUniqueOrThrow({ where: { key } });

  it("tags every keyed post with its dispatch key in the message metadata", async () => {
    await deliveryAs("a").postOnce({ key: "launch:c1:d1", kind: "campaign-launch", channel: "C1", message });
    expect(slack.postsIn("C1").map((c) => c.body.metadata)).toEqual([
      { event_type: DISPATCH_EVENT_TYPE, event_payload: { key: "launch:c1:d1" } },
    ]);
  });

  it("posted, then 500: the client does not retry it, and the next try finds it in history instead of posting again", async () => {
    slack.on(
      "chat.postMessage",
      (body) => (slack.accept(body), serverError),
      (body) => ({ ok: true, channel: body.channel, ts: slack.accept(body) }),
    );
    const delivery = deliveryAs("a");
    await expect(delivery.postOnce({ key: "k1", kind: "reminder", channel: "C1", message })).rejects.toThrow();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await row("k1")).toMatchObject({ status: "failed", ambiguous: true, channelId: "C1" });

    const posted = await delivery.postOnce({ key: "k1", kind: "reminder", channel: "C1", message });
    const shown = slack.history.get("C1")!;
    expect(shown).toHaveLength(1);
    expect(posted).toEqual({ channelId: "C1", messageTs: shown[0]!.ts });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(slack.callsTo("conversations.history")[0]!.body).toMatchObject({ channel: "C1", include_all_metadata: "true" });
    expect(await row("k1")).toMatchObject({ status: "sent", messageTs: shown[0]!.ts, reconciled: "found", ambiguous: false });

    // Sent is sent: a third try does nothing.
    expect(await delivery.postOnce({ key: "k1", kind: "reminder", channel: "C1", message })).toBeNull();
    expect(slack.history.get("C1")).toHaveLength(1);
  });

  it("a 500 that posted nothing: history shows no such message, so it is sent, once", async () => {
    slack.on(
      "chat.postMessage",
      () => serverError,
      (body) => ({ ok: true, channel: body.channel, ts: slack.accept(body) }),
    );
    const delivery = deliveryAs("a");
    await expect(delivery.postOnce({ key: "k2", kind: "reminder", channel: "C2", message })).rejects.toThrow();
    const posted = await delivery.postOnce({ key: "k2", kind: "reminder", channel: "C2", message });
    expect(slack.history.get("C2")!.map((m) => m.ts)).toEqual([posted!.messageTs]);
    expect(await row("k2")).toMatchObject({ status: "sent", reconciled: "absent" });
  });

  it("a clear refusal (channel_not_found) posted nothing: the next try sends without looking", async () => {
    slack.on("chat.postMessage", () => ({ ok: false, error: "channel_not_found" }));
    const delivery = deliveryAs("a");
    await expect(delivery.postOnce({ key: "k3", kind: "reminder", channel: "C3", message })).rejects.toThrow("channel_not_found");
    expect(await row("k3")).toMatchObject({ status: "failed", ambiguous: false });
    slack.reset();
    slack.clearOverrides();
    await delivery.postOnce({ key: "k3", kind: "reminder", channel: "C3", message });
    expect(slack.callsTo("conversations.history")).toHaveLength(0);
    expect(slack.history.get("C3")).toHaveLength(1);
    expect((await row("k3")).reconciled).toBeNull();
  });

  it("a claim left by a killed process that had posted: once its lease runs out it is reconciled — 0 lost, 0 doubled", async () => {
    // The dead process claimed, posted (Slack shows it, with the key), and died before recording it.
    const claimedAt = new Date(Date.now() - 10 * 60_000);
    await database.prisma.dispatch.create({
      data: {
        key: "k4",
        kind: "campaign-launch",
        claimedBy: "dead",
        claimedAt,
        createdAt: claimedAt,
        leaseUntil: new Date(Date.now() - 5 * 60_000),
        channelId: "C4",
      },
    });
    slack.accept({ channel: "C4", text: "专项行动通知", metadata: { event_type: DISPATCH_EVENT_TYPE, event_payload: { key: "k4" } } });
    slack.accept({ channel: "C4", text: "别的消息" });

    const posted = await deliveryAs("b").postOnce({ key: "k4", kind: "campaign-launch", channel: "C4", message });
    const shown = slack.history.get("C4")!;
    expect(shown).toHaveLength(2);
    expect(posted).toEqual({ channelId: "C4", messageTs: shown[0]!.ts });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    expect(await row("k4")).toMatchObject({ status: "sent", claimedBy: "b", attempts: 2, reconciled: "found" });
  });

  it("a claim left by a killed process that had not posted yet is sent once; a live claim is left to its owner", async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    await database.prisma.dispatch.createMany({
      data: [
        { key: "dead", kind: "reminder", claimedBy: "dead", claimedAt: past, createdAt: past, leaseUntil: past, channelId: "C5" },
        { key: "alive", kind: "reminder", claimedBy: "alive", leaseUntil: new Date(Date.now() + 60_000), channelId: "C6" },
      ],
    });
    const delivery = deliveryAs("b");
    expect(await delivery.postOnce({ key: "alive", kind: "reminder", channel: "C6", message })).toBeNull();
    await delivery.postOnce({ key: "dead", kind: "reminder", channel: "C5", message });
    expect(slack.history.get("C5")).toHaveLength(1);
    expect(slack.history.get("C6")).toBeUndefined();
    expect(await row("dead")).toMatchObject({ status: "sent", reconciled: "absent" });
    expect(await row("alive")).toMatchObject({ status: "claimed", claimedBy: "alive" });
  });

  it("several replicas racing for one expired claim: one takes it, one message", async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    await database.prisma.dispatch.create({
      data: { key: "race", kind: "reminder", claimedBy: "dead", claimedAt: past, createdAt: past, leaseUntil: past, channelId: "C7" },
    });
    const results = await Promise.all(
      ["r1", "r2", "r3", "r4"].map((id) => deliveryAs(id).postOnce({ key: "race", kind: "reminder", channel: "C7", message })),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(slack.history.get("C7")).toHaveLength(1);
  });

  it("when history cannot be read, nothing is sent and the key stays to be looked up again", async () => {
    slack.on("chat.postMessage", (body) => (slack.accept(body), serverError));
    slack.on("conversations.history", () => ({ ok: false, error: "missing_scope" }));
    const delivery = deliveryAs("a");
    await expect(delivery.postOnce({ key: "k8", kind: "reminder", channel: "C8", message })).rejects.toThrow();
    await expect(delivery.postOnce({ key: "k8", kind: "reminder", channel: "C8", message })).rejects.toThrow("missing_scope");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await row("k8")).toMatchObject({ status: "failed", ambiguous: true });
  });

  it("a thread reply is looked up among the thread's replies", async () => {
    slack.on("chat.postMessage", (body) => (slack.accept(body), serverError));
    const delivery = deliveryAs("a");
    const request = { key: "k9", kind: "reminder", channel: "C9", threadTs: "1700000000.000100", message };
    await expect(delivery.postOnce(request)).rejects.toThrow();
    slack.on("chat.postMessage", (body) => ({ ok: true, channel: body.channel, ts: slack.accept(body) }));
    await delivery.postOnce(request);
    expect(slack.callsTo("conversations.replies")[0]!.body).toMatchObject({ channel: "C9", ts: "1700000000.000100" });
    expect(slack.history.get("C9")).toHaveLength(1);
  });
});
