import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LAUNCH_FIELDS, LAUNCH_MODAL_CALLBACK } from "../../../src/messages/campaigns/launch-modal.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import { buttons } from "../../messages/campaigns/helpers.ts";
import { callText, command, launchReadyMade, office, startHarness, TARGETS, textOf, type Harness } from "./campaign-harness.ts";

let seq = 0;
const posted = (body: Record<string, any>) => {
  const ts = `1800000000.${String(++seq).padStart(6, "0")}`;
  return { ok: true, channel: body.channel, ts, message_ts: ts };
};

describe.each(dbKinds())("launching campaigns to department channels (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
  });
  afterEach(() => {
    h.slack.reset();
    h.slack.on("chat.postMessage", posted);
  });
  afterAll(async () => h?.close());

  it("posts one launch message to every target channel, records its ts, and tells the office where it went", async () => {
    const report = await launchReadyMade(h, "summer-fire-safety");

    const posts = h.slack.callsTo("chat.postMessage");
    expect(posts.map((p) => p.body.channel).sort()).toEqual(TARGETS.map((d) => slackIds(d).channel).sort());
    const culture = posts.find((p) => p.body.channel === slackIds("culture").channel)!;
    const text = callText(culture);
    expect(text).toContain("夏季消防安全专项行动");
    expect(text).toContain("致：文化部门");
    expect(text).toContain("各级各部门要利用一周的时间，开展消防安全警示教育");
    expect(buttons(culture.body.blocks).map((b) => b.text)).toEqual(["收到", "填报警示教育", "签署承诺"]);

    const targets = await h.db.prisma.campaignTarget.findMany({ where: { campaignId: "summer-fire-safety-2026" } });
    expect(targets).toHaveLength(TARGETS.length);
    for (const t of targets) {
      const post = posts.find((p) => p.body.channel === t.channelId)!;
      expect(t.messageTs).toBe(post.response!.ts);
    }
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "summer-fire-safety-2026" } })).status).toBe("launched");

    expect(report.response_type).toBe("ephemeral");
    expect(report.text).toContain(`已发送到 ${TARGETS.length}/${TARGETS.length} 个单位频道`);
    expect(textOf(report.blocks)).toContain("签署消防安全承诺");
  });

  it("posts nothing new when launched again, and says so", async () => {
    const report = await launchReadyMade(h, "summer-fire-safety");
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(0);
    expect(report.text).toContain("此前已发起");
    expect(report.text).toContain(`共 ${TARGETS.length}/${TARGETS.length}`);
  });

  it("waits out a 429 from Slack and posts again, losing no department", async () => {
    h.slack.on(
      "chat.postMessage",
      () => ({ status: 429, json: { ok: false, error: "ratelimited" }, headers: { "retry-after": "1" } }),
      posted,
    );
    const report = await launchReadyMade(h, "hazard-rectification-report");

    const calls = h.slack.callsTo("chat.postMessage");
    expect(calls).toHaveLength(TARGETS.length + 1);
    expect(calls[0]!.response).toMatchObject({ ok: false, error: "ratelimited" });
    // Posts go out concurrently: the rate-limited channel is posted to again after its Retry-After, once.
    expect(calls.slice(1).filter((c) => c.body.channel === calls[0]!.body.channel)).toHaveLength(1);
    const targets = await h.db.prisma.campaignTarget.findMany({ where: { campaignId: "hazard-rectification-report-2026" } });
    expect(targets.every((t) => t.messageTs)).toBe(true);
    expect(report.text).toContain(`已发送到 ${TARGETS.length}/${TARGETS.length}`);
  });

  it("refuses anyone outside the safety office, and posts nothing", async () => {
    const culture = slackIds("culture");
    const answer = await command(h, "行动 发起 safety-dialogue", culture.liaison, culture.channel);
    expect(answer.body.text).toContain("只有安委办工作人员可以发起专项行动");
    await settle();
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(0);
    expect(await h.db.prisma.campaign.findUnique({ where: { id: "safety-dialogue-2026" } })).toBeNull();
  });

  it("refuses to launch while a target department has no channel, naming it", async () => {
    await h.db.prisma.department.update({ where: { id: "weihui" }, data: { slackChannelId: null } });
    try {
      const answer = await launchReadyMade(h, "safety-dialogue");
      expect(answer.text).toContain("以下单位未登记 Slack 频道，行动未发起：卫辉市");
      expect(h.slack.callsTo("chat.postMessage")).toHaveLength(0);
      expect(await h.db.prisma.campaign.findUnique({ where: { id: "safety-dialogue-2026" } })).toBeNull();
    } finally {
      await h.db.prisma.department.update({ where: { id: "weihui" }, data: { slackChannelId: slackIds("weihui").channel } });
    }
  });

  it("keeps going past a channel that fails, reports it, and the next tick posts only there", async () => {
    const broken = slackIds("education").channel;
    h.slack.on("chat.postMessage", (body) => (body.channel === broken ? { ok: false, error: "channel_not_found" } : posted(body)));

    await sendSlashCommand(h.bot.url, { text: "行动 发起", user_id: office.liaison, channel_id: office.channel });
    const open = await waitFor(() => h.slack.callsTo("views.open")[0], "the launch chooser");
    const view = open.body.view;
    expect(view.callback_id).toBe(LAUNCH_MODAL_CALLBACK);
    expect(textOf(view.blocks)).toContain("安全生产对话谈心活动");
    expect(textOf(view.blocks)).toContain("本轮已发起，再次发起只补发缺失的消息");

    const submit = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: {
          [LAUNCH_FIELDS.campaign.block]: {
            [LAUNCH_FIELDS.campaign.action]: { type: "static_select", selected_option: { value: "safety-dialogue" } },
          },
        },
      }),
    );
    expect(submit.status).toBe(200);
    const confirmation = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === office.liaison),
      "the launch report",
    );
    expect(confirmation.body.channel).toBe(office.channel);
    expect(callText(confirmation)).toContain(`已发送到 ${TARGETS.length - 1}/${TARGETS.length}`);
    expect(callText(confirmation)).toContain("教育部门 — 频道不存在或机器人无权访问");
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "safety-dialogue-2026" } })).status).toBe("launching");

    h.slack.reset();
    h.slack.on("chat.postMessage", posted);
    await h.bot.tick(new Date("2026-05-25T10:05:00+08:00"));
    expect(h.slack.callsTo("chat.postMessage").map((c) => c.body.channel)).toEqual([broken]);
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "safety-dialogue-2026" } })).status).toBe("launched");
  });

  it("joins a public channel it was not invited to, then posts", async () => {
    await h.db.prisma.campaign.deleteMany({ where: { id: "safety-dialogue-2026" } });
    await h.db.prisma.dispatch.deleteMany({ where: { key: { startsWith: "campaign:safety-dialogue-2026:" } } });
    const shy = slackIds("huixian").channel;
    let joined = false;
    h.slack.on("conversations.join", () => ((joined = true), { ok: true, channel: { id: shy } }));
    h.slack.on("chat.postMessage", (body) => (body.channel === shy && !joined ? { ok: false, error: "not_in_channel" } : posted(body)));
    const report = await launchReadyMade(h, "safety-dialogue");
    expect(report.text).toContain(`已发送到 ${TARGETS.length}/${TARGETS.length}`);
    expect(h.slack.callsTo("conversations.join").map((c) => c.body.channel)).toEqual([shy]);
    expect(h.slack.postsIn(shy)).toHaveLength(2);
  });

  it("backs off from a channel that keeps failing instead of trying it every minute", async () => {
    await h.db.prisma.campaign.deleteMany({ where: { id: "safety-dialogue-2026" } });
    await h.db.prisma.dispatch.deleteMany({ where: { key: { startsWith: "campaign:safety-dialogue-2026:" } } });
    const broken = slackIds("changyuan").channel;
    h.slack.on("chat.postMessage", (body) => (body.channel === broken ? { ok: false, error: "is_archived" } : posted(body)));
    await launchReadyMade(h, "safety-dialogue");
    for (const minute of ["10:01", "10:02", "10:03", "10:04"]) await h.bot.tick(new Date(`2026-05-25T${minute}:00+08:00`));
    expect(h.slack.postsIn(broken)).toHaveLength(3);
    const again = await launchReadyMade(h, "safety-dialogue");
    expect(h.slack.postsIn(broken)).toHaveLength(3);
    expect(again.text).toContain("1 个单位未送达");
    expect(textOf(again.blocks)).toContain("长垣市 — 频道已归档（is_archived）");
  });
});
