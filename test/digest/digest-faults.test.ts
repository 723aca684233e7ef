import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { DISPATCH_EVENT_TYPE } from "../../src/delivery/reconcile.ts";
import type { RunningRedline } from "../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { insertCampaign, registerSlackIds, slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { startTestApp } from "../support/test-app.ts";

const office = slackIds("safety-office");
const at = (iso: string) => new Date(iso);
/** Monday 1 June 2026, the digest's moment, and a minute later (the next tick). */
const MONDAY = at("2026-06-01T09:00:00+08:00");
const NEXT_TICK = at("2026-06-01T09:01:00+08:00");
const WEEK = "2026-W23";
const serverError = { status: 500, json: { ok: false, error: "internal_error" } };

/**
 * The weekly digest through Slack's faults: answered 500 after posting, a process killed mid-post, the picture's
 * upload failing after the text went out. Each time the office channel ends with one digest and one picture in its
 * thread — nothing doubled, nothing lost.
 */
describe.each(dbKinds())("weekly digest under faults (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  const digests = () => (slack.history.get(office.channel) ?? []).filter((m) => !m.thread_ts);
  const pictures = () => slack.callsTo("files.completeUploadExternal");
  const row = (key: string) => db.prisma.dispatch.findUnique({ where: { key } });
  /** The week's digest claimed by a process that was killed ten minutes ago (its lease long run out). */
  const claimOfDeadProcess = async () => {
    const past = new Date(Date.now() - 10 * 60_000);
    await db.prisma.dispatch.create({
      data: {
        key: `digest:${WEEK}`,
        kind: "weekly-digest",
        claimedBy: "dead",
        claimedAt: past,
        createdAt: past,
        leaseUntil: past,
        channelId: office.channel,
      },
    });
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["safety-office", "civil-affairs"]);
    await insertCampaign(db.prisma, {
      id: "hazard-report",
      title: "隐患整治情况上报",
      targets: ["civil-affairs"],
      tasks: [
        { key: "report", kind: "report", title: "整治情况报告", opensAt: at("2026-05-20T01:00:00Z"), dueAt: at("2026-06-10T16:00:00Z") },
      ],
    });
    slack = new SlackFake();
    bot = await startTestApp(db);
  });
  beforeEach(async () => {
    await db.prisma.dispatch.deleteMany({ where: { key: { startsWith: "digest:" } } });
  });
  afterEach(() => {
    slack.reset();
    slack.clearOverrides();
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("posted, then answered 500: the next tick finds it in the channel and does not post it again", async () => {
    slack.on(
      "chat.postMessage",
      (body) => (slack.accept(body), serverError),
      (body) => ({ ok: true, channel: body.channel, ts: slack.accept(body) }),
    );
    await bot.tick(MONDAY);
    await bot.tick(NEXT_TICK);
    await bot.tick(at("2026-06-02T09:00:00+08:00"));
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.text).toContain("安全生产周报");
    expect(pictures()).toHaveLength(1);
    expect(pictures()[0]!.body).toMatchObject({ channel_id: office.channel, thread_ts: digests()[0]!.ts });
    expect(await row(`digest:${WEEK}`)).toMatchObject({ status: "sent", messageTs: digests()[0]!.ts, reconciled: "found" });
  });

  it("a process killed after posting: once its claim expires the digest is recorded from Slack, and its picture follows", async () => {
    await claimOfDeadProcess();
    const ts = slack.accept({
      channel: office.channel,
      text: "安全生产周报",
      metadata: { event_type: DISPATCH_EVENT_TYPE, event_payload: { key: `digest:${WEEK}` } },
    });
    await bot.tick(MONDAY);
    await bot.tick(NEXT_TICK);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    expect(await row(`digest:${WEEK}`)).toMatchObject({ status: "sent", messageTs: ts, reconciled: "found" });
    expect(pictures()).toHaveLength(1);
    expect(pictures()[0]!.body).toMatchObject({ channel_id: office.channel, thread_ts: ts });
  });

  it("a process killed before posting: once its claim expires the digest goes out, once", async () => {
    await claimOfDeadProcess();
    await bot.tick(MONDAY);
    await bot.tick(NEXT_TICK);
    expect(digests()).toHaveLength(1);
    expect(await row(`digest:${WEEK}`)).toMatchObject({ status: "sent", messageTs: digests()[0]!.ts, reconciled: "absent" });
    expect(pictures()).toHaveLength(1);
  });

  it("the picture's upload failing after the text went out: the next tick uploads the picture, not the text again", async () => {
    slack.on(
      "files.completeUploadExternal",
      () => ({ ok: false, error: "internal_error" }),
      (body) => ({
        ok: true,
        files: JSON.parse(body.files ?? "[]"),
      }),
    );
    await bot.tick(MONDAY);
    await bot.tick(NEXT_TICK);
    await bot.tick(at("2026-06-01T09:02:00+08:00"));
    expect(digests()).toHaveLength(1);
    const done = pictures().filter((_, i) => i > 0);
    expect(done).toHaveLength(1);
    expect(done[0]!.body).toMatchObject({ channel_id: office.channel, thread_ts: digests()[0]!.ts });
  });
});
