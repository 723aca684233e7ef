// The same Bolt app code that serves real Slack, pointed at the sandbox: if Bolt routes and answers these, the
// payloads and Web API answers are close enough to Slack's for the real bot.
import { App, LogLevel } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandbox, type Sandbox } from "../../src/sandbox/index.ts";
import { LIAISON, OFFICE, sandboxOptions } from "./fixtures.ts";

let sandbox: Sandbox;
let app: App;

const campaignBlocks = (acknowledgedBy?: string) => [
  { type: "header", text: { type: "plain_text", text: "夏季消防安全专项行动" } },
  acknowledgedBy
    ? { type: "context", elements: [{ type: "mrkdwn", text: `✅ <@${acknowledgedBy}> 已确认收到` }] }
    : {
        type: "actions",
        block_id: "campaign",
        elements: [
          { type: "button", action_id: "campaign.ack", text: { type: "plain_text", text: "收到" }, value: "fire-2025", style: "primary" },
        ],
      },
];

beforeAll(async () => {
  const options = sandboxOptions();
  sandbox = await createSandbox(options);
  app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command("/redline", async ({ command, ack, respond, client }) => {
    if (command.text === "launch") {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: "夏季消防安全专项行动", blocks: campaignBlocks() });
    } else if (command.text === "report") {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: "modal",
          callback_id: "report",
          title: { type: "plain_text", text: "整改报告" },
          submit: { type: "plain_text", text: "提交" },
          blocks: [
            {
              type: "input",
              block_id: "found",
              label: { type: "plain_text", text: "发现隐患" },
              element: { type: "number_input", action_id: "v", is_decimal_allowed: false },
            },
          ],
        },
      });
    } else {
      await ack("正在查询… (looking it up)");
      await respond({ text: `${command.text}：文化部门牵头` });
    }
  });
  app.action("campaign.ack", async ({ ack, body, client }) => {
    await ack();
    if (body.type !== "block_actions" || !body.channel || !body.message) return;
    await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: "已确认", blocks: campaignBlocks(body.user.id) });
  });
  app.view("report", async ({ ack, view }) => {
    const found = Number(view.state.values.found?.v?.value);
    if (found > 100) await ack({ response_action: "errors", errors: { found: "数字太大了" } });
    else await ack();
  });
  app.event("app_mention", async ({ event, say }) => {
    await say({ text: `收到 <@${event.user}> 的问题`, thread_ts: event.ts });
  });
  app.event("app_home_opened", async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: `*<@${event.user}> 的待办*` } }] },
    });
  });
  const server = (await app.start(0)) as Server;
  sandbox.setBotUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await app.stop();
  await sandbox.close();
});

describe("a real Bolt app against the sandbox", () => {
  it("acks a slash command with text (ephemeral) and answers through respond()", async () => {
    const result = await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "/redline who-leads KTV" });
    expect(result.delivered).toBe(true);
    const answers = await sandbox.waitFor(() => {
      const texts = sandbox.store.ephemerals(LIAISON, "CCULTURE").map((m) => m.text);
      return texts.length >= 2 ? texts : undefined;
    });
    expect(answers).toEqual(["正在查询… (looking it up)", "who-leads KTV：文化部门牵头"]);
  });

  it("posts a launch, and a click on its button updates it in place", async () => {
    await sandbox.act.slashCommand({ userId: OFFICE, channel: "CCULTURE", text: "launch" });
    const launch = await sandbox.waitFor(() => sandbox.store.messages("CCULTURE").find((m) => m.text === "夏季消防安全专项行动"));
    await sandbox.act.click({ userId: LIAISON, channel: "CCULTURE", messageTs: launch.ts, actionId: "campaign.ack" });
    const updated = await sandbox.waitFor(() =>
      sandbox.store.message("CCULTURE", launch.ts)?.edited ? sandbox.store.message("CCULTURE", launch.ts) : undefined,
    );
    expect(updated.text).toBe("已确认");
    expect(JSON.stringify(updated.blocks)).toContain(`<@${LIAISON}> 已确认收到`);
  });

  it("opens a modal from the command's trigger, shows Bolt's validation errors, and closes on a good submission", async () => {
    await sandbox.act.slashCommand({ userId: LIAISON, channel: "CCULTURE", text: "report" });
    const modal = await sandbox.waitFor(() => sandbox.store.topModal(LIAISON));
    const refused = await sandbox.act.submitView({ userId: LIAISON, viewId: modal.id, values: { found: { v: "500" } } });
    expect(refused.errors).toEqual({ found: "数字太大了" });
    await sandbox.act.submitView({ userId: LIAISON, viewId: modal.id, values: { found: { v: "5" } } });
    expect(sandbox.store.topModal(LIAISON)).toBeUndefined();
  });

  it("routes app_mention and replies in the thread", async () => {
    await sandbox.act.typeMessage({ userId: LIAISON, channel: "CCULTURE", text: "@redline 网吧归谁管？" });
    const reply = await sandbox.waitFor(() =>
      sandbox.store.messages("CCULTURE").find((m) => m.author.kind === "bot" && m.threadTs !== undefined),
    );
    expect(reply.text).toBe(`收到 <@${LIAISON}> 的问题`);
  });

  it("routes app_home_opened and publishes the person's Home", async () => {
    await sandbox.act.openHome({ userId: OFFICE });
    const home = await sandbox.waitFor(() => sandbox.store.home(OFFICE));
    expect(JSON.stringify(home.view.blocks)).toContain(`<@${OFFICE}> 的待办`);
  });
});
