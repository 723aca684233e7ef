import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LAUNCH_FIELDS, LAUNCH_MODAL_CALLBACK } from "../../../src/messages/campaigns/launch-modal.ts";
import { TEMPLATE_LAUNCH_ACTION } from "../../../src/messages/campaigns/template-share-reply.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { blockActionPayload, sendEvent, sendInteraction, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { callText, office, serveSlackFiles, startHarness, textOf, type Harness } from "./campaign-harness.ts";

const DRILL = `id: county-drill
title: { zh: 县区应急演练, en: County emergency drill }
summary: { zh: 请组织应急演练并上报。, en: Hold an emergency drill and report it. }
sourceClause: 各县（市）区要组织开展应急演练。
targets:
  groups: [all-counties]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
  - key: drill-report
    kind: report
    title: { zh: 上报演练情况, en: Report the drill }
    due: 06-30
`;

// Line 9 is the first task's `kind`, line 11 its `due`.
const BROKEN = DRILL.replace("kind: acknowledge", "kind: acknowledgment")
  .replace("due: launch+1d", "due: tomorrow")
  .replace("county-drill", "broken-drill");

const culture = slackIds("culture");
let files: Map<string, { name: string; text: string }>;
let seq = 0;

describe.each(dbKinds())("a campaign YAML shared as a file (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    files = serveSlackFiles(h);
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  /** `user` shares files in `channel` (a DM with the bot when `im`); resolves with the message's ts. */
  async function share(
    user: string,
    channel: string,
    shared: { id: string; name: string; size?: number }[],
    options: { im?: boolean; eventId?: string; ts?: string } = {},
  ): Promise<string> {
    const ts = options.ts ?? `1780000${seq++}.000100`;
    const res = await sendEvent(
      h.bot.url,
      {
        type: "message",
        subtype: "file_share",
        channel,
        channel_type: options.im ? "im" : "channel",
        user,
        text: "",
        ts,
        files: shared.map((f) => ({ id: f.id, name: f.name, size: f.size ?? Buffer.byteLength(files.get(f.id)?.text ?? "") })),
      },
      { eventId: options.eventId },
    );
    expect(res.status).toBe(200);
    return ts;
  }
  const threadReply = (channel: string, ts: string) =>
    waitFor(() => h.slack.postsIn(channel).find((c) => c.body.thread_ts === ts), "the answer in the file's thread");

  it("answers a broken file in its thread with each problem by field and line, and saves nothing", async () => {
    files.set("FBROKEN", { name: "broken-drill.yaml", text: BROKEN });
    const ts = await share(office.liaison, office.channel, [{ id: "FBROKEN", name: "broken-drill.yaml" }]);
    const text = callText(await threadReply(office.channel, ts));
    expect(text).toContain("broken-drill.yaml: tasks[0].kind: Invalid option");
    expect(text).toContain("（第 9 行 / line 9）");
    expect(text).toContain("broken-drill.yaml: tasks[0].due: 应为 launch、launch+7d");
    expect(text).toContain("（第 11 行 / line 11）");
    expect(await h.db.prisma.campaignTemplate.count()).toBe(0);
  });

  it("leaves other files in the office channel alone; in a DM refuses a non-YAML or too large file politely, unread", async () => {
    await share(office.liaison, office.channel, [{ id: "FPDF", name: "会议纪要.pdf", size: 1000 }]);
    const dm = `D${office.liaison.slice(1)}`;
    const pdf = await share(office.liaison, dm, [{ id: "FPDF", name: "会议纪要.pdf", size: 1000 }], { im: true });
    expect(callText(await threadReply(dm, pdf))).toContain("“会议纪要.pdf”不是行动文件：只接收 .yaml 或 .yml 格式的行动模板");
    const big = await share(office.liaison, office.channel, [{ id: "FBIG", name: "big.yaml", size: 300 * 1024 }]);
    expect(callText(await threadReply(office.channel, big))).toContain("文件过大（上限 256 KB），未读取");
    expect(h.slack.postsIn(office.channel)).toHaveLength(1);
    expect(h.slack.callsTo("files.info")).toEqual([]);
  });

  it("refuses anyone outside the office privately, by DM when the ephemeral cannot reach them, without reading the file", async () => {
    files.set("FDRILL", { name: "county-drill.yaml", text: DRILL });
    await share(culture.liaison, office.channel, [{ id: "FDRILL", name: "county-drill.yaml" }]);
    const ephemeral = await waitFor(() => h.slack.callsTo("chat.postEphemeral")[0], "the refusal");
    expect(ephemeral.body).toMatchObject({ channel: office.channel, user: culture.liaison });
    expect(callText(ephemeral)).toContain("只有安委办工作人员可以上传行动模板，文件未读取。");

    h.slack.reset();
    h.slack.on("chat.postEphemeral", () => ({ ok: false, error: "user_not_in_channel" }));
    await share(culture.liaison, office.channel, [{ id: "FDRILL", name: "county-drill.yaml" }]);
    const dm = await waitFor(() => h.slack.postsIn(culture.liaison)[0], "the refusal by DM");
    expect(callText(dm)).toContain("只有安委办工作人员可以上传行动模板，文件未读取。");
    expect(h.slack.callsTo("files.info")).toEqual([]);
    expect(h.slack.postsIn(office.channel)).toEqual([]);
    expect(await h.db.prisma.campaignTemplate.count()).toBe(0);
    const refusals = await waitForAsync(async () => {
      const n = await h.db.prisma.auditEntry.count({
        where: { actor: culture.liaison, action: "campaign.template_share", outcome: "refused" },
      });
      return n >= 2 ? n : null;
    }, "both refusals audited");
    expect(refusals).toBe(2);
    h.slack.on("chat.postEphemeral", () => ({ ok: true, message_ts: "1.2" }));
  });

  it("saves a valid file and answers with its preview and a 发起… button, once however often Slack delivers it", async () => {
    const ts = await share(office.liaison, office.channel, [{ id: "FDRILL", name: "county-drill.yaml" }], { eventId: "EvDRILL" });
    const preview = await threadReply(office.channel, ts);
    const text = callText(preview);
    expect(text).toContain("✅ county-drill.yaml 检查通过，已保存为行动模板 *县区应急演练* `county-drill`。");
    expect(text).toContain("*县区应急演练* `county-drill-2026` · 5 个单位");
    expect(text).toContain("• 上报演练情况（报告） 截止");
    const button = preview.body.blocks.flatMap((b: { elements?: { action_id?: string; value?: string }[] }) => b.elements ?? [])[0];
    expect(button).toMatchObject({ action_id: TEMPLATE_LAUNCH_ACTION, value: "county-drill" });

    // Slack's retry of the same event, and the same message delivered again under a new event id.
    await share(office.liaison, office.channel, [{ id: "FDRILL", name: "county-drill.yaml" }], { eventId: "EvDRILL", ts });
    await share(office.liaison, office.channel, [{ id: "FDRILL", name: "county-drill.yaml" }], { ts });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.postsIn(office.channel)).toHaveLength(1);
    expect((await h.db.prisma.campaignTemplate.findUniqueOrThrow({ where: { id: "county-drill" } })).revision).toBe(1);
  });

  it("发起… opens the launch form on that template for the office, and refuses anyone else", async () => {
    const press = (user: string) =>
      sendInteraction(
        h.bot.url,
        blockActionPayload({
          userId: user,
          actionId: TEMPLATE_LAUNCH_ACTION,
          value: "county-drill",
          channelId: office.channel,
          messageTs: "1.1",
        }),
      );
    await press(culture.liaison);
    const refusal = await waitFor(() => h.slack.responses[0], "the refusal");
    expect(refusal.body.text).toContain("只有安委办工作人员可以发起专项行动");
    expect(h.slack.callsTo("views.open")).toEqual([]);

    await press(office.liaison);
    const view = (await waitFor(() => h.slack.callsTo("views.open")[0], "the launch form")).body.view;
    expect(view.callback_id).toBe(LAUNCH_MODAL_CALLBACK);
    const select = view.blocks.find((b: { block_id?: string }) => b.block_id === LAUNCH_FIELDS.campaign.block).element;
    expect(select.initial_option).toMatchObject({ value: "county-drill", text: { text: "县区应急演练" } });
    const launched = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: {
          [LAUNCH_FIELDS.campaign.block]: {
            [LAUNCH_FIELDS.campaign.action]: { type: "static_select", selected_option: { value: "county-drill" } },
          },
        },
      }),
    );
    expect(launched.json).toBeNull();
    await waitFor(() => h.slack.postsIn(slackIds("weihui").channel).find((c) => callText(c).includes("县区应急演练")), "the launch post");
  });

  it("takes a file sent to the bot in a DM the same way, answering in the DM's thread", async () => {
    files.set("FDM", { name: "dm-drill.yml", text: DRILL.replace("id: county-drill", "id: dm-drill") });
    const dm = `D${office.liaison.slice(1)}`;
    const ts = await share(office.liaison, dm, [{ id: "FDM", name: "dm-drill.yml" }], { im: true });
    expect(callText(await threadReply(dm, ts))).toContain("已保存为行动模板 *县区应急演练* `dm-drill`");
    expect(await h.db.prisma.campaignTemplate.count({ where: { id: "dm-drill" } })).toBe(1);
  });
});
