import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { renderChannel } from "../../src/sandbox/render/state.ts";
import { startFakeBot } from "./fake-bot.ts";
import { LIAISON, OFFICE, OUTSIDER, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let bot: Awaited<ReturnType<typeof startFakeBot>>;
let client: WebClient;

beforeAll(async () => {
  const options = sandboxOptions();
  bot = await startFakeBot(options.signingSecret);
  sandbox = await createSandbox({ ...options, botUrl: bot.url });
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

const render = (userId: string, channel: string) =>
  renderChannel(sandbox.store, userId, channel, { timeZone: "Asia/Shanghai", fileUrl: () => undefined });

const launchBlocks = [
  { type: "header", text: { type: "plain_text", text: "夏季消防安全专项行动" } },
  {
    type: "actions",
    block_id: "campaign:42",
    elements: [
      {
        type: "button",
        action_id: "campaign.ack",
        text: { type: "plain_text", text: "收到 (Acknowledge)" },
        value: "42:culture",
        style: "primary",
      },
      {
        type: "button",
        action_id: "campaign.pledge",
        text: { type: "plain_text", text: "签署承诺 (Sign pledge)" },
        value: "42:culture:pledge",
      },
    ],
  },
];

describe("slash commands", () => {
  it("sends a signed command the bot can verify, and shows what the bot posts", async () => {
    bot.handle(async (r) => {
      if (r.kind !== "command") return;
      await client.chat.postMessage({ channel: r.fields.channel_id!, text: `文化部门牵头：${r.fields.text}` });
    });
    const result = await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "/redline who-leads KTV" });
    expect(result).toMatchObject({ delivered: true, status: 200 });
    expect(bot.rejected).toBe(0);
    const [request] = bot.received;
    expect(request?.kind).toBe("command");
    const fields = request?.kind === "command" ? request.fields : {};
    expect(fields).toMatchObject({
      command: "/redline",
      text: "who-leads KTV",
      user_id: LIAISON,
      user_name: "li.culture",
      channel_id: "CCULTURE",
      channel_name: "dept-culture",
      team_id: "T0SANDBOX",
      api_app_id: "A0REDLINE",
    });
    expect(fields.response_url).toMatch(new RegExp(`^${sandbox.url}/respond/`));
    expect(fields.trigger_id).toBeTruthy();
    expect(render(OFFICE, "CCULTURE")).toContain("文化部门牵头：who-leads KTV");
  });

  it("shows the acknowledgement text as an ephemeral message to the person who typed the command", async () => {
    bot.handle(() => ({ body: "用法：/redline who-leads <场所>" }));
    await sandbox.act.slashCommand({ userId: LIAISON, channel: "CCULTURE", text: "help" });
    expect(render(LIAISON, "CCULTURE")).toContain("用法：/redline who-leads &lt;场所&gt;");
    expect(render(OFFICE, "CCULTURE")).not.toContain("用法");
  });

  it("posts an in_channel acknowledgement for everyone", async () => {
    bot.handle(() => ({ body: { response_type: "in_channel", text: "大家好 (in channel)" } }));
    await sandbox.act.slashCommand({ userId: LIAISON, channel: "CCULTURE", text: "hello" });
    expect(render(OUTSIDER, "CCULTURE")).toContain("大家好 (in channel)");
  });

  it("delivers respond() through the response_url: ephemeral by default, in_channel on request", async () => {
    let responseUrl = "";
    bot.handle((r) => {
      if (r.kind === "command") responseUrl = r.fields.response_url!;
    });
    await sandbox.act.slashCommand({ userId: LIAISON, channel: "CCULTURE", text: "status" });
    const post = (body: object) =>
      fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ text: "稍后回复 (later, private)" })).status).toBe(200);
    expect((await post({ text: "公开回复 (later, public)", response_type: "in_channel" })).status).toBe(200);
    expect(render(LIAISON, "CCULTURE")).toContain("稍后回复");
    expect(render(OFFICE, "CCULTURE")).not.toContain("稍后回复");
    expect(render(OFFICE, "CCULTURE")).toContain("公开回复");
    const tooBig = await post({ blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ ok: false, error: "invalid_blocks" });
  });

  it("tells the person when the bot rejects the request, as Slack does", async () => {
    const impostor = await startFakeBot("sandbox-a-different-secret");
    sandbox.setBotUrl(impostor.url);
    try {
      const result = await sandbox.act.slashCommand({ userId: OFFICE, channel: "CSAFETY", text: "help" });
      expect(result).toMatchObject({ delivered: false, status: 401, failure: "http_401" });
      expect(impostor.rejected).toBe(1);
      expect(render(OFFICE, "CSAFETY")).toContain("/redline 失败：http_401");
    } finally {
      sandbox.setBotUrl(bot.url);
      await impostor.close();
    }
  });

  it("answers an unknown slash command without bothering the bot", async () => {
    const result = await sandbox.act.typeMessage({ userId: OFFICE, channel: "CSAFETY", text: "/giphy fire" });
    expect(result.failure).toBe("unknown_command");
    expect(bot.received).toHaveLength(0);
  });
});

describe("mentions and Home", () => {
  it("posts the person's message and sends app_mention in an Events API envelope", async () => {
    const result = await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "@redline 养老院归哪个部门牵头？" });
    expect(result.delivered).toBe(true);
    const request = bot.received[0];
    expect(request?.kind).toBe("event");
    const envelope = request?.kind === "event" ? request.envelope : {};
    expect(envelope).toMatchObject({ type: "event_callback", team_id: "T0SANDBOX", api_app_id: "A0REDLINE" });
    expect(envelope.event).toMatchObject({
      type: "app_mention",
      user: LIAISON,
      channel: "CCULTURE",
      text: "<@U0REDLINE> 养老院归哪个部门牵头？",
    });
    expect(sandbox.store.message("CCULTURE", envelope.event.ts)?.author).toEqual({ kind: "user", userId: LIAISON });
  });

  it("sends message.im for a message in the DM with the bot, opening the DM on first use", async () => {
    const result = await sandbox.act.typeMessage({ userId: OUTSIDER, channel: "DOUTSIDE1", text: "你好" });
    expect(result.delivered).toBe(true);
    const envelope = bot.received[0]?.kind === "event" ? bot.received[0].envelope : {};
    expect(envelope.event).toMatchObject({ type: "message", channel_type: "im", channel: "DOUTSIDE1", user: OUTSIDER, text: "你好" });
    expect(render(OUTSIDER, "DOUTSIDE1")).toContain("你好");
  });

  it("sends app_home_opened and shows the Home view the bot publishes for that person", async () => {
    bot.handle(async (r) => {
      if (r.kind !== "event" || r.envelope.event.type !== "app_home_opened") return;
      await client.views.publish({
        user_id: r.envelope.event.user,
        view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*本部门待办* (open tasks)" } }] },
      });
    });
    await sandbox.act.openHome({ userId: LIAISON });
    expect(bot.received[0]?.kind === "event" && bot.received[0].envelope.event).toMatchObject({
      type: "app_home_opened",
      user: LIAISON,
      tab: "home",
    });
    expect(sandbox.store.home(LIAISON)?.view.blocks).toHaveLength(1);
    expect(sandbox.store.home(OFFICE)).toBeUndefined();
  });
});

describe("buttons (block_actions)", () => {
  it("sends Slack's block_actions payload and shows chat.update in place", async () => {
    const posted = await client.chat.postMessage({ channel: "CCULTURE", text: "夏季消防安全专项行动", blocks: launchBlocks as never });
    bot.handle(async (r) => {
      if (r.kind !== "interactive") return;
      await client.chat.update({
        channel: r.payload.channel.id,
        ts: r.payload.message.ts,
        text: "已确认",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "✅ 李文化 已确认收到" } }],
      });
    });
    await sandbox.act.click({ userId: LIAISON, channel: "CCULTURE", messageTs: posted.ts!, actionId: "campaign.ack" });
    const request = bot.received[0];
    const payload = request?.kind === "interactive" ? request.payload : {};
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: LIAISON, username: "li.culture", team_id: "T0SANDBOX" },
      team: { id: "T0SANDBOX" },
      api_app_id: "A0REDLINE",
      channel: { id: "CCULTURE", name: "dept-culture" },
      container: { type: "message", message_ts: posted.ts, channel_id: "CCULTURE", is_ephemeral: false },
      message: { ts: posted.ts, bot_id: "B0REDLINE", text: "夏季消防安全专项行动" },
      actions: [
        {
          type: "button",
          action_id: "campaign.ack",
          block_id: "campaign:42",
          value: "42:culture",
          style: "primary",
          text: { type: "plain_text", text: "收到 (Acknowledge)" },
        },
      ],
    });
    expect(payload.response_url).toMatch(/\/respond\//);
    expect(payload.trigger_id).toBeTruthy();
    expect(payload.message.blocks).toHaveLength(2);
    const html = render(OFFICE, "CCULTURE");
    expect(html).toContain("✅ 李文化 已确认收到");
    expect(html).not.toContain("签署承诺 (Sign pledge)");
  });

  it("leaves out the message for an ephemeral one and lets respond() replace it", async () => {
    const { message_ts } = await client.chat.postEphemeral({
      channel: "CCULTURE",
      user: LIAISON,
      text: "确认？",
      blocks: launchBlocks as never,
    });
    bot.handle(async (r) => {
      if (r.kind !== "interactive") return;
      await fetch(r.payload.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ replace_original: true, text: "已处理 (done)" }),
      });
    });
    await sandbox.act.click({ userId: LIAISON, channel: "CCULTURE", messageTs: message_ts!, actionId: "campaign.pledge" });
    const payload = bot.received[0]?.kind === "interactive" ? bot.received[0].payload : {};
    expect(payload.message).toBeUndefined();
    expect(payload.container).toMatchObject({ type: "message", message_ts, is_ephemeral: true });
    expect(sandbox.store.ephemeral(LIAISON, message_ts!)?.text).toBe("已处理 (done)");
    expect(sandbox.store.ephemeral(LIAISON, message_ts!)?.blocks).toBeUndefined();
  });

  it("refuses a click on a button the message does not have", async () => {
    const posted = await client.chat.postMessage({ channel: "CCULTURE", text: "x", blocks: launchBlocks as never });
    await expect(
      sandbox.act.click({ userId: LIAISON, channel: "CCULTURE", messageTs: posted.ts!, actionId: "nope" }),
    ).rejects.toMatchObject({ code: "input_invalid" });
    expect(bot.received).toHaveLength(0);
  });
});

describe("modals (view_submission)", () => {
  const reportView = {
    type: "modal" as const,
    callback_id: "report.submit",
    private_metadata: "42:culture",
    title: { type: "plain_text" as const, text: "整改报告" },
    submit: { type: "plain_text" as const, text: "提交" },
    blocks: [
      {
        type: "input",
        block_id: "status",
        label: { type: "plain_text", text: "状态" },
        element: {
          type: "static_select",
          action_id: "v",
          options: [
            { text: { type: "plain_text", text: "已完成" }, value: "done" },
            { text: { type: "plain_text", text: "进行中" }, value: "in_progress" },
          ],
        },
      },
      {
        type: "input",
        block_id: "found",
        label: { type: "plain_text", text: "发现隐患" },
        element: { type: "number_input", action_id: "v", is_decimal_allowed: false, min_value: "0" },
      },
      {
        type: "input",
        block_id: "held_on",
        label: { type: "plain_text", text: "日期" },
        element: { type: "datepicker", action_id: "v", initial_date: "2025-05-26" },
      },
      { type: "input", block_id: "head", label: { type: "plain_text", text: "负责人" }, element: { type: "users_select", action_id: "v" } },
      {
        type: "input",
        block_id: "kinds",
        optional: true,
        label: { type: "plain_text", text: "类别" },
        element: {
          type: "checkboxes",
          action_id: "v",
          options: [
            { text: { type: "plain_text", text: "消防" }, value: "fire" },
            { text: { type: "plain_text", text: "电气" }, value: "electric" },
          ],
        },
      },
      {
        type: "input",
        block_id: "level",
        optional: true,
        label: { type: "plain_text", text: "级别" },
        element: {
          type: "radio_buttons",
          action_id: "v",
          options: [
            { text: { type: "plain_text", text: "一般" }, value: "minor" },
            { text: { type: "plain_text", text: "重大" }, value: "major" },
          ],
        },
      },
      {
        type: "input",
        block_id: "note",
        optional: true,
        label: { type: "plain_text", text: "备注" },
        element: { type: "plain_text_input", action_id: "v", multiline: true },
      },
    ],
  };

  async function openReport(userId: string): Promise<string> {
    bot.handle(async (r) => {
      if (r.kind === "command") await client.views.open({ trigger_id: r.fields.trigger_id!, view: reportView as never });
    });
    await sandbox.act.slashCommand({ userId, channel: "CCULTURE", text: "report" });
    const modal = sandbox.store.topModal(userId);
    if (!modal) throw new Error("no modal opened");
    bot.received.length = 0;
    return modal.id;
  }

  it("opens a modal with a trigger_id, sends state.values in Slack's shapes, and shows the bot's errors on it", async () => {
    const viewId = await openReport(LIAISON);
    bot.handle((r) =>
      r.kind === "interactive" ? { body: { response_action: "errors", errors: { found: "发现的隐患数不能少于已整改数" } } } : undefined,
    );
    const values = {
      status: { v: "done" },
      found: { v: "3" },
      head: { v: OFFICE },
      kinds: { v: ["fire", "electric"] },
      level: { v: "major" },
      note: { v: "已上报" },
    };
    const result = await sandbox.act.submitView({ userId: LIAISON, viewId, values });
    expect(result.errors).toEqual({ found: "发现的隐患数不能少于已整改数" });
    const payload = bot.received[0]?.kind === "interactive" ? bot.received[0].payload : {};
    expect(payload).toMatchObject({
      type: "view_submission",
      user: { id: LIAISON },
      view: { id: viewId, callback_id: "report.submit", private_metadata: "42:culture" },
    });
    expect(payload.view.state.values).toEqual({
      status: { v: { type: "static_select", selected_option: { text: { type: "plain_text", text: "已完成" }, value: "done" } } },
      found: { v: { type: "number_input", value: "3" } },
      held_on: { v: { type: "datepicker", selected_date: "2025-05-26" } },
      head: { v: { type: "users_select", selected_user: OFFICE } },
      kinds: {
        v: {
          type: "checkboxes",
          selected_options: [
            { text: { type: "plain_text", text: "消防" }, value: "fire" },
            { text: { type: "plain_text", text: "电气" }, value: "electric" },
          ],
        },
      },
      level: { v: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "重大" }, value: "major" } } },
      note: { v: { type: "plain_text_input", value: "已上报" } },
    });
    expect(sandbox.store.topModal(LIAISON)?.errors).toEqual({ found: "发现的隐患数不能少于已整改数" });
    const state = (await (await fetch(`${sandbox.url}/state?user=${LIAISON}&view=CCULTURE`)).json()) as { modal: { html: string } };
    expect(state.modal.html).toContain('data-testid="modal-error" data-block-id="found">发现的隐患数不能少于已整改数');

    bot.handle(() => ({}));
    await sandbox.act.submitView({ userId: LIAISON, viewId, values: { ...values, found: { v: "5" } } });
    expect(sandbox.store.topModal(LIAISON)).toBeUndefined();
  });

  it("keeps a required field from being sent empty, as Slack's client does", async () => {
    const viewId = await openReport(OFFICE);
    const result = await sandbox.act.submitView({ userId: OFFICE, viewId, values: { status: { v: "done" }, found: { v: "1.5" } } });
    expect(bot.received).toHaveLength(0);
    expect(result.errors).toMatchObject({ found: expect.stringContaining("整数"), head: expect.stringContaining("请填写此字段") });
    expect(result.errors).not.toHaveProperty("held_on");
    expect(result.errors).not.toHaveProperty("note");
    await sandbox.act.closeView({ userId: OFFICE });
  });

  it("follows response_action update and clear", async () => {
    const viewId = await openReport(LIAISON);
    const values = { status: { v: "done" }, found: { v: "1" }, head: { v: OFFICE } };
    bot.handle(() => ({
      body: {
        response_action: "update",
        view: {
          type: "modal",
          title: { type: "plain_text", text: "已提交" },
          blocks: [{ type: "section", text: { type: "mrkdwn", text: "谢谢" } }],
        },
      },
    }));
    await sandbox.act.submitView({ userId: LIAISON, viewId, values });
    expect(sandbox.store.topModal(LIAISON)).toMatchObject({ id: viewId, view: { title: { text: "已提交" } } });
    bot.handle(() => ({ body: { response_action: "clear" } }));
    await sandbox.act.submitView({ userId: LIAISON, viewId, values: {} });
    expect(sandbox.store.modalStack(LIAISON)).toEqual([]);
  });

  it("sends block_actions from a button inside a modal with the view and its current state", async () => {
    bot.handle(async (r) => {
      if (r.kind === "command") {
        await client.views.open({
          trigger_id: r.fields.trigger_id!,
          view: {
            type: "modal",
            title: { type: "plain_text", text: "签到" },
            submit: { type: "plain_text", text: "提交" },
            blocks: [
              {
                type: "input",
                block_id: "role",
                label: { type: "plain_text", text: "身份" },
                element: { type: "plain_text_input", action_id: "v" },
              },
              { type: "actions", elements: [{ type: "button", action_id: "signin.add", text: { type: "plain_text", text: "添加" } }] },
            ],
          },
        });
      }
    });
    await sandbox.act.slashCommand({ userId: LIAISON, channel: "CCULTURE", text: "signin" });
    const view = sandbox.store.topModal(LIAISON)!;
    bot.received.length = 0;
    await sandbox.act.click({ userId: LIAISON, viewId: view.id, actionId: "signin.add", values: { role: { v: "副局长" } } });
    const payload = bot.received[0]?.kind === "interactive" ? bot.received[0].payload : {};
    expect(payload).toMatchObject({
      type: "block_actions",
      container: { type: "view", view_id: view.id },
      view: { id: view.id, state: { values: { role: { v: { type: "plain_text_input", value: "副局长" } } } } },
    });
    expect(payload.response_url).toBeUndefined();
    await sandbox.act.closeView({ userId: LIAISON });
  });
});
