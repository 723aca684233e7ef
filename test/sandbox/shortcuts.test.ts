// Message shortcuts (the ⋯ menu): the payload the sandbox sends is checked with the schemas the real receiver and
// listener parse it with, so a shape they would refuse fails here.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HAZARD_SHORTCUT_CALLBACK } from "../../src/messages/hazards/ids.ts";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { parseManifest, readManifest } from "../../src/sandbox/manifest.ts";
import { renderChannel } from "../../src/sandbox/render/state.ts";
import { ZShortcutMessage } from "../../src/slack/listeners/shortcuts/hazard-shortcuts.ts";
import { checkPayload } from "../../src/slack/receiver/payload-shape.ts";
import { startFakeBot } from "./fake-bot.ts";
import { LIAISON, OFFICE, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let bot: Awaited<ReturnType<typeof startFakeBot>>;

beforeAll(async () => {
  const options = sandboxOptions();
  bot = await startFakeBot(options.signingSecret);
  sandbox = await createSandbox({ ...options, botUrl: bot.url, shortcuts: (await readManifest()).shortcuts });
});
afterAll(async () => {
  await sandbox.close();
  await bot.close();
});
afterEach(() => {
  bot.received.length = 0;
  bot.handle(() => {});
});

const render = (userId: string, channel: string) =>
  renderChannel(sandbox.store, userId, channel, { timeZone: "Asia/Shanghai", fileUrl: () => undefined });

describe("the app's shortcuts from its manifest", () => {
  it("reads 登记为隐患 as a message shortcut under the callback id the listener is registered for, and the bot's events", async () => {
    const manifest = await readManifest();
    expect(manifest.botEvents).toEqual(expect.arrayContaining(["app_mention", "message.channels", "message.im"]));
    expect(manifest.shortcuts).toEqual([
      {
        callbackId: HAZARD_SHORTCUT_CALLBACK,
        name: "登记为隐患",
        type: "message",
        description: "把这条消息登记为隐患 / register this message as a hazard",
      },
    ]);
    expect(parseManifest("display_information:\n  name: x\n")).toEqual({ shortcuts: [], botEvents: [] });
  });

  it("refuses a manifest whose shortcut has no callback id, naming the field", () => {
    const manifest = readFileSync(new URL("../../slack-app-manifest.yaml", import.meta.url), "utf8").replace(
      /callback_id: hazard_from_message/,
      "callback_id: ''",
    );
    expect(() => parseManifest(manifest)).toThrow(/features\.shortcuts\.0\.callback_id/);
  });
});

describe("message shortcuts (message_action)", () => {
  it("puts the shortcut on every message's ⋯ menu, never on an ephemeral one", async () => {
    await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "<b>KTV</b> 安全出口锁闭" });
    sandbox.store.addEphemeral({ channel: "CCULTURE", viewer: LIAISON, author: { kind: "bot" }, text: "仅你可见的提示" });
    const html = render(LIAISON, "CCULTURE");
    const articles = html.split('<article class="msg').slice(1);
    const userMessage = articles.find((a) => a.includes("安全出口锁闭"))!;
    expect(userMessage).toContain(`data-testid="message-shortcut" data-callback-id="${HAZARD_SHORTCUT_CALLBACK}"`);
    expect(userMessage).toContain("登记为隐患");
    // The person's text is shown as text, never as markup.
    expect(userMessage).toContain("&lt;b&gt;KTV&lt;/b&gt;");
    const ephemeral = articles.find((a) => a.includes("仅你可见的提示"))!;
    expect(ephemeral).not.toContain("message-shortcut");
  });

  it("sends Slack's message_action with the whole message, a trigger and a response_url, which the receiver and listener accept", async () => {
    const posted = await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "网吧 & 消防通道堵塞 <@UOFFICE1>" });
    expect(posted.delivered).toBe(false); // a plain message reaches no bot
    const message = sandbox.store.messages("CCULTURE").at(-1)!;
    const result = await sandbox.act.messageShortcut({
      userId: OFFICE,
      channel: "CCULTURE",
      messageTs: message.ts,
      callbackId: HAZARD_SHORTCUT_CALLBACK,
    });
    expect(result).toMatchObject({ delivered: true, status: 200 });
    expect(bot.rejected).toBe(0);
    const request = bot.received[0];
    const payload = request?.kind === "interactive" ? request.payload : {};
    expect(checkPayload(payload)).toEqual({ ok: true, surface: "shortcut", kind: "message_action" });
    expect(payload).toMatchObject({
      type: "message_action",
      callback_id: HAZARD_SHORTCUT_CALLBACK,
      user: { id: OFFICE, team_id: "T0SANDBOX" },
      team: { id: "T0SANDBOX", domain: "redline-sandbox" },
      channel: { id: "CCULTURE", name: "dept-culture" },
      message_ts: message.ts,
      message: { type: "message", ts: message.ts, user: LIAISON, text: message.text },
    });
    expect(ZShortcutMessage.safeParse(payload.message).success).toBe(true);
    expect(payload.response_url).toMatch(new RegExp(`^${sandbox.url}/respond/`));
    // The trigger opens one modal, for the person who used the shortcut.
    expect(sandbox.store.useTrigger(payload.trigger_id)).toEqual({ userId: OFFICE });
  });

  it("answers through the response_url privately to the person, as a refusal from the listener would", async () => {
    let responseUrl = "";
    bot.handle((r) => {
      if (r.kind === "interactive") responseUrl = r.payload.response_url;
    });
    const message = sandbox.store.messages("CCULTURE").at(-1)!;
    await sandbox.act.messageShortcut({ userId: OFFICE, channel: "CCULTURE", messageTs: message.ts, callbackId: HAZARD_SHORTCUT_CALLBACK });
    const res = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "您不能登记隐患。" }),
    });
    expect(res.status).toBe(200);
    expect(render(OFFICE, "CCULTURE")).toContain("您不能登记隐患。");
    expect(render(LIAISON, "CCULTURE")).not.toContain("您不能登记隐患。");
  });

  it("refuses a shortcut the app does not have, or a message that is not there, without bothering the bot", async () => {
    const message = sandbox.store.messages("CCULTURE").at(-1)!;
    await expect(
      sandbox.act.messageShortcut({ userId: OFFICE, channel: "CCULTURE", messageTs: message.ts, callbackId: "no_such_shortcut" }),
    ).rejects.toMatchObject({ userMessage: { zh: "没有这个消息快捷方式：no_such_shortcut" } });
    await expect(
      sandbox.act.messageShortcut({ userId: OFFICE, channel: "CCULTURE", messageTs: "1.000001", callbackId: HAZARD_SHORTCUT_CALLBACK }),
    ).rejects.toMatchObject({ userMessage: { en: "No such message: 1.000001" } });
    const res = await fetch(`${sandbox.url}/sandbox/shortcut`, {
      method: "POST",
      body: JSON.stringify({ user: OFFICE, channel: "CCULTURE", messageTs: message.ts, callbackId: "nope" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ zh: "没有这个消息快捷方式：nope", en: "No such message shortcut: nope" });
    expect(bot.received).toHaveLength(0);
  });

  it("tells the person when the bot did not take the shortcut", async () => {
    bot.handle(() => ({ status: 500 }));
    const message = sandbox.store.messages("CCULTURE").at(-1)!;
    const result = await sandbox.act.messageShortcut({
      userId: LIAISON,
      channel: "CCULTURE",
      messageTs: message.ts,
      callbackId: HAZARD_SHORTCUT_CALLBACK,
    });
    expect(result.delivered).toBe(false);
    expect(render(LIAISON, "CCULTURE")).toContain("“登记为隐患”没有送达 redline");
  });
});
