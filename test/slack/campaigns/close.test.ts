import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_MODAL_CALLBACK } from "../../../src/messages/campaigns/close-messages.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendSlashCommand } from "../../support/slack-requests.ts";
import { settle, waitFor, waitForAsync } from "../../support/wait-for.ts";
import { testCli } from "../../support/test-cli.ts";
import { buttons } from "../../messages/campaigns/helpers.ts";
import {
  askToClose,
  callText,
  launchReadyMade,
  office,
  postsWith,
  press,
  refFor,
  startHarness,
  submitReport,
  TARGETS,
  textOf,
  tickAt,
  type Harness,
} from "./campaign-harness.ts";

const HAZARD = "hazard-rectification-report-2026";
const FIRE = "summer-fire-safety-2026";
const culture = slackIds("culture");
const weihui = slackIds("weihui");
const NOTICE = "【行动结束】";

describe.each(dbKinds())("closing a campaign: confirmation, closing notices, final tally (%s database)", (kind) => {
  let h: Harness;
  const status = async (id: string) => (await h.db.prisma.campaign.findUniqueOrThrow({ where: { id } })).status;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    h.slack.users.set(culture.liaison, { real_name: "王芳", title: "科员" });
    await launchReadyMade(h, "hazard-rectification-report");
    await launchReadyMade(h, "summer-fire-safety");
    h.clock.set("2026-05-26T09:30:00+08:00");
    await press(h, "acknowledge", refFor(HAZARD, "acknowledge", "culture"), culture.liaison);
    await submitReport(h, refFor(HAZARD, "rectification-report", "culture"), culture.liaison, {
      status: "all-rectified",
      found: "3",
      rectified: "3",
    });
    await press(h, "acknowledge", refFor(HAZARD, "acknowledge", "weihui"), weihui.liaison);
    await waitForAsync(async () => (await h.db.prisma.completion.count()) === 3, "three completions");
    h.slack.reset();
  });
  afterAll(async () => h?.close());

  it("asks first: the form shows the progress and every department still missing something, and closes nothing", async () => {
    h.clock.set("2026-05-28T10:00:00+08:00");
    const { view } = await askToClose(h, "hazard-rectification-report");
    expect(view.callback_id).toBe(CLOSE_MODAL_CALLBACK);
    expect(view.submit.text).toBe("确认结束");
    const text = textOf(view.blocks);
    expect(text).toContain("确定结束 *事故隐患整治情况上报* `hazard-rectification-report-2026` 吗？");
    expect(text).toContain("目前进展");
    expect(text).toContain(`*尚未完成（${TARGETS.length - 1} 个单位）*`);
    expect(text).toContain("*目前进展* ▓░░░░░░░░░ 3/24\n确认收到上报要求　▓▓░░░░░░░░ 2/12\n上报隐患整治情况　▓░░░░░░░░░ 1/12");
    expect(text).toContain("• *卫辉市*：报告\n");
    expect(text).toContain("• *民政部门*：确认收到（逾期）、报告\n");
    expect(text).not.toContain("*文化部门*");
    expect(await status(HAZARD)).toBe("launched");
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("refuses anyone outside the office, on the command and on the form, and closes nothing", async () => {
    await sendSlashCommand(h.bot.url, {
      text: "行动 结束 hazard-rectification-report",
      user_id: culture.liaison,
      channel_id: culture.channel,
    });
    await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("安委办")), "the refusal");
    const form = await askToClose(h, "hazard-rectification-report");
    const res = await form.submit(culture.liaison);
    expect(res.json.response_action).toBe("update");
    expect(textOf(res.json.view.blocks)).toContain("只有安委办工作人员可以结束专项行动。");
    expect(await status(HAZARD)).toBe("launched");
    // The refusal is audited after the form is answered.
    const audit = await waitFor(
      () => h.db.prisma.auditEntry.findFirst({ where: { actor: culture.liaison, action: "campaign.close_submit" } }),
      "the refusal's audit entry",
    );
    expect(audit).toMatchObject({ outcome: "refused", subject: `campaign:${HAZARD}` });
    h.slack.reset();
  });

  it("closes once on a double submit: one closing notice per department with its own tally, the final tally to the office", async () => {
    const form = await askToClose(h, "hazard-rectification-report");
    // Slack's retry of the submission and a second click arrive together.
    const [a, b] = await Promise.all([form.submit(), form.submit()]);
    const answers = [a.json, b.json];
    expect(answers.filter((j) => j === null)).toHaveLength(1);
    const late = answers.find((j) => j !== null)!;
    expect(late.response_action).toBe("update");
    expect(textOf(late.view.blocks)).toContain("“事故隐患整治情况上报”此前已经结束（5月28日 10:00），无需再次结束。");
    expect(await status(HAZARD)).toBe("closed");

    const confirmation = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === office.liaison),
      "the closer's confirmation",
    );
    expect(callText(confirmation)).toContain(
      `✅ 已结束“事故隐患整治情况上报”：不再提醒，按钮已停用；${TARGETS.length}/${TARGETS.length} 个单位频道已收到结束通知。最终进展已发到安委办频道。`,
    );

    for (const d of TARGETS) expect(postsWith(h, slackIds(d).channel, NOTICE)).toHaveLength(1);
    const cultureNotice = callText(postsWith(h, culture.channel, NOTICE)[0]!);
    expect(cultureNotice).toContain("🔒 *【行动结束】事故隐患整治情况上报*\n已于5月28日 10:00结束，不再提醒，也不再接受提交。");
    expect(cultureNotice).toContain("*文化部门*　完成 2/2");
    const weihuiNotice = callText(postsWith(h, weihui.channel, NOTICE)[0]!);
    expect(weihuiNotice).toContain("*卫辉市*　完成 1/2");
    expect(weihuiNotice).toContain("✖️ 报告（未完成）");

    const tally = postsWith(h, office.channel, "最终进展");
    expect(tally).toHaveLength(1);
    const tallyText = callText(tally[0]!);
    expect(tallyText).toContain(`事故隐患整治情况上报 已结束：完成 3/${TARGETS.length * 2} 项，1/${TARGETS.length} 个单位全部完成`);
    expect(tallyText).toContain("`hazard-rectification-report-2026` · 🔒 已于5月28日 10:00结束");
    expect(tallyText).toContain("*文化部门*　✅");

    // Every launch message of the run lost its buttons.
    const launchPosts = new Set((await h.db.prisma.campaignTarget.findMany({ where: { campaignId: HAZARD } })).map((t) => t.messageTs));
    const updates = h.slack.callsTo("chat.update").filter((u) => launchPosts.has(u.body.ts));
    expect(new Set(updates.map((u) => u.body.ts)).size).toBe(TARGETS.length);
    for (const u of updates) expect(buttons(u.body.blocks)).toEqual([]);
    expect(await h.db.prisma.auditEntry.count({ where: { action: "campaign.close", subject: `campaign:${HAZARD}` } })).toBe(1);

    // The tick after finds nothing left to send; a form opened again says it is closed, with no form.
    h.slack.reset();
    await tickAt(h, "2026-05-28", "10:01");
    expect(h.slack.callsTo("chat.postMessage").filter((c) => callText(c).includes(NOTICE))).toEqual([]);
    await sendSlashCommand(h.bot.url, {
      text: "行动 结束 hazard-rectification-report-2026",
      user_id: office.liaison,
      channel_id: office.channel,
    });
    await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("此前已经结束")), "already closed");
    expect(h.slack.callsTo("views.open")).toEqual([]);
  });

  it("a channel that refuses the closing notice is said so, and the tick sends it there once, nowhere else again", async () => {
    h.slack.reset();
    h.slack.on("chat.postMessage", (body) =>
      body.channel === weihui.channel
        ? { ok: false, error: "channel_not_found" }
        : { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` },
    );
    const form = await askToClose(h, "summer-fire-safety");
    expect((await form.submit()).json).toBeNull();
    const confirmation = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === office.liaison),
      "the closer's confirmation",
    );
    expect(callText(confirmation)).toContain(
      `${TARGETS.length - 1}/${TARGETS.length} 个单位频道已收到结束通知（1 个未送达，调度每分钟自动重试）`,
    );

    h.slack.clearOverrides();
    h.slack.reset();
    // The failed post waits out its back-off; a later tick sends it.
    await tickAt(h, "2026-05-28", "11:00");
    const notices = h.slack.callsTo("chat.postMessage").filter((c) => callText(c).includes(NOTICE));
    expect(notices.map((c) => c.body.channel)).toEqual([weihui.channel]);
    expect(callText(notices[0]!)).toContain("夏季消防安全专项行动");
    h.slack.reset();
    await tickAt(h, "2026-05-28", "12:00");
    expect(h.slack.callsTo("chat.postMessage").filter((c) => callText(c).includes(NOTICE))).toEqual([]);
    expect(await status(FIRE)).toBe("closed");
  });

  it("closed from the CLI without Slack, the bot's tick posts the closing notices and the tally", async () => {
    h.clock.set("2026-06-02T10:00:00+08:00");
    await launchReadyMade(h, "safety-dialogue");
    h.slack.reset();
    // No Slack token: the CLI saves the close and leaves the posts to the bot.
    const cli = testCli(h.db, { REDLINE_DIGEST: "off" });
    expect(await cli.run("campaign", "close", "safety-dialogue")).toBe(0);
    expect(await status("safety-dialogue-2026")).toBe("closed");
    await settle(100);
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
    await tickAt(h, "2026-06-02", "10:01");
    for (const d of TARGETS) expect(postsWith(h, slackIds(d).channel, NOTICE)).toHaveLength(1);
    expect(postsWith(h, office.channel, "安全生产对话谈心活动 · 最终进展")).toHaveLength(1);
  });
});
