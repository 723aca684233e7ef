import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { createDelivery } from "../../src/delivery/delivery.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { openTestDatabase } from "../support/db.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { testCli } from "../support/test-cli.ts";

describe("redline status", () => {
  let db: Database;
  let slack: SlackFake;
  beforeAll(async () => {
    db = await openTestDatabase("embedded", { seed: false });
    slack = new SlackFake();
  });
  afterAll(async () => {
    slack.close();
    await db?.close();
  });

  it("shows the office what went out and what had to be reconciled with Slack", async () => {
    const delivery = createDelivery({
      db: db.prisma,
      client: new WebClient("xoxb-test", { logLevel: LogLevel.ERROR }),
      logger: createLogger("silent"),
      instanceId: "test",
    });
    const message = { text: "提醒", blocks: [] };
    // One posted then answered 500 (found on the next try), one that failed before posting (sent on the next try).
    slack.on(
      "chat.postMessage",
      (b) => (slack.accept(b), { status: 500, json: { ok: false } }),
      () => ({ status: 502, json: { ok: false } }),
      (b) => ({
        ok: true,
        channel: b.channel,
        ts: slack.accept(b),
      }),
    );
    await expect(delivery.postOnce({ key: "a", kind: "reminder", channel: "C1", message })).rejects.toThrow();
    await expect(delivery.postOnce({ key: "b", kind: "reminder", channel: "C2", message })).rejects.toThrow();
    await delivery.postOnce({ key: "c", kind: "reminder", channel: "C3", message });

    const before = testCli(db);
    expect(await before.run("status")).toBe(0);
    expect(before.out).toContain("  发送失败、待重试：2（其中 2 条结果未知，重试前先在 Slack 中核对）");

    await delivery.postOnce({ key: "a", kind: "reminder", channel: "C1", message });
    await delivery.postOnce({ key: "b", kind: "reminder", channel: "C2", message });
    expect([...slack.history.values()].map((m) => m.length)).toEqual([1, 1, 1]);

    const cli = testCli(db);
    expect(await cli.run("status")).toBe(0);
    expect(cli.out).toContain("  已发送：3");
    expect(cli.out).toContain("与 Slack 核对：2 次（已在 Slack、记为已发送：1；不在、已补发：1）；近 24 小时：2");
    const en = testCli(db, { REDLINE_LANG: "en" });
    expect(await en.run("status")).toBe(0);
    expect(en.out).toContain("Reconciled with Slack: 2 (found, recorded as sent: 1; not there, sent: 1); last 24 h: 2");
    const json = testCli(db);
    expect(await json.run("status", "--json")).toBe(0);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ sent: 3, failed: 0, reconciledFound: 1, reconciledAbsent: 1, expired: 0 });
  });
});
