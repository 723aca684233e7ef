import { LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describePostFailure, postToChannel } from "../../src/delivery/post-message.ts";
import { SlackFake } from "../support/slack-fake.ts";

const message = { text: "行动通知", blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "行动通知" } }] };
const ok = (body: Record<string, any>) => ({ ok: true, channel: body.channel, ts: "1.000200" });
/** Retries off, as in the app's tests: only what postToChannel does itself is tried again. */
const quietClient = (options: WebClientOptions = {}) =>
  new WebClient("xoxb-test", { retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...options });
const limited = () => ({ status: 429, json: { ok: false, error: "ratelimited" }, headers: { "retry-after": "1" } });

describe("postToChannel", () => {
  let slack: SlackFake;
  beforeAll(() => {
    slack = new SlackFake();
  });
  afterEach(() => slack.reset());
  afterAll(() => slack.close());

  it("waits out a 429 the client did not retry (retries off) and posts again", async () => {
    slack.on("chat.postMessage", limited, ok);
    const posted = await postToChannel(quietClient(), "C1", message);
    expect(posted).toEqual({ channelId: "C1", messageTs: "1.000200" });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("waits Retry-After itself when the client rejects rate-limited calls", async () => {
    slack.on("chat.postMessage", limited, ok);
    const client = quietClient({ rejectRateLimitedCalls: true });
    expect(await postToChannel(client, "C1", message)).toEqual({ channelId: "C1", messageTs: "1.000200" });
  });

  it("gives up after three rate-limited attempts, for the caller to record and retry later", async () => {
    const client = quietClient({ rejectRateLimitedCalls: true });
    slack.on("chat.postMessage", () => ({ status: 429, json: { ok: false, error: "ratelimited" }, headers: { "retry-after": "0" } }));
    await expect(postToChannel(client, "C1", message)).rejects.toThrow();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(3);
  });

  it("joins a public channel it is not in, then posts", async () => {
    let joined = false;
    slack.on("conversations.join", () => ((joined = true), { ok: true }));
    slack.on("chat.postMessage", (body) => (joined ? ok(body) : { ok: false, error: "not_in_channel" }));
    expect(await postToChannel(quietClient(), "C2", message)).toEqual({ channelId: "C2", messageTs: "1.000200" });
    expect(slack.callsTo("conversations.join").map((c) => c.body.channel)).toEqual(["C2"]);
  });

  it("fails with a reason an office can act on when it cannot join (a private channel)", async () => {
    slack.on("conversations.join", () => ({ ok: false, error: "method_not_supported_for_channel_type" }));
    slack.on("chat.postMessage", () => ({ ok: false, error: "not_in_channel" }));
    const error = await postToChannel(quietClient(), "G3", message).catch((e: unknown) => e);
    expect(describePostFailure(error).zh).toBe("机器人不在该私有频道，请先邀请机器人（method_not_supported_for_channel_type）");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });
});

describe("describePostFailure", () => {
  const platform = (error: string) => Object.assign(new Error(error), { data: { ok: false, error } });
  it("says what to do for the failures an office can fix", () => {
    expect(describePostFailure(platform("channel_not_found")).zh).toContain("请核对名录中的频道");
    expect(describePostFailure(platform("is_archived")).en).toContain("the channel is archived");
    expect(describePostFailure(platform("not_in_channel")).en).toContain("invite it first");
  });
  it("keeps Slack's own code, or the message, for anything else", () => {
    expect(describePostFailure(platform("fatal_error"))).toEqual({ zh: "发送失败（fatal_error）", en: "sending failed (fatal_error)" });
    expect(describePostFailure(new Error("socket hang up")).en).toBe("sending failed (socket hang up)");
  });
});
