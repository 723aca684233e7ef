import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { registerSlackIds, slackIds } from "../../support/fixtures.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendSlashCommand } from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { waitFor } from "../../support/wait-for.ts";

const office = slackIds("safety-office");
const civil = slackIds("civil-affairs");

describe.each(dbKinds())("/redline 周报 on demand: one per channel per 10 minutes, decided by the database (%s database)", (kind) => {
  let db: Database;
  let slack: SlackFake;
  let clock: TestClock;
  let a: RunningRedline & { url: string };
  let b: RunningRedline & { url: string };
  const env = { REDLINE_DIGEST: "off" };
  const digestPosts = (channel: string) => slack.postsIn(channel).filter((c) => c.response?.ok && String(c.body.text).includes("周报"));
  const ask = (url: string, channel = office.channel) => sendSlashCommand(url, { text: "周报", user_id: office.liaison, channel_id: channel });
  const replies = async (n: number) => {
    await waitFor(() => slack.responses.length >= n, `${n} replies`);
    return slack.responses.map((r) => String(r.body.text));
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["safety-office", "civil-affairs"]);
    slack = new SlackFake();
    clock = testClock("2026-05-27T10:02:00+08:00");
    // Two replicas over one database, one clock.
    a = await startTestApp(db, { env: { ...env, REDLINE_INSTANCE_ID: "a" }, clock });
    b = await startTestApp(db, { env: { ...env, REDLINE_INSTANCE_ID: "b" }, clock });
  });
  afterEach(() => slack.on("chat.postMessage").reset());
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    slack?.close();
    await db?.close();
  });

  it("posts; asked again at once (on the other replica) it refuses, saying when it was posted and when to try again", async () => {
    await ask(a.url);
    expect(await replies(1)).toEqual(["✅ 周报已发布。"]);
    expect(digestPosts(office.channel)).toHaveLength(1);
    clock.set("2026-05-27T10:08:00+08:00");
    await ask(b.url);
    expect((await replies(2))[1]).toBe("⚠️ 本频道 10:02 刚发布过周报；每个频道 10 分钟内只发一次，请 10:12 后再试。");
    expect(digestPosts(office.channel)).toHaveLength(1);
  });

  it("another channel has its own turn; after the 10 minutes the first channel may again", async () => {
    await ask(a.url, civil.channel);
    expect(await replies(1)).toEqual(["✅ 周报已发布。"]);
    clock.set("2026-05-27T10:12:00+08:00");
    await ask(b.url);
    expect((await replies(2))[1]).toBe("✅ 周报已发布。");
    expect(digestPosts(office.channel)).toHaveLength(1); // reset() cleared the earlier one
  });

  it("the same request on two replicas at once: exactly one digest", async () => {
    clock.set("2026-05-27T11:00:00+08:00");
    await Promise.all([ask(a.url), ask(b.url), ask(a.url), ask(b.url)]);
    const texts = await replies(4);
    expect(texts.filter((t) => t === "✅ 周报已发布。")).toHaveLength(1);
    expect(texts.filter((t) => t.includes("刚发布过周报"))).toHaveLength(3);
    expect(digestPosts(office.channel)).toHaveLength(1);
  });

  it("a digest that failed to post gives the turn back: the office can try again at once", async () => {
    clock.set("2026-05-27T12:00:00+08:00");
    slack.on("chat.postMessage", () => ({ ok: false, error: "not_in_channel" }));
    await ask(a.url);
    expect((await replies(1))[0]).toContain("周报发布失败");
    slack.on("chat.postMessage");
    await ask(b.url);
    expect((await replies(2))[1]).toBe("✅ 周报已发布。");
    expect(digestPosts(office.channel)).toHaveLength(1);
  });
});
