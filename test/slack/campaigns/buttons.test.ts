import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPORT_FIELDS } from "../../../src/messages/campaigns/ids.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendEvent } from "../../support/slack-requests.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import { buttons } from "../../messages/campaigns/helpers.ts";
import {
  callText,
  closeRun,
  command,
  launchReadyMade,
  launchTs,
  office,
  press,
  pressInHome,
  refFor,
  startHarness,
  submitEducation,
  submitPledge,
  submitReport,
  textOf,
  type Harness,
} from "./campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";
const HAZARD = "hazard-rectification-report-2026";
const culture = slackIds("culture");
const education = slackIds("education");
const OUTSIDER = "UOUTSIDER1";

describe.each(dbKinds())("campaign buttons and forms over signed requests (%s database)", (kind) => {
  let h: Harness;
  const completions = (taskId: string, departmentId?: string) =>
    h.db.prisma.completion.findMany({ where: { taskId, ...(departmentId ? { departmentId } : {}) } });
  /** Waits for an update of a department's launch message and returns the last one. */
  const lastUpdate = async (campaignId: string, departmentId: string) => {
    const ts = await launchTs(h, campaignId, departmentId);
    return waitFor(
      () =>
        h.slack
          .callsTo("chat.update")
          .filter((c) => c.body.ts === ts)
          .at(-1),
      `an update of ${departmentId}'s launch message`,
    );
  };

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    h.slack.users.set(culture.liaison, { real_name: "王芳", title: "科员" });
    h.slack.users.set(culture.head, { real_name: "李明", title: "文化局局长" });
    h.slack.users.set(education.liaison, { real_name: "赵敏", title: "" });
    await launchReadyMade(h, "summer-fire-safety");
    await launchReadyMade(h, "hazard-rectification-report");
    h.slack.reset();
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("records an acknowledgement, updates the launch message in place and confirms privately", async () => {
    h.clock.set("2026-05-25T10:02:00+08:00");
    const res = await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), culture.liaison);
    expect(res.status).toBe(200);

    const reply = await waitFor(() => h.slack.responses[0], "the private confirmation");
    expect(reply.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(reply.body.text).toContain("✅ 已记录：文化部门已完成“确认收到行动通知”");

    const [row] = await completions(`${FIRE}:acknowledge`);
    expect(row).toMatchObject({ departmentId: "culture", slackUserId: culture.liaison, userName: "王芳", userTitle: "科员" });
    expect(row!.createdAt.toISOString()).toBe("2026-05-25T02:02:00.000Z");

    const update = await waitFor(() => h.slack.callsTo("chat.update")[0], "the launch message update");
    expect(update.body).toMatchObject({ channel: culture.channel, ts: await launchTs(h, FIRE, "culture") });
    expect(textOf(update.body.blocks)).toContain("已确认收到：王芳（科员） · 5月25日 10:02");
    expect(buttons(update.body.blocks).map((b) => b.text)).toEqual(["填报警示教育", "签署承诺"]);
  });

  it("records once when Slack retries the request or the button is pressed twice at once", async () => {
    const ref = refFor(FIRE, "acknowledge", "culture");
    await press(h, "acknowledge", ref, culture.liaison, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await Promise.all([press(h, "acknowledge", ref, culture.head), press(h, "acknowledge", ref, culture.liaison)]);
    await waitFor(() => h.slack.responses.length === 3, "three answers");
    expect(await completions(`${FIRE}:acknowledge`, "culture")).toHaveLength(1);
    for (const r of h.slack.responses) expect(r.body.text).toContain("“确认收到行动通知”已由王芳（科员）于5月25日 10:02完成");

    const ref2 = refFor(FIRE, "acknowledge", "hongqi");
    const hongqi = slackIds("hongqi");
    await Promise.all([press(h, "acknowledge", ref2, hongqi.liaison), press(h, "acknowledge", ref2, hongqi.liaison)]);
    await waitFor(() => h.slack.responses.length === 5, "two more answers");
    expect(await completions(`${FIRE}:acknowledge`, "hongqi")).toHaveLength(1);
    const texts = h.slack.responses.slice(3).map((r) => r.body.text);
    expect(texts.filter((t) => t.includes("✅ 已记录"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("无需重复操作"))).toHaveLength(1);
  });

  it("refuses someone outside the department, in their language, and records nothing", async () => {
    const ref = refFor(FIRE, "acknowledge", "education");
    await press(h, "acknowledge", ref, OUTSIDER);
    const zh = await waitFor(() => h.slack.responses[0], "refusal");
    expect(zh.body.text).toContain("您不是教育部门的联络员、主要负责人或频道成员，不能代表该单位操作");

    const visitor = "UVISITOREN";
    h.slack.on("users.info", (body) =>
      body.user === visitor
        ? { ok: true, user: { id: visitor, name: "visitor", real_name: "Visitor", locale: "en-US", profile: { real_name: "Visitor" } } }
        : { ok: false, error: "user_not_found" },
    );
    await press(h, "acknowledge", ref, visitor);
    const en = await waitFor(() => h.slack.responses[1], "refusal in English");
    expect(en.body.text).toContain("You are not a liaison, the principal head or a channel member of Education Department");
    h.slack.on("users.info", (body) => {
      const u = h.slack.users.get(body.user);
      return u
        ? {
            ok: true,
            user: { id: body.user, name: body.user, real_name: u.real_name, profile: { real_name: u.real_name, title: u.title ?? "" } },
          }
        : { ok: false, error: "user_not_found" };
    });

    await settle();
    expect(await completions(`${FIRE}:acknowledge`, "education")).toHaveLength(0);
    // Education's launch message is left alone (the previous test's late refresh of another channel may still land).
    const educationTs = await launchTs(h, FIRE, "education");
    expect(h.slack.callsTo("chat.update").filter((c) => c.body.ts === educationTs)).toHaveLength(0);
  });

  it("lets a member of the department's channel act for it", async () => {
    const member = "UCHANNELMEMBER";
    h.slack.channelMembers.set(slackIds("weihui").channel, ["USOMEONE", member]);
    await press(h, "acknowledge", refFor(FIRE, "acknowledge", "weihui"), member);
    const reply = await waitFor(() => h.slack.responses[0], "confirmation");
    expect(reply.body.text).toContain("✅ 已记录：卫辉市已完成");
    expect(await completions(`${FIRE}:acknowledge`, "weihui")).toHaveLength(1);
  });

  it("refuses a pledge from anyone but the registered head, naming who must sign", async () => {
    const head = await h.db.prisma.department.findUniqueOrThrow({ where: { id: "culture" } });
    await press(h, "pledge", refFor(FIRE, "safety-pledge", "culture"), culture.liaison);
    const refusal = await waitFor(() => h.slack.responses[0], "refusal");
    expect(refusal.body.text).toContain(`安全承诺须由文化部门主要负责人 <@${culture.head}>（${head.headTitle}）本人签署，他人不能代签`);
    await settle();
    expect(h.slack.callsTo("views.open")).toHaveLength(0);

    // The form itself checks again: a liaison who got hold of it cannot sign either.
    const res = await submitPledge(h, refFor(FIRE, "safety-pledge", "culture"), culture.liaison, 1);
    expect(res.json.response_action).toBe("errors");
    expect(Object.values(res.json.errors).join()).toContain("他人不能代签");
    expect(await completions(`${FIRE}:safety-pledge`)).toHaveLength(0);
  });

  it("records the head's pledge with who, title, time and the text version", async () => {
    h.clock.set("2026-05-26T09:30:00+08:00");
    const ref = refFor(FIRE, "safety-pledge", "culture");
    await press(h, "pledge", ref, culture.head);
    const open = await waitFor(() => h.slack.callsTo("views.open")[0], "the pledge form");
    const view = open.body.view;
    expect(textOf(view.blocks)).toContain("本人作为本单位法人代表（主要负责人），郑重承诺");
    expect(JSON.parse(view.private_metadata)).toEqual({ c: FIRE, t: "safety-pledge", d: "culture", v: 1 });

    const unticked = await submitPledge(h, ref, culture.head, 1, false);
    expect(Object.values(unticked.json.errors)).toEqual(["请勾选确认后再签署。"]);

    const res = await submitPledge(h, ref, culture.head, 1);
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    const [row] = await completions(`${FIRE}:safety-pledge`, "culture");
    expect(row).toMatchObject({ slackUserId: culture.head, userName: "李明", userTitle: "文化局局长", pledgeVersion: 1 });
    expect(row!.createdAt.toISOString()).toBe("2026-05-26T01:30:00.000Z");
    const update = await lastUpdate(FIRE, "culture");
    expect(textOf(update!.body.blocks)).toContain("已签署：李明（文化局局长）");
    expect(textOf(update!.body.blocks)).toContain("承诺书第 1 版");
    // The private confirmation follows the closed form; let it land inside this test.
    await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === culture.head),
      "the confirmation after the form closed",
    );
  });

  it("shows report-form problems under their fields and saves nothing, then records a valid report", async () => {
    h.clock.set("2026-05-27T11:00:00+08:00");
    const ref = refFor(HAZARD, "rectification-report", "culture");
    await press(h, "report", ref, culture.liaison);
    const open = await waitFor(() => h.slack.callsTo("views.open")[0], "the report form");
    expect(open.body.view.callback_id).toBe("campaign_report_submit");

    const empty = await submitReport(h, ref, culture.liaison, {});
    expect(empty.json.response_action).toBe("errors");
    expect(Object.keys(empty.json.errors).sort()).toEqual(
      [REPORT_FIELDS.hazardsFound.block, REPORT_FIELDS.hazardsRectified.block, REPORT_FIELDS.status.block].sort(),
    );

    const contradictory = await submitReport(h, ref, culture.liaison, { status: "rectifying", found: "3", rectified: "5" });
    expect(contradictory.json).toEqual({
      response_action: "errors",
      errors: { [REPORT_FIELDS.hazardsRectified.block]: "已整改数（5）不能多于排查发现的隐患数（3）。" },
    });
    expect(await completions(`${HAZARD}:rectification-report`)).toHaveLength(0);

    const ok = await submitReport(h, ref, culture.liaison, {
      status: "rectifying",
      found: "12",
      rectified: "10",
      note: "两处消防通道占用正在清理",
    });
    expect(ok.status).toBe(200);
    expect(ok.json?.response_action).toBeUndefined();
    const [row] = await completions(`${HAZARD}:rectification-report`, "culture");
    expect(row!.data).toEqual({ status: "rectifying", hazardsFound: 12, hazardsRectified: 10, note: "两处消防通道占用正在清理" });
    const update = await lastUpdate(HAZARD, "culture");
    expect(textOf(update!.body.blocks)).toContain("发现隐患 12 处，已整改 10 处（正在整改）");
    // Found by its addressee: a late answer to the previous test may also land in this one's recording.
    const confirmation = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === culture.liaison),
      "confirmation in the channel",
    );
    expect(confirmation.body).toMatchObject({ channel: culture.channel, user: culture.liaison });

    const again = await submitReport(h, ref, culture.head, { status: "all-rectified", found: "12", rectified: "12" });
    expect(Object.values(again.json.errors).join()).toContain("已由王芳（科员）于5月27日 11:00完成");
    expect(await completions(`${HAZARD}:rectification-report`, "culture")).toHaveLength(1);
  });

  it("refuses a report form from an outsider under the form's first field", async () => {
    const res = await submitReport(h, refFor(HAZARD, "rectification-report", "hongqi"), OUTSIDER, {
      status: "none-found",
      found: "0",
      rectified: "0",
    });
    expect(res.json).toEqual({
      response_action: "errors",
      errors: { [REPORT_FIELDS.status.block]: expect.stringContaining("您不是红旗区的联络员、主要负责人或频道成员") },
    });
    expect(await completions(`${HAZARD}:rectification-report`, "hongqi")).toHaveLength(0);
  });

  it("checks the education session's date against today and the window", async () => {
    h.clock.set("2026-05-27T16:00:00+08:00");
    const ref = refFor(FIRE, "warning-education", "education");
    const future = await submitEducation(h, ref, education.liaison, { heldOn: "2026-05-28", attendees: "40", location: "三楼会议室" });
    expect(Object.values(future.json.errors)).toEqual(["举办日期不能晚于今天。"]);
    const early = await submitEducation(h, ref, education.liaison, { heldOn: "2026-05-20", attendees: "40", location: "三楼会议室" });
    expect(Object.values(early.json.errors).join()).toContain("不能早于本次警示教育开始日（2026-05-25）");
    const ok = await submitEducation(h, ref, education.liaison, { heldOn: "2026-05-27", attendees: "40", location: "三楼会议室" });
    expect(ok.json?.response_action).toBeUndefined();
    const [row] = await completions(`${FIRE}:warning-education`, "education");
    expect(row!.data).toEqual({ heldOn: "2026-05-27", attendees: 40, location: "三楼会议室", note: null });
    await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === education.liaison),
      "the confirmation after the form closed",
    );
  });

  it("works from the Home tab: records, updates the channel's launch message and re-publishes the Home view", async () => {
    await sendEvent(h.bot.url, { type: "app_home_opened", user: education.liaison, channel: "D1", tab: "home", event_ts: "1" });
    const home = await waitFor(() => h.slack.callsTo("views.publish")[0], "the Home tab");
    const ack = buttons(home.body.view.blocks).find((b) =>
      b.value.includes('"c":"summer-fire-safety-2026","t":"acknowledge","d":"education"'),
    );
    expect(ack?.actionId).toBe("campaign_ack");
    h.slack.reset();

    const res = await pressInHome(h, "acknowledge", refFor(FIRE, "acknowledge", "education"), education.liaison);
    expect(res.status).toBe(200);
    const update = await waitFor(() => h.slack.callsTo("chat.update")[0], "launch message update");
    expect(update.body).toMatchObject({ channel: education.channel, ts: await launchTs(h, FIRE, "education") });
    expect(textOf(update.body.blocks)).toContain("已确认收到：赵敏");
    await waitFor(() => h.slack.callsTo("views.publish").length === 1 && h.slack.callsTo("views.publish"), "Home re-published");
    const republished = h.slack.callsTo("views.publish")[0]!;
    expect(republished.body.user_id).toBe(education.liaison);
    expect(
      buttons(republished.body.view.blocks).some((b) =>
        b.value.includes('"c":"summer-fire-safety-2026","t":"acknowledge","d":"education"'),
      ),
    ).toBe(false);
    expect(await completions(`${FIRE}:acknowledge`, "education")).toHaveLength(1);
    expect(h.slack.responses).toHaveLength(0);

    // A refusal from the Home tab has no response_url: it comes as a direct message.
    await pressInHome(h, "acknowledge", refFor(FIRE, "acknowledge", "huixian"), OUTSIDER);
    const dm = await waitFor(() => h.slack.callsTo("chat.postMessage").find((c) => c.body.channel === OUTSIDER), "the refusal by DM");
    expect(callText(dm)).toContain("不能代表该单位操作");
    expect(await completions(`${FIRE}:acknowledge`, "huixian")).toHaveLength(0);
  });

  it("a changed pledge text needs new signatures: relaunching with version 2 asks the head to sign again", async () => {
    h.clock.set("2026-05-28T10:00:00+08:00");
    const { readCampaignFile, readyMadeCampaignFile } = await import("../../../src/campaigns/definition/index.ts");
    const { launchAndPost } = await import("../../../src/campaigns/launch.ts");
    const file = await readCampaignFile(readyMadeCampaignFile("summer-fire-safety"));
    const pledge = file.tasks.find((t) => t.kind === "pledge")!.pledge!;
    pledge.version = 2;
    pledge.text = {
      zh: `${pledge.text.zh}（增补：每月开展一次消防自查。）`,
      en: `${pledge.text.en} (Added: a monthly fire self-inspection.)`,
    };
    const deps = h.bot.deps;
    const outcome = await launchAndPost(
      { db: deps.db, delivery: deps.delivery, config: deps.config, logger: deps.logger },
      { file, fileName: "summer-fire-safety.yaml", launchedBy: office.liaison, now: h.clock.now() },
    );
    expect(outcome.record).toMatchObject({ created: false, pledgeUpdates: [{ taskKey: "safety-pledge", from: 1, to: 2 }] });
    expect(h.slack.callsTo("chat.postMessage").map((c) => [c.body.channel, c.body.text])).toEqual([]);

    const update = await lastUpdate(FIRE, "culture");
    expect(textOf(update!.body.blocks)).toContain("承诺书已更新（第 2 版），李明此前签署的第 1 版不再有效，需要重新签署");
    expect(buttons(update!.body.blocks).find((b) => b.actionId === "campaign_pledge_sign")?.text).toBe("重新签署");

    // The form opened before the change is refused; the new one is signed.
    const stale = await submitPledge(h, refFor(FIRE, "safety-pledge", "culture"), culture.head, 1);
    expect(Object.values(stale.json.errors).join()).toContain("承诺书已更新为第 2 版");
    const ok = await submitPledge(h, refFor(FIRE, "safety-pledge", "culture"), culture.head, 2);
    expect(ok.json?.response_action).toBeUndefined();
    const [row] = await completions(`${FIRE}:safety-pledge`, "culture");
    expect(row).toMatchObject({ pledgeVersion: 2, slackUserId: culture.head });
    expect(row!.data).toMatchObject({
      previousSignatures: [{ slackUserId: culture.head, userName: "李明", pledgeVersion: 1, signedAt: "2026-05-26T01:30:00.000Z" }],
    });
    await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === culture.head),
      "the confirmation after the form closed",
    );
  });

  it("closing the campaign takes the buttons off every launch message and refuses later clicks", async () => {
    const confirmation = await closeRun(h, "hazard-rectification-report");
    expect(callText(confirmation)).toContain("已结束“事故隐患整治情况上报”");
    const hazardPosts = new Set((await h.db.prisma.campaignTarget.findMany({ where: { campaignId: HAZARD } })).map((t) => t.messageTs));
    const updates = h.slack.callsTo("chat.update").filter((u) => hazardPosts.has(u.body.ts));
    expect(updates).toHaveLength(12);
    for (const u of updates) {
      expect(buttons(u.body.blocks)).toEqual([]);
      expect(textOf(u.body.blocks)).toContain("本行动已于5月28日 10:00结束");
    }
    h.slack.reset();
    await press(h, "report", refFor(HAZARD, "rectification-report", "hongqi"), slackIds("hongqi").liaison);
    const refusal = await waitFor(() => h.slack.responses[0], "refusal");
    expect(refusal.body.text).toContain("“事故隐患整治情况上报”已于5月28日 10:00结束，不再接受提交");
  });
});
