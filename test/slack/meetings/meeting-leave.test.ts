import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import {
  LEAVE_FIELDS,
  LEAVE_MODAL_CALLBACK,
  LEAVE_REFUSE_FIELDS,
  LEAVE_REFUSE_MODAL_CALLBACK,
  MEETING_ACTIONS,
} from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import {
  bj,
  blocksText,
  createTestMeeting,
  importTestDirectory,
  openSignIn,
  pressButton,
  setUpSlackPeople,
  submitSignIn,
} from "./fixture.ts";

/** A button anywhere in a message (accessories and actions blocks). */
function buttonsOf(post: { body: Record<string, any> }): any[] {
  return (post.body.blocks as any[]).flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.type === "actions" ? b.elements : [])]);
}

function leaveValues(reason: string | null, substitute: string | null, name: string | null = null) {
  return {
    [LEAVE_FIELDS.reason.block]: { [LEAVE_FIELDS.reason.action]: { type: "plain_text_input", value: reason } },
    [LEAVE_FIELDS.substitute.block]: { [LEAVE_FIELDS.substitute.action]: { type: "users_select", selected_user: substitute } },
    [LEAVE_FIELDS.substituteName.block]: { [LEAVE_FIELDS.substituteName.action]: { type: "plain_text_input", value: name } },
  };
}

describe.each(dbKinds())("leave (请假) asked, decided once, and shown as leave (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  let meetingId: string;

  const leaves = () => db.prisma.meetingLeave.findMany({ where: { meetingId }, orderBy: { id: "asc" } });
  const requests = () => slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【请假申请】"));
  const leaveButtonIn = (channel: string) =>
    slack
      .postsIn(channel)
      .flatMap(buttonsOf)
      .filter((b) => b.action_id === MEETING_ACTIONS.askLeave)
      .at(-1);

  async function press(userId: string, channel: string, actionId: string, value: string) {
    const before = slack.responses.length;
    await pressButton(bot.url, { userId, channel, actionId, value, messageTs: "1700000009.000100" });
    return (await waitFor(() => slack.responses[before], `the answer to ${userId}'s press`)).body;
  }

  async function openLeave(userId: string, channel: string, value = leaveButtonIn(channel)?.value): Promise<string> {
    if (!value) throw new Error(`no 请假 button in ${channel}`);
    const before = slack.callsTo("views.open").length;
    await pressButton(bot.url, { userId, channel, actionId: MEETING_ACTIONS.askLeave, value, messageTs: "1700000001.000100" });
    const opened = await waitFor(() => slack.callsTo("views.open")[before], `the leave form for ${userId}`);
    return opened.body.view.private_metadata as string;
  }

  const submitLeave = (userId: string, meta: string, values: ReturnType<typeof leaveValues>) =>
    sendInteraction(bot.url, viewSubmissionPayload({ userId, callbackId: LEAVE_MODAL_CALLBACK, privateMetadata: meta, values }));
  const refusalMeta = (departmentId: string) => JSON.stringify({ m: meetingId, d: departmentId, c: "COFFICE", l: "zh" });
  const submitRefusal = (userId: string, meta: string, reason: string) =>
    sendInteraction(
      bot.url,
      viewSubmissionPayload({
        userId,
        callbackId: LEAVE_REFUSE_MODAL_CALLBACK,
        privateMetadata: meta,
        values: {
          [LEAVE_REFUSE_FIELDS.reason.block]: { [LEAVE_REFUSE_FIELDS.reason.action]: { type: "plain_text_input", value: reason } },
        },
      }),
    );

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    slack.users.set("UWEIDEP", { real_name: "陈副市长", title: "副市长" });
    slack.channelMembers.set("CWEIHUI", ["UWEIHEAD", "UWEILIAISON", "UWEIDEP"]);
    clock = testClock("2026-05-28T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
    // Friday 29 May 2026, 15:00; sign-in 14:00–15:30. The notices go out the working day before.
    meetingId = await createTestMeeting(db.prisma, "2026-05-29 15:00", clock.now());
    await bot.tick(bj("2026-05-28 09:00"));
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("puts a 请假 button on the notice of every department with a registered head, and refuses anyone else", async () => {
    for (const channel of ["CCIVIL", "CEDU", "CWEIHUI"]) expect(leaveButtonIn(channel)?.text.text).toBe("请假");
    expect(leaveButtonIn("CCULTURE")).toBeUndefined();
    expect(blocksText(slack.postsIn("CWEIHUI")[0]!)).toContain("确实不能参会的，会前点击“请假”报安委办批准");

    const outsider = await press("UOUTSIDER", "CWEIHUI", MEETING_ACTIONS.askLeave, leaveButtonIn("CWEIHUI").value);
    expect(outsider.text).toContain("您不是卫辉市的登记人员，不能为该单位请假。");
    const noHead = await press("UCULLIAISON", "CCULTURE", MEETING_ACTIONS.askLeave, JSON.stringify({ m: meetingId, d: "culture" }));
    expect(noHead.text).toContain("文化部门尚未登记主要负责人，无法请假");
    expect(slack.callsTo("views.open")).toHaveLength(0);
    // A forged form from someone who is not of the unit stores nothing.
    const forged = await submitLeave("UOUTSIDER", JSON.stringify({ m: meetingId, d: "weihui", l: "zh" }), leaveValues("出差", "UWEIDEP"));
    expect(forged.json.errors[LEAVE_FIELDS.reason.block]).toContain("您不是卫辉市的登记人员");
    expect(await leaves()).toHaveLength(0);
  });

  it("asks the unit for a reason and a substitute, then sends one request to the office even when submitted twice", async () => {
    const meta = await openLeave("UWEILIAISON", "CWEIHUI");
    const modal = slack.callsTo("views.open").at(-1)!.body.view;
    expect(JSON.stringify(modal.blocks)).toContain("请假人：*王强（市长）*");
    const empty = await submitLeave("UWEILIAISON", meta, leaveValues(" ", null, " "));
    expect(empty.json).toEqual({
      response_action: "errors",
      errors: { [LEAVE_FIELDS.reason.block]: "请填写请假事由。", [LEAVE_FIELDS.substituteName.block]: "请选择或填写代参会人。" },
    });
    const asHead = await submitLeave("UWEILIAISON", meta, leaveValues("出差", "UWEIHEAD"));
    expect(asHead.json.errors[LEAVE_FIELDS.substitute.block]).toBe("代参会人不能是请假的主要负责人本人。");
    expect(await leaves()).toHaveLength(0);

    // The same form submitted twice at once (a double click on Submit, or Slack's retry).
    const [a, b] = await Promise.all([
      submitLeave("UWEILIAISON", meta, leaveValues("赴省里参加<防汛>调度会", "UWEIDEP")),
      submitLeave("UWEILIAISON", meta, leaveValues("赴省里参加<防汛>调度会", "UWEIDEP")),
    ]);
    const answers = [a.json?.response_action ?? "ok", b.json?.response_action ?? "ok"].sort();
    expect(answers).toEqual(["errors", "ok"]);
    const refused = (a.json?.errors ?? b.json.errors)[LEAVE_FIELDS.reason.block];
    expect(refused).toContain("本单位已于2026年5月28日 09:00提交请假（待安委办审批），无需重复提交。");

    const rows = await leaves();
    expect(rows.map((l) => [l.departmentId, l.slackUserId, l.substituteName, l.substituteSlackUserId, l.status])).toEqual([
      ["weihui", "UWEILIAISON", "陈副市长（副市长）", "UWEIDEP", "pending"],
    ]);
    const request = await waitFor(() => requests()[0], "the leave request in the office channel");
    await settle();
    expect(requests()).toHaveLength(1);
    expect(request.body.text).toBe("【请假申请】卫辉市 主要负责人 王强 · 全市安全生产工作电视电话会议");
    const text = blocksText(request);
    expect(text).toContain("事由：赴省里参加&lt;防汛&gt;调度会");
    expect(text).toContain("代参会人：陈副市长（副市长） <@UWEIDEP>");
    expect(buttonsOf(request).map((x) => x.text.text)).toEqual(["批准", "不批准…"]);
    await waitFor(
      () =>
        slack.callsTo("chat.update").some((c) => c.body.channel === "CWEIHUI" && blocksText(c).includes("主要负责人请假申请待安委办审批")),
      "weihui's notice showing the pending leave",
    );
    const confirmed = await waitFor(
      () => slack.callsTo("chat.postEphemeral").find((c) => c.body.user === "UWEILIAISON" && c.body.text.includes("请假申请已提交")),
      "the confirmation to whoever asked",
    );
    expect(confirmed.body.channel).toBe("CWEIHUI");
    // Asking again from the notice is refused before any form opens.
    const again = await press("UWEIHEAD", "CWEIHUI", MEETING_ACTIONS.askLeave, leaveButtonIn("CWEIHUI")!.value);
    expect(again.text).toContain("无需重复提交");
  });

  it("lets only the office decide, and two approvals and a refusal at once decide once", async () => {
    const value = buttonsOf(requests()[0]!)[0].value;
    expect(buttonsOf(requests()[0]!).map((b) => b.action_id)).toEqual([MEETING_ACTIONS.approveLeave, MEETING_ACTIONS.refuseLeave]);
    const notOffice = await press("UWEIHEAD", "COFFICE", MEETING_ACTIONS.approveLeave, value);
    expect(notOffice.text).toContain("只有安委办工作人员可以审批请假。");
    const notOfficeRefuse = await press("UWEIHEAD", "COFFICE", MEETING_ACTIONS.refuseLeave, value);
    expect(notOfficeRefuse.text).toContain("只有安委办工作人员可以审批请假。");
    const forgedRefusal = await submitRefusal("UWEIHEAD", refusalMeta("weihui"), "不行");
    expect(forgedRefusal.json.errors[LEAVE_REFUSE_FIELDS.reason.block]).toBe("只有安委办工作人员可以审批请假。");
    expect((await leaves())[0]!.status).toBe("pending");

    slack.reset();
    clock.set("2026-05-28T10:00:00+08:00");
    const before = slack.responses.length;
    const approve = (userId: string) =>
      pressButton(bot.url, { userId, channel: "COFFICE", actionId: MEETING_ACTIONS.approveLeave, value, messageTs: "1700000009.000100" });
    const [, refusal] = await Promise.all([
      approve("UOFFICE"),
      submitRefusal("UOFFHEAD", refusalMeta("weihui"), "会议重要"),
      approve("UOFFICE"),
    ]);
    const answers = await waitFor(() => slack.responses.length >= before + 2 && slack.responses.slice(before), "both approvals answered");
    const row = (await leaves())[0]!;
    expect(row.status === "approved" || row.status === "refused").toBe(true);
    const approvedOnce = answers.filter((r) => r.body.text.startsWith("✅ 已批准")).length;
    const refusedOnce = refusal.json === null ? 1 : 0;
    expect(approvedOnce + refusedOnce).toBe(1);
    const lost = [
      ...answers.filter((r) => r.body.text.includes("无需重复处理")).map((r) => r.body.text as string),
      ...(refusal.json ? [refusal.json.errors[LEAVE_REFUSE_FIELDS.reason.block] as string] : []),
    ];
    expect(lost).toHaveLength(2);
    expect(lost[0]).toContain(`<@${row.decidedBy}>`);
    await settle();
    const decisions = slack.postsIn("CWEIHUI").filter((p) => /^【请假(已批准|未获批准)】/.test(p.body.text));
    expect(decisions).toHaveLength(1);
    expect(
      await db.prisma.auditEntry.count({ where: { action: { in: ["meeting.leave-approve", "meeting.leave-refuse"] }, outcome: "ok" } }),
    ).toBe(1);
    // The office's request is rendered again with the decision instead of the buttons.
    const updated = slack.callsTo("chat.update").filter((c) => c.body.channel === "COFFICE");
    expect(updated.length).toBeGreaterThan(0);
    expect(JSON.stringify(updated.at(-1)!.body.blocks)).not.toContain(MEETING_ACTIONS.approveLeave);
    // 不批准… on a leave already decided says who decided, and opens no form.
    const late = await press("UOFFICE", "COFFICE", MEETING_ACTIONS.refuseLeave, value);
    expect(late.text).toContain("无需重复处理");
    expect(slack.callsTo("views.open")).toHaveLength(0);
  });

  it("refuses only with a reason, which the head sees, and lets the unit ask again until the meeting starts", async () => {
    // The race above may have gone either way; make weihui's approved for the rest of the story.
    await db.prisma.meetingLeave.updateMany({
      where: { meetingId, departmentId: "weihui" },
      data: { status: "approved", decidedBy: "UOFFICE", decisionNote: null },
    });

    // 教育部门's head asks himself, and the office refuses, giving why.
    const meta = await openLeave("UEDUHEAD", "CEDU", JSON.stringify({ m: meetingId, d: "education" }));
    await submitLeave("UEDUHEAD", meta, leaveValues("另有公务", null, "钱伟副局长"));
    const request = await waitFor(() => requests().find((p) => p.body.text.includes("教育部门")), "education's request");
    const formsBefore = slack.callsTo("views.open").length;
    await pressButton(bot.url, {
      userId: "UOFFICE",
      channel: "COFFICE",
      actionId: MEETING_ACTIONS.refuseLeave,
      value: buttonsOf(request)[1].value,
      messageTs: "1700000009.000100",
    });
    const form = (await waitFor(() => slack.callsTo("views.open")[formsBefore], "the refusal form")).body.view;
    expect(form.callback_id).toBe(LEAVE_REFUSE_MODAL_CALLBACK);
    expect(blocksText({ body: form })).toContain("事由：另有公务");
    const empty = await submitRefusal("UOFFICE", form.private_metadata, "  ");
    expect(empty.json).toEqual({ response_action: "errors", errors: { [LEAVE_REFUSE_FIELDS.reason.block]: "请写明不批准的理由。" } });
    expect((await leaves()).find((l) => l.departmentId === "education")!.status).toBe("pending");

    const refused = await submitRefusal("UOFFICE", form.private_metadata, "本次会议部署<防汛>重点任务，须主要负责人本人参加");
    expect(refused.json).toBeNull();
    const confirmed = await waitFor(
      () => slack.callsTo("chat.postEphemeral").find((c) => c.body.user === "UOFFICE" && c.body.text.includes("已不批准")),
      "the office member's confirmation",
    );
    expect(confirmed.body).toMatchObject({ channel: "COFFICE", text: "⛔ 已不批准教育部门主要负责人请假，已通知该单位。" });
    const told = await waitFor(() => slack.postsIn("CEDU").find((p) => p.body.text.startsWith("【请假未获批准】")), "the refusal in 教育");
    const toldText = blocksText(told);
    expect(toldText).toContain("<@UEDUHEAD> 安委办未批准主要负责人请假，*主要负责人须本人参会*并签到。");
    expect(toldText).toContain("理由：本次会议部署&lt;防汛&gt;重点任务，须主要负责人本人参加");
    expect(toldText).toContain("如确实无法参会，可在会议开始（2026年5月29日（周五）15:00）前在会议通知中再次点击“请假”");
    // The notice shows the refusal with its reason, and offers 请假 again.
    const notice = await waitFor(
      () =>
        slack
          .callsTo("chat.update")
          .filter((c) => c.body.channel === "CEDU" && blocksText(c).includes("主要负责人请假未获批准"))
          .at(-1),
      "education's notice showing the refusal",
    );
    expect(blocksText(notice)).toContain(
      "理由：本次会议部署&lt;防汛&gt;重点任务，须主要负责人本人参加。确有困难可在会前再次点击“请假”说明情况。",
    );
    expect(buttonsOf(notice).map((b) => b.action_id)).toContain(MEETING_ACTIONS.askLeave);
    const refusalAudit = await db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "meeting.leave-refuse", departmentId: "education" },
    });
    expect(refusalAudit.detail).toMatchObject({ round: 1, note: "本次会议部署<防汛>重点任务，须主要负责人本人参加" });

    // The deputy asks again for the head: the same row's second round, a request of its own to the office.
    const again = await openLeave("UEDUDEPUTY", "CEDU", JSON.stringify({ m: meetingId, d: "education" }));
    // Submitted twice at once: one second round, the other told it is already asked.
    const reasonAgain = "赵局长须陪同省督导组检查，已报分管市领导同意";
    const twice = await Promise.all([1, 2].map(() => submitLeave("UEDUDEPUTY", again, leaveValues(reasonAgain, null, "钱伟副局长"))));
    expect(twice.filter((r) => r.json === null)).toHaveLength(1);
    expect(twice.find((r) => r.json !== null)!.json.errors[LEAVE_FIELDS.reason.block]).toContain("待安委办审批），无需重复提交");
    const row = (await leaves()).find((l) => l.departmentId === "education")!;
    expect(row).toMatchObject({ status: "pending", round: 2, decidedBy: null, decisionNote: null, slackUserId: "UEDUDEPUTY" });
    const second = await waitFor(
      () =>
        requests()
          .filter((p) => p.body.text.includes("教育部门"))
          .find((p) => blocksText(p).includes("第 2 次申请")),
      "the second request",
    );
    expect(blocksText(second)).toContain("🙋 请假申请：教育部门（第 2 次申请，此前未获批准）");
    expect(blocksText(second)).toContain("事由：赵局长须陪同省督导组检查，已报分管市领导同意");
    expect(buttonsOf(second).map((b) => b.text.text)).toEqual(["批准", "不批准…"]);
    const asked = await db.prisma.auditEntry.findMany({
      where: { action: "meeting.leave-request", departmentId: "education" },
      orderBy: { id: "asc" },
    });
    expect(asked.map((a) => (a.detail as { round: number; reason: string }).reason)).toEqual([
      "另有公务",
      "赵局长须陪同省督导组检查，已报分管市领导同意",
    ]);

    // Refused again: its decision is a post of its own (the first one stays as it was).
    const secondForm = slack.callsTo("views.open").length;
    await pressButton(bot.url, {
      userId: "UOFFICE",
      channel: "COFFICE",
      actionId: MEETING_ACTIONS.refuseLeave,
      value: buttonsOf(second)[1].value,
      messageTs: "1700000010.000100",
    });
    const form2 = (await waitFor(() => slack.callsTo("views.open")[secondForm], "the second refusal form")).body.view;
    expect((await submitRefusal("UOFFICE", form2.private_metadata, "督导检查可由分管副局长陪同")).json).toBeNull();
    await waitFor(
      () => slack.postsIn("CEDU").filter((p) => p.body.text.startsWith("【请假未获批准】")).length === 2,
      "the second refusal in 教育",
    );
    expect(blocksText(slack.postsIn("CEDU").filter((p) => p.body.text.startsWith("【请假未获批准】"))[1]!)).toContain(
      "理由：督导检查可由分管副局长陪同",
    );
  });

  it("reports the approved leave as 请假, not as a head who skipped, and keeps it out of the summons count", async () => {
    clock.set("2026-05-29T14:40:00+08:00");
    await bot.tick(bj("2026-05-29 14:00"));
    const meta = await openSignIn(bot.url, slack, "UWEIDEP", "CWEIHUI");
    await submitSignIn(bot.url, "UWEIDEP", meta, "deputy", "副市长");
    await waitFor(async () => (await db.prisma.signIn.count({ where: { meetingId } })) === 1, "the substitute's sign-in");

    slack.reset();
    await bot.tick(bj("2026-05-29 15:30"));
    const report = await waitFor(() => slack.postsIn("COFFICE").find((p) => p.body.text.startsWith("【会议签到情况】")), "the report");
    expect(report.body.text).toContain("应到 4 个单位：主要负责人本人参会 0 个，请假 1 个，他人代参会 0 个，缺席 3 个");
    expect(/主要负责人未本人参会：(.*)$/.exec(report.body.text)?.[1]).toBe("赵刚、李明");
    const text = blocksText(report);
    expect(text).toContain("🟦 请假（已批准，1）");
    expect(text).toContain(
      "*卫辉市* · 主要负责人 王强（市长）请假（事由：赴省里参加&lt;防汛&gt;调度会） · 代参会：陈副市长（副市长） 14:40",
    );
    // The substitute still briefs the head.
    const briefing = await db.prisma.briefing.findUnique({ where: { meetingId_departmentId: { meetingId, departmentId: "weihui" } } });
    expect(briefing).toMatchObject({ deputySlackUserId: "UWEIDEP", headSlackUserId: "UWEIHEAD" });

    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { user_id: "UOFFICE", text: "缺席", channel_id: "COFFICE" });
    const record = (await waitFor(() => slack.responses[before], "the absence record")).body;
    const shown = JSON.stringify(record.blocks);
    expect(shown).toContain("• *王强（市长）* · 卫辉市 · 应本人参会 1 次，未本人参会 0 次，请假 1 次（已批准，不计入约谈）");
    expect(shown).toContain("— 请假（已批准）：赴省里参加&lt;防汛&gt;调度会，代参会：陈副市长（副市长）");
    expect(shown).toContain("• *赵刚（局长）* · 教育部门 · 应本人参会 1 次，未本人参会 1 次");
  });
});
