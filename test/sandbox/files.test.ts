// Files people upload in the sandbox: a modal's file picker (file_input) and the message box. What the bot receives
// is parsed with the schemas the real listeners use; what the page shows is read from its HTML.
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPORT_FIELDS } from "../../src/messages/hazards/ids.ts";
import { readFiles } from "../../src/messages/hazards/report-modal.ts";
import { ZViewStateValues } from "../../src/messages/modal-state.ts";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { readManifest } from "../../src/sandbox/manifest.ts";
import { FILE_INPUT_MAX_BYTES } from "../../src/sandbox/person-files.ts";
import { renderModal } from "../../src/sandbox/render/state.ts";
import { renderChannel } from "../../src/sandbox/render/state.ts";
import { ZShortcutMessage } from "../../src/slack/listeners/shortcuts/hazard-shortcuts.ts";
import { checkPayload } from "../../src/slack/receiver/payload-shape.ts";
import { startFakeBot } from "./fake-bot.ts";
import { LIAISON, OFFICE, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let bot: Awaited<ReturnType<typeof startFakeBot>>;
let client: WebClient;
let botToken: string;

/** The smallest PNG: its signature and IHDR are enough for the type the sandbox decides by the bytes. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR-and-some-pixels")]);
const PDF = Buffer.from("%PDF-1.7\n%sandbox\n");

beforeAll(async () => {
  const options = sandboxOptions();
  botToken = options.botToken;
  bot = await startFakeBot(options.signingSecret);
  sandbox = await createSandbox({ ...options, botUrl: bot.url, shortcuts: (await readManifest()).shortcuts });
  client = new WebClient(options.botToken, { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterAll(async () => {
  await sandbox.close();
  await bot.close();
});
afterEach(() => {
  bot.received.length = 0;
  bot.handle(() => {});
});

const fileUrl = (id: string) => `${sandbox.url}/files/${id}`;
const render = (userId: string, channel: string) => renderChannel(sandbox.store, userId, channel, { timeZone: "Asia/Shanghai", fileUrl });

const upload = (user: string, name: string, body: Buffer) =>
  fetch(`${sandbox.url}/sandbox/upload?user=${user}&name=${encodeURIComponent(name)}`, { method: "POST", body: new Uint8Array(body) });

/** A registration-like form: a required photo input of at most two images, and a note. */
const photoForm = {
  type: "modal",
  callback_id: "photo_form",
  title: { type: "plain_text", text: "登记隐患" },
  submit: { type: "plain_text", text: "登记" },
  blocks: [
    {
      type: "input",
      block_id: REPORT_FIELDS.photos.block,
      label: { type: "plain_text", text: "现场照片" },
      element: { type: "file_input", action_id: REPORT_FIELDS.photos.action, filetypes: ["jpg", "png"], max_files: 2 },
    },
    {
      type: "input",
      block_id: "note",
      optional: true,
      label: { type: "plain_text", text: "备注" },
      element: { type: "plain_text_input", action_id: "v" },
    },
  ],
};

async function openPhotoForm(userId: string) {
  bot.handle(async (r) => {
    if (r.kind === "command") await client.views.open({ trigger_id: r.fields.trigger_id!, view: photoForm as never });
  });
  await sandbox.act.slashCommand({ userId, channel: "CCULTURE", text: "隐患 登记" });
  const modal = await sandbox.waitFor(() => sandbox.store.topModal(userId));
  bot.received.length = 0;
  return modal;
}

describe("uploading a file from the page", () => {
  it("stores the bytes under the person's name, typed by their content, and serves them so nothing runs in the page", async () => {
    const res = await upload(LIAISON, "现场 1.png", PNG);
    expect(res.status).toBe(200);
    const { file } = await res.json();
    expect(file).toMatchObject({ name: "现场 1.png", mimetype: "image/png", size: PNG.length, thumbnail: true });
    expect(sandbox.store.file(file.id)).toMatchObject({ userId: LIAISON, completed: true });
    const served = await fetch(file.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(served.headers.get("content-disposition")).toMatch(/^inline/);

    // A page or SVG someone uploads is served as a download, never as a document of the sandbox's origin.
    const svg = await (
      await upload(LIAISON, "x.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))
    ).json();
    expect(svg.file).toMatchObject({ mimetype: "image/svg+xml", thumbnail: false });
    expect((await fetch(svg.file.url)).headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("refuses a file over Slack's 10 MB, an empty one and an unknown person with a bilingual error, storing nothing", async () => {
    const before = sandbox.store.files().length;
    const big = await upload(LIAISON, "big.jpg", Buffer.alloc(FILE_INPUT_MAX_BYTES + 1, 1));
    expect(big.status).toBe(400);
    expect((await big.json()).error).toEqual({
      zh: "文件超过 Slack 的 10 MB 上限，无法上传。",
      en: "The file is over Slack's 10 MB limit and cannot be uploaded.",
    });
    const empty = await upload(LIAISON, "empty.png", Buffer.alloc(0));
    expect((await empty.json()).error).toEqual({ zh: "“empty.png”是空文件。", en: "“empty.png” is empty." });
    const nobody = await upload("UNOBODY", "a.png", PNG);
    expect((await nobody.json()).error.zh).toBe("没有这个用户：UNOBODY");
    expect(sandbox.store.files().length).toBe(before);
  });
});

describe("file_input in a modal", () => {
  it("renders a file picker with the element's types as a hint and its limit", async () => {
    const modal = await openPhotoForm(LIAISON);
    const html = renderModal(sandbox.store, modal, 1, { timeZone: "Asia/Shanghai", fileUrl });
    expect(html).toContain(`data-type="file_input" data-block-id="${REPORT_FIELDS.photos.block}"`);
    expect(html).toContain('data-testid="file-picker" multiple accept=".jpg,.png"');
    expect(html).toContain("最多 2 个");
    await sandbox.act.closeView({ userId: LIAISON });
  });

  it("sends the uploaded files in view_submission as Slack does, readable by the listener's schema, downloadable by the bot", async () => {
    const modal = await openPhotoForm(LIAISON);
    const photo = sandbox.act.uploadFile({ userId: LIAISON, name: "厨房.png", data: PNG });
    const result = await sandbox.act.submitView({
      userId: LIAISON,
      viewId: modal.id,
      values: { [REPORT_FIELDS.photos.block]: { [REPORT_FIELDS.photos.action]: [photo.id] } },
    });
    expect(result).toMatchObject({ delivered: true, status: 200 });
    const request = bot.received[0];
    const payload = request?.kind === "interactive" ? request.payload : {};
    expect(checkPayload(payload)).toMatchObject({ ok: true, kind: "view_submission" });
    expect(payload.view.state.values[REPORT_FIELDS.photos.block][REPORT_FIELDS.photos.action]).toMatchObject({
      type: "file_input",
      files: [
        { id: photo.id, name: "厨房.png", title: "厨房.png", mimetype: "image/png", filetype: "png", size: PNG.length, user: LIAISON },
      ],
    });
    const values = ZViewStateValues.parse(payload.view.state.values);
    const [file] = readFiles(values, REPORT_FIELDS.photos);
    expect(file).toMatchObject({ slackFileId: photo.id, name: "厨房.png", mimetype: "image/png" });
    expect(file!.permalink).toMatch(new RegExp(`^${sandbox.url}/files/${photo.id}/`));

    // What the bot's delivery.readFile does: files.info, then url_private with its token.
    const info = await client.files.info({ file: photo.id });
    expect(info.file).toMatchObject({ id: photo.id, size: PNG.length });
    const bytes = await fetch(info.file!.url_private_download!, { headers: { authorization: `Bearer ${botToken}` } });
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("keeps a required picker left empty, or too many files, from reaching the bot, as Slack's client does", async () => {
    const modal = await openPhotoForm(LIAISON);
    const empty = await sandbox.act.submitView({ userId: LIAISON, viewId: modal.id, values: {} });
    expect(empty.errors).toEqual({ [REPORT_FIELDS.photos.block]: "请填写此字段。(Please fill out this field.)" });
    const three = ["a.png", "b.png", "c.png"].map((name) => sandbox.act.uploadFile({ userId: LIAISON, name, data: PNG }).id);
    const tooMany = await sandbox.act.submitView({
      userId: LIAISON,
      viewId: modal.id,
      values: { [REPORT_FIELDS.photos.block]: { [REPORT_FIELDS.photos.action]: three } },
    });
    expect(tooMany.errors).toEqual({ [REPORT_FIELDS.photos.block]: "最多上传 2 个文件。(At most 2 files.)" });
    expect(bot.received).toHaveLength(0);
    await sandbox.act.closeView({ userId: LIAISON });
  });

  it("passes a file of a type the element does not list on to the bot: filetypes is a hint, the bot's own check decides", async () => {
    const modal = await openPhotoForm(LIAISON);
    const pdf = sandbox.act.uploadFile({ userId: LIAISON, name: "整改方案.pdf", data: PDF });
    bot.handle(() => ({ body: { response_action: "errors", errors: { [REPORT_FIELDS.photos.block]: "“整改方案.pdf”不是图片。" } } }));
    const result = await sandbox.act.submitView({
      userId: LIAISON,
      viewId: modal.id,
      values: { [REPORT_FIELDS.photos.block]: { [REPORT_FIELDS.photos.action]: [pdf.id] } },
    });
    expect(result.errors).toEqual({ [REPORT_FIELDS.photos.block]: "“整改方案.pdf”不是图片。" });
    const html = renderModal(sandbox.store, sandbox.store.topModal(LIAISON)!, 1, { timeZone: "Asia/Shanghai", fileUrl });
    expect(html).toContain("“整改方案.pdf”不是图片。");
    await sandbox.act.closeView({ userId: LIAISON });
  });

  it("refuses a file another person uploaded, without bothering the bot", async () => {
    const modal = await openPhotoForm(LIAISON);
    const theirs = sandbox.act.uploadFile({ userId: OFFICE, name: "office.png", data: PNG });
    await expect(
      sandbox.act.submitView({
        userId: LIAISON,
        viewId: modal.id,
        values: { [REPORT_FIELDS.photos.block]: { [REPORT_FIELDS.photos.action]: [theirs.id] } },
      }),
    ).rejects.toMatchObject({ userMessage: { zh: `没有这个文件：${theirs.id}` } });
    expect(bot.received).toHaveLength(0);
    await sandbox.act.closeView({ userId: LIAISON });
  });
});

describe("files in the channel", () => {
  it("posts a person's message with photos, shown as thumbnails (a PDF as a link), and a shortcut on it carries the files", async () => {
    const photo = sandbox.act.uploadFile({ userId: LIAISON, name: "<b>出口<b>.png", data: PNG });
    const pdf = sandbox.act.uploadFile({ userId: LIAISON, name: "检查记录.pdf", data: PDF });
    await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "KTV 安全出口锁闭", fileIds: [photo.id, pdf.id] });
    const message = sandbox.store.messages("CCULTURE").at(-1)!;
    const html = render(OFFICE, "CCULTURE");
    expect(html).toContain(`<img data-testid="message-image" class="thumb" src="${fileUrl(photo.id)}"`);
    expect(html).toContain("&lt;b&gt;出口&lt;b&gt;.png");
    expect(html).not.toContain("<b>出口");
    expect(html).toContain(`data-testid="message-file" href="${fileUrl(pdf.id)}"`);

    await sandbox.act.messageShortcut({ userId: LIAISON, channel: "CCULTURE", messageTs: message.ts, callbackId: "hazard_from_message" });
    const request = bot.received.at(-1);
    const payload = request?.kind === "interactive" ? request.payload : {};
    const parsed = ZShortcutMessage.parse(payload.message);
    expect(parsed.files?.map((f) => [f.id, f.name, f.mimetype])).toEqual([
      [photo.id, "<b>出口<b>.png", "image/png"],
      [pdf.id, "检查记录.pdf", "application/pdf"],
    ]);
  });

  it("escapes what a person types as Slack does (&, <, >), and shows it as text", async () => {
    await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "A & B <script>x</script>" });
    expect(sandbox.store.messages("CCULTURE").at(-1)!.text).toBe("A &amp; B &lt;script&gt;x&lt;/script&gt;");
    expect(render(OFFICE, "CCULTURE")).toContain("A &amp; B &lt;script&gt;x&lt;/script&gt;");
  });

  it("shows the bot's image blocks naming a file it holds as thumbnails, and refuses one naming a file there is not", async () => {
    const photo = sandbox.act.uploadFile({ userId: LIAISON, name: "整改后.png", data: PNG });
    const posted = await client.chat.postMessage({
      channel: "CCULTURE",
      text: "整改后照片",
      blocks: [{ type: "image", slack_file: { id: photo.id }, alt_text: "整改后.png", title: { type: "plain_text", text: "整改后.png" } }],
    });
    expect(posted.ok).toBe(true);
    expect(render(OFFICE, "CCULTURE")).toContain(
      `<a href="${fileUrl(photo.id)}" target="_blank" rel="noopener noreferrer"><img class="bk-image-img thumb" src="${fileUrl(photo.id)}"`,
    );
    await expect(
      client.chat.postMessage({ channel: "CCULTURE", text: "x", blocks: [{ type: "image", slack_file: { id: "F0NOPE" }, alt_text: "x" }] }),
    ).rejects.toMatchObject({
      data: { error: "invalid_blocks", errors: ["[ERROR] invalid slack file: F0NOPE [json-pointer:/blocks/0/slack_file]"] },
    });
  });
});

describe("a person's channel message, as the app's event subscriptions say", () => {
  it("reaches a bot subscribed to message.channels / message.groups as a message event, with files as file_share", async () => {
    const options = sandboxOptions();
    const listener = await startFakeBot(options.signingSecret);
    const subscribed = await createSandbox({ ...options, botUrl: listener.url, botEvents: (await readManifest()).botEvents });
    try {
      const yaml = subscribed.act.uploadFile({ userId: OFFICE, name: "summer.yaml", data: Buffer.from("id: summer\n") });
      const shared = await subscribed.act.typeMessage({ userId: OFFICE, channel: "CSAFETY", text: "新模板", fileIds: [yaml.id] });
      expect(shared).toEqual({ delivered: true, status: 200 });
      const envelope = listener.received[0]?.kind === "event" ? listener.received[0].envelope : {};
      expect(checkPayload(envelope)).toMatchObject({ ok: true, kind: "event_callback" });
      expect(envelope.event).toMatchObject({
        type: "message",
        subtype: "file_share",
        channel: "CSAFETY",
        channel_type: "channel",
        user: OFFICE,
        text: "新模板",
        files: [{ id: yaml.id, name: "summer.yaml", size: 11, url_private: expect.stringContaining(`/files/${yaml.id}/`) }],
      });
      // A private channel is message.groups; a mention is sent as app_mention as well, as Slack does.
      await subscribed.act.typeMessage({ userId: OFFICE, channel: "CPRIVATE", text: "@redline 你好" });
      const events = listener.received.slice(1).map((r) => (r.kind === "event" ? r.envelope.event : {}));
      expect(events.map((e) => [e.type, e.channel_type ?? null, e.subtype ?? null])).toEqual([
        ["message", "group", null],
        ["app_mention", null, null],
      ]);
    } finally {
      await subscribed.close();
      await listener.close();
    }
  });

  it("reaches no bot when it subscribes only to mentions (the default)", async () => {
    const result = await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "只是聊天" });
    expect(result.delivered).toBe(false);
    expect(bot.received).toHaveLength(0);
  });
});
