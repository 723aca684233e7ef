import { LogLevel, WebClient, type WebAPIPlatformError } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { renderChannel } from "../../src/sandbox/render/state.ts";
import { LIAISON, OFFICE, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let client: WebClient;
let token: string;

beforeAll(async () => {
  const options = sandboxOptions();
  token = options.botToken;
  sandbox = await createSandbox(options);
  // The client logs Slack's error messages itself; the assertions below check them.
  client = new WebClient(token, {
    slackApiUrl: sandbox.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    logger: quietLogger,
  });
});
afterAll(() => sandbox.close());

const quietLogger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** The Slack error code a Web API call failed with. */
async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (e) {
    const data = (e as WebAPIPlatformError).data as { error: string; response_metadata?: { messages?: string[] } };
    return { error: data.error, messages: data.response_metadata?.messages ?? [] };
  }
  throw new Error("the call succeeded");
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const render = (userId: string, channel: string) =>
  renderChannel(sandbox.store, userId, channel, { timeZone: "Asia/Shanghai", fileUrl: () => undefined });

describe("authentication", () => {
  it("answers auth.test with the bot's identity", async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, user_id: "U0REDLINE", bot_id: "B0REDLINE", team_id: "T0SANDBOX" });
  });

  it("rejects a wrong token with invalid_auth and a missing one with not_authed", async () => {
    const wrong = new WebClient("xoxb-sandbox-wrong", { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
    expect((await slackError(wrong.auth.test())).error).toBe("invalid_auth");
    const response = await fetch(`${sandbox.apiUrl}auth.test`, { method: "POST" });
    expect(await response.json()).toEqual({ ok: false, error: "not_authed" });
  });

  it("answers an unknown method with unknown_method", async () => {
    expect((await slackError(client.apiCall("chat.scheduleEverything", {}))).error).toBe("unknown_method");
  });
});

describe("messages", () => {
  it("shows a posted message in the channel, with its blocks", async () => {
    const posted = await client.chat.postMessage({
      channel: "CCULTURE",
      text: "夏季消防安全专项行动",
      blocks: [section("*夏季消防安全专项行动* 已启动")],
    });
    expect(posted.ok).toBe(true);
    const stored = sandbox.store.message("CCULTURE", posted.ts!);
    expect(stored).toMatchObject({ author: { kind: "bot" }, text: "夏季消防安全专项行动" });
    expect(render(LIAISON, "CCULTURE")).toContain("<strong>夏季消防安全专项行动</strong> 已启动");
  });

  it("also accepts a JSON body, as some clients send", async () => {
    const response = await fetch(`${sandbox.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "CSAFETY", text: "json body" }),
    });
    const body = (await response.json()) as { ok: boolean; ts: string };
    expect(body.ok).toBe(true);
    expect(sandbox.store.message("CSAFETY", body.ts)?.text).toBe("json body");
  });

  it("replaces a message in place on chat.update", async () => {
    const posted = await client.chat.postMessage({ channel: "CCULTURE", text: "待确认", blocks: [section("待确认 (pending)")] });
    const before = sandbox.store.messages("CCULTURE").length;
    const updated = await client.chat.update({
      channel: "CCULTURE",
      ts: posted.ts!,
      text: "已确认",
      blocks: [section("✅ 李文化 已确认")],
    });
    expect(updated.ts).toBe(posted.ts);
    expect(sandbox.store.messages("CCULTURE")).toHaveLength(before);
    expect(sandbox.store.message("CCULTURE", posted.ts!)).toMatchObject({ text: "已确认", edited: true });
    const html = render(OFFICE, "CCULTURE");
    expect(html).toContain("✅ 李文化 已确认");
    expect(html).not.toContain("待确认 (pending)");
  });

  it("refuses to update a message that does not exist or is not the bot's", async () => {
    expect((await slackError(client.chat.update({ channel: "CCULTURE", ts: "1.000001", text: "x" }))).error).toBe("message_not_found");
    const mine = sandbox.store.addMessage({ channel: "CCULTURE", author: { kind: "user", userId: LIAISON }, text: "hello" });
    expect((await slackError(client.chat.update({ channel: "CCULTURE", ts: mine.ts, text: "x" }))).error).toBe("cant_update_message");
  });

  it("shows an ephemeral message only to its user", async () => {
    await client.chat.postEphemeral({ channel: "CCULTURE", user: LIAISON, text: "只有联络员能看到" });
    expect(render(LIAISON, "CCULTURE")).toContain("只有联络员能看到");
    expect(render(OFFICE, "CCULTURE")).not.toContain("只有联络员能看到");
    const state = (await (await fetch(`${sandbox.url}/state?user=${OFFICE}&view=CCULTURE`)).json()) as { mainHtml: string };
    expect(state.mainHtml).not.toContain("只有联络员能看到");
  });

  it("refuses an ephemeral for someone who is not in the channel", async () => {
    expect((await slackError(client.chat.postEphemeral({ channel: "CSAFETY", user: LIAISON, text: "x" }))).error).toBe(
      "user_not_in_channel",
    );
  });

  it("deletes the bot's message on chat.delete", async () => {
    const posted = await client.chat.postMessage({ channel: "CSAFETY", text: "to delete" });
    await client.chat.delete({ channel: "CSAFETY", ts: posted.ts! });
    expect(sandbox.store.message("CSAFETY", posted.ts!)).toBeUndefined();
  });

  it("answers channel_not_found for a channel that does not exist", async () => {
    expect((await slackError(client.chat.postMessage({ channel: "CNOPE", text: "x" }))).error).toBe("channel_not_found");
    expect((await slackError(client.conversations.info({ channel: "CNOPE" }))).error).toBe("channel_not_found");
  });

  it("answers no_text for an empty message", async () => {
    expect((await slackError(client.chat.postMessage({ channel: "CSAFETY", text: "" }))).error).toBe("no_text");
  });

  it("delivers a message addressed to a user id into that user's DM with the bot", async () => {
    const posted = await client.chat.postMessage({ channel: LIAISON, text: "请签署承诺书" });
    expect(posted.channel).toBe("DLIAISON1");
    expect(render(LIAISON, "DLIAISON1")).toContain("请签署承诺书");
  });
});

describe("reactions", () => {
  it("adds the bot's reaction once, shows it, and removes it", async () => {
    const mine = sandbox.store.addMessage({ channel: "CCULTURE", author: { kind: "user", userId: LIAISON }, text: "已整改完毕" });
    await client.reactions.add({ channel: "CCULTURE", timestamp: mine.ts, name: "white_check_mark" });
    expect((await slackError(client.reactions.add({ channel: "CCULTURE", timestamp: mine.ts, name: "white_check_mark" }))).error).toBe(
      "already_reacted",
    );
    expect(render(OFFICE, "CCULTURE")).toContain('data-testid="reaction" data-name="white_check_mark">✅ 1</span>');
    await client.reactions.remove({ channel: "CCULTURE", timestamp: mine.ts, name: "white_check_mark" });
    expect((await slackError(client.reactions.remove({ channel: "CCULTURE", timestamp: mine.ts, name: "white_check_mark" }))).error).toBe(
      "no_reaction",
    );
  });
});

describe("Block Kit limits, rejected with Slack's codes", () => {
  it("rejects more than 50 blocks in a message", async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
    const { error, messages } = await slackError(client.chat.postMessage({ channel: "CSAFETY", text: "x", blocks }));
    expect(error).toBe("invalid_blocks");
    expect(messages).toContain("[ERROR] must provide an array with no more than 50 items [json-pointer:/blocks]");
  });

  it("rejects section text over 3000 characters", async () => {
    const { error, messages } = await slackError(
      client.chat.postMessage({ channel: "CSAFETY", text: "x", blocks: [section("字".repeat(3001))] }),
    );
    expect(error).toBe("invalid_blocks");
    expect(messages).toContain("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
  });

  it("rejects more than 25 elements in an actions block", async () => {
    const elements = Array.from({ length: 26 }, (_, i) => ({
      type: "button" as const,
      action_id: `a${i}`,
      text: { type: "plain_text" as const, text: `${i}` },
    }));
    const { error, messages } = await slackError(
      client.chat.postMessage({ channel: "CSAFETY", text: "x", blocks: [{ type: "actions", elements }] }),
    );
    expect(error).toBe("invalid_blocks");
    expect(messages).toContain("[ERROR] must provide an array with no more than 25 items [json-pointer:/blocks/0/elements]");
  });

  it("rejects a header over 150 characters", async () => {
    const blocks = [{ type: "header", text: { type: "plain_text", text: "标".repeat(151) } }];
    const { error, messages } = await slackError(client.chat.postMessage({ channel: "CSAFETY", text: "x", blocks }));
    expect(error).toBe("invalid_blocks");
    expect(messages).toContain("[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]");
  });

  it("rejects the same limits on chat.update, leaving the message as it was", async () => {
    const posted = await client.chat.postMessage({ channel: "CSAFETY", text: "original" });
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect((await slackError(client.chat.update({ channel: "CSAFETY", ts: posted.ts!, text: "x", blocks }))).error).toBe("invalid_blocks");
    expect(sandbox.store.message("CSAFETY", posted.ts!)?.text).toBe("original");
  });

  it("rejects a Home view over 100 blocks and a modal with a bad shape as invalid_arguments", async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: "divider" }));
    const home = await slackError(client.views.publish({ user_id: OFFICE, view: { type: "home", blocks } as never }));
    expect(home.error).toBe("invalid_arguments");
    expect(home.messages).toContain("[ERROR] must provide an array with no more than 100 items [json-pointer:/view/blocks]");
    const modal = await slackError(
      client.views.open({
        trigger_id: "1.2.3",
        view: { type: "modal", title: { type: "plain_text", text: "一个超过二十四个字符的非常非常长的对话框标题啊啊啊" }, blocks: [] },
      }),
    );
    expect(modal.error).toBe("invalid_arguments");
    expect(modal.messages).toContain("[ERROR] must be less than 25 characters [json-pointer:/view/title/text]");
  });

  it("rejects views.open with a trigger it never handed out", async () => {
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "报告" }, blocks: [] };
    expect((await slackError(client.views.open({ trigger_id: "12345.98765.abcd", view }))).error).toBe("invalid_trigger_id");
  });
});

describe("directory", () => {
  it("lists channel members including the bot, and users with their titles", async () => {
    const members = await client.conversations.members({ channel: "CCULTURE" });
    expect(members.members).toEqual([OFFICE, LIAISON, "U0REDLINE"]);
    const user = await client.users.info({ user: LIAISON });
    expect(user.user).toMatchObject({ id: LIAISON, real_name: "李文化", profile: { title: "文化部门联络员" } });
    expect((await slackError(client.users.info({ user: "UNOBODY" }))).error).toBe("user_not_found");
  });

  it("pages conversations.list with cursors, as the client's paginate() expects", async () => {
    const names: string[] = [];
    for await (const page of client.paginate("conversations.list", { types: "public_channel,private_channel", limit: 2 })) {
      names.push(...(page as unknown as { channels: { name: string }[] }).channels.map((c) => c.name));
    }
    expect(names).toEqual(["safety-office", "dept-culture", "heads-only"]);
  });
});

describe("file uploads (files.uploadV2)", () => {
  it("stores the bytes, posts them to the channel and serves them back", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("fake image body")]);
    const result = await client.files.uploadV2({
      channel_id: "CSAFETY",
      file: png,
      filename: "board.png",
      title: "本周进度",
      initial_comment: "每周汇总",
    });
    expect(result.ok).toBe(true);
    const message = sandbox.store.messages("CSAFETY").at(-1)!;
    expect(message.text).toBe("每周汇总");
    const file = sandbox.store.file(message.fileIds![0]!)!;
    expect(file).toMatchObject({ name: "board.png", title: "本周进度", mimetype: "image/png", completed: true });
    const served = await fetch(`${sandbox.url}/files/${file.id}/board.png`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const state = (await (await fetch(`${sandbox.url}/state?user=${OFFICE}&view=CSAFETY`)).json()) as { mainHtml: string };
    expect(state.mainHtml).toContain(`data-testid="message-image" class="thumb" src="${sandbox.url}/files/${file.id}/board.png"`);
  });

  it("refuses to complete an upload whose bytes never arrived", async () => {
    const { file_id } = await client.files.getUploadURLExternal({ filename: "x.csv", length: 10 });
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: file_id! }], channel_id: "CSAFETY" }))).error).toBe(
      "file_not_found",
    );
  });
});
