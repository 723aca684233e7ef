import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { MEETING_ACTIONS, SIGN_IN_FIELDS } from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import {
  bj,
  blocksText,
  createTestMeeting,
  DEPT_CHANNELS,
  importTestDirectory,
  messageWithButton,
  openSignIn,
  pressButton,
  setUpSlackPeople,
  submitSignIn,
} from "./fixture.ts";

describe.each(dbKinds())("a mandatory meeting run through the bot (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  let meetingId: string;

  const posts = (channel: string) => slack.postsIn(channel).filter((p) => channel !== "COFFICE" || /^【(会议|传达)/.test(p.body.text));
  /** What the meeting feature posted (the office channel also gets the weekly digest). */
  const meetingPosts = () => [...DEPT_CHANNELS, "COFFICE"].flatMap(posts);
  const lastResponse = () => waitFor(() => slack.responses.at(-1), "an ephemeral answer");
  const signIns = () => db.prisma.signIn.findMany({ where: { meetingId }, orderBy: { id: "asc" } });

  /** Presses a button and waits for the ephemeral answer to that press. */
  async function press(userId: string, channel: string, actionId: string, value?: string) {
    const message = messageWithButton(slack, channel, actionId);
    if (!message && !value) throw new Error(`no ${actionId} button in ${channel}`);
    const before = slack.responses.length;
    await pressButton(bot.url, { userId, channel, actionId, value: value ?? message!.button.value, messageTs: "1700000009.000100" });
    return (await waitFor(() => slack.responses[before], `the answer to ${userId}'s press`)).body;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    clock = testClock("2026-05-25T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
    // Friday 29 May 2026, 15:00; sign-in 14:00–15:30.
    meetingId = await createTestMeeting(db.prisma, "2026-05-29 15:00", clock.now());
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("posts the notice on the working day before, once, to every required department and nowhere else", async () => {
    await bot.tick(bj("2026-05-27 09:00"));
    expect(meetingPosts()).toHaveLength(0);
    await bot.tick(bj("2026-05-28 09:00"));
    await bot.tick(bj("2026-05-28 09:01"));
    for (const channel of DEPT_CHANNELS) {
      expect(posts(channel)).toHaveLength(1);
      expect(posts(channel)[0]!.body.text).toContain("【会议通知】全市安全生产工作电视电话会议 · 2026年5月29日（周五）15:00");
      expect(messageWithButton(slack, channel, MEETING_ACTIONS.signIn)?.button.text.text).toBe("签到");
    }
    expect(meetingPosts()).toHaveLength(4);
  });

  it("refuses a sign-in before the window opens, with the window's times", async () => {
    clock.set("2026-05-29T13:30:00+08:00");
    const answer = await press("UCIVHEAD", "CCIVIL", MEETING_ACTIONS.signIn);
    expect(answer.text).toContain("签到尚未开始。签到时间：2026年5月29日 14:00 至 15:30（北京时间）。");
    expect(slack.callsTo("views.open")).toHaveLength(0);
  });

  it("posts the sign-in-open and 30-minute notices at their times", async () => {
    await bot.tick(bj("2026-05-29 14:00"));
    for (const channel of DEPT_CHANNELS)
      expect(posts(channel).map((p) => p.body.text.slice(0, 9))).toEqual(["【会议通知】全市安", "【会议签到已开始】"]);
    await bot.tick(bj("2026-05-29 14:30"));
    await bot.tick(bj("2026-05-29 14:31"));
    for (const channel of DEPT_CHANNELS) expect(posts(channel)).toHaveLength(3);
    expect(posts("CEDU")[2]!.body.text).toContain("【会议 30 分钟后开始】");
  });

  it("records the head who signs in in person, and updates the department's notices in place", async () => {
    clock.set("2026-05-29T14:35:00+08:00");
    const meta = await openSignIn(bot.url, slack, "UCIVHEAD", "CCIVIL");
    const modal = slack.callsTo("views.open").at(-1)!.body.view;
    expect(JSON.stringify(modal.blocks)).toContain("签到单位：*民政部门*　签到人：*李明*");
    const res = await submitSignIn(bot.url, "UCIVHEAD", meta, "head");
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    const updates = await waitFor(() => {
      const u = slack.callsTo("chat.update").filter((c) => c.body.channel === "CCIVIL");
      return u.length === 3 && u;
    }, "the three notices in 民政 updated");
    for (const u of updates) expect(blocksText(u)).toContain("李明（局长） · 主要负责人本人 · 14:35");
    expect((await signIns()).map((s) => [s.departmentId, s.slackUserId, s.role, s.title])).toEqual([
      ["civil-affairs", "UCIVHEAD", "head", "局长"],
    ]);
    const confirmation = await waitFor(
      () => slack.callsTo("chat.postEphemeral").find((c) => c.body.user === "UCIVHEAD"),
      "the ephemeral confirmation",
    );
    expect(confirmation.body.text).toContain("签到成功：李明（主要负责人本人）");
  });

  it("makes a deputy give a title, and refuses the deputy's claim to be the head", async () => {
    clock.set("2026-05-29T14:40:00+08:00");
    const meta = await openSignIn(bot.url, slack, "UEDUDEPUTY", "CEDU");
    const asHead = await submitSignIn(bot.url, "UEDUDEPUTY", meta, "head");
    expect(asHead.json).toMatchObject({ response_action: "errors" });
    expect(asHead.json.errors[SIGN_IN_FIELDS.role.block]).toContain("教育部门登记的主要负责人是赵刚，只有其本人可以以主要负责人身份签到");
    const noTitle = await submitSignIn(bot.url, "UEDUDEPUTY", meta, "deputy", " ");
    expect(noTitle.json).toEqual({
      response_action: "errors",
      errors: { [SIGN_IN_FIELDS.title.block]: "代主要负责人参会，请填写您的职务。" },
    });
    expect(await signIns()).toHaveLength(1);
    const ok = await submitSignIn(bot.url, "UEDUDEPUTY", meta, "deputy", "副局长");
    expect(ok.json?.response_action).toBeUndefined();
    await waitFor(
      () =>
        slack.callsTo("chat.update").some((c) => c.body.channel === "CEDU" && blocksText(c).includes("钱伟（副局长） · 代主要负责人参会")),
      "education's notice updated",
    );
    expect((await signIns()).map((s) => [s.slackUserId, s.role, s.title])).toEqual([
      ["UCIVHEAD", "head", "局长"],
      ["UEDUDEPUTY", "deputy", "副局长"],
    ]);
  });

  it("refuses an outsider and a member of another department, and stores nothing, even for a forged form", async () => {
    const before = slack.callsTo("views.open").length;
    const outsider = await press("UOUTSIDER", "CWEIHUI", MEETING_ACTIONS.signIn);
    expect(outsider.text).toContain("您不是卫辉市的登记人员，不能为该单位签到");
    const otherDept = await press("UCIVLIAISON", "CEDU", MEETING_ACTIONS.signIn);
    expect(otherDept.text).toContain("您不是教育部门的登记人员");
    expect(slack.callsTo("views.open")).toHaveLength(before);
    // The form posted straight to the bot, as if the button had let them through.
    const forged = JSON.stringify({ m: meetingId, d: "weihui", l: "zh" });
    const res = await submitSignIn(bot.url, "UOUTSIDER", forged, "head");
    expect(res.json.errors[SIGN_IN_FIELDS.role.block]).toContain("您不是卫辉市的登记人员");
    expect((await signIns()).map((s) => s.slackUserId)).toEqual(["UCIVHEAD", "UEDUDEPUTY"]);
  });

  it("records a second sign-in by the same person once, and says when the first was", async () => {
    const again = await press("UCIVHEAD", "CCIVIL", MEETING_ACTIONS.signIn);
    expect(again.text).toContain("您已于2026年5月29日 14:35签到（主要负责人本人），无需重复签到。");
    // A double submit of a form opened before the first went through.
    const stale = JSON.stringify({ m: meetingId, d: "civil-affairs", c: "CCIVIL", l: "zh" });
    const res = await submitSignIn(bot.url, "UCIVHEAD", stale, "head");
    expect(res.status).toBe(200);
    const told = await waitFor(
      () => slack.callsTo("chat.postEphemeral").find((c) => c.body.user === "UCIVHEAD" && c.body.text.includes("无需重复签到")),
      "the already-signed-in answer",
    );
    expect(told.body.channel).toBe("CCIVIL");
    expect(await db.prisma.signIn.count({ where: { meetingId, slackUserId: "UCIVHEAD" } })).toBe(1);
  });

  it("lets someone sign in for a department with no registered head, as its deputy", async () => {
    const meta = await openSignIn(bot.url, slack, "UCULLIAISON", "CCULTURE");
    await submitSignIn(bot.url, "UCULLIAISON", meta, "deputy", "副局长");
    await waitFor(async () => (await signIns()).length === 3, "culture's sign-in");
    expect((await signIns()).at(-1)).toMatchObject({ departmentId: "culture", role: "deputy", title: "副局长" });
  });

  it("closes on time: two ticks at once post one report naming exactly the heads who skipped", async () => {
    slack.reset();
    await Promise.all([bot.tick(bj("2026-05-29 15:30")), bot.tick(bj("2026-05-29 15:30"))]);
    const reports = posts("COFFICE").filter((p) => p.body.text.startsWith("【会议签到情况】"));
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(/主要负责人未本人参会：(.*)$/.exec(report.body.text)?.[1]).toBe("赵刚、王强");
    const text = blocksText(report);
    expect(text).toContain("应到 4 个单位：主要负责人本人参会 1 个，他人代参会 2 个，缺席 1 个；1 个单位未登记主要负责人");
    expect(text).toContain("*教育部门* · 主要负责人 赵刚（局长）未本人参会 · 代参会：钱伟（副局长） 14:40");
    expect(text).toContain("*卫辉市* · 主要负责人 王强（市长） · 无人签到");
    expect(text).toContain("*文化部门* · 未登记主要负责人 · 代参会：吴敏（副局长）");
    expect(text).toContain("民政部门 · 李明（局长） 14:35");
    expect(text).toContain("2026年6月2日 18:00 前确认");
    expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      status: "closed",
      closedBy: "schedule",
    });
  });

  it("opens a briefing follow-up with a confirmation message for each department whose head did not come", async () => {
    const briefings = await db.prisma.briefing.findMany({ where: { meetingId }, orderBy: { departmentId: "asc" } });
    expect(briefings.map((b) => [b.departmentId, b.deputySlackUserId, b.headSlackUserId, b.dueAt])).toEqual([
      ["culture", "UCULLIAISON", null, bj("2026-06-02 18:00")],
      ["education", "UEDUDEPUTY", "UEDUHEAD", bj("2026-06-02 18:00")],
      ["weihui", null, "UWEIHEAD", bj("2026-06-02 18:00")],
    ]);
    expect(posts("CCIVIL")).toHaveLength(0);
    for (const channel of ["CEDU", "CWEIHUI", "CCULTURE"])
      expect(posts(channel).filter((p) => p.body.text.startsWith("【会议精神传达确认】"))).toHaveLength(1);
    const edu = messageWithButton(slack, "CEDU", MEETING_ACTIONS.confirmDeputy)!;
    expect(blocksText(edu.post)).toContain("已听取传达");
    expect(messageWithButton(slack, "CWEIHUI", MEETING_ACTIONS.confirmDeputy)).toBeUndefined();
    // Nobody came from 卫辉市: the head has nobody to listen to, so the button says the briefing was held.
    expect(messageWithButton(slack, "CWEIHUI", MEETING_ACTIONS.confirmHead)!.button.text.text).toBe("已组织传达学习");
    expect(blocksText(messageWithButton(slack, "CWEIHUI", MEETING_ACTIONS.confirmHead)!.post)).not.toContain("听取");
    // The notices lose their buttons.
    const closedNotices = slack.callsTo("chat.update").filter((c) => blocksText(c).includes("签到已结束"));
    expect(closedNotices).toHaveLength(12);
    expect(closedNotices.every((c) => !blocksText(c).includes(MEETING_ACTIONS.signIn))).toBe(true);
  });

  it("refuses a sign-in after the window, with its times", async () => {
    clock.set("2026-05-29T15:40:00+08:00");
    const before = slack.responses.length;
    await pressButton(bot.url, {
      userId: "UWEILIAISON",
      channel: "CWEIHUI",
      actionId: MEETING_ACTIONS.signIn,
      value: JSON.stringify({ m: meetingId, d: "weihui" }),
      messageTs: "1700000001.000100",
    });
    const answer = await waitFor(() => slack.responses[before], "the refusal");
    expect(answer.body.text).toContain("本次会议签到已结束（签到时间：2026年5月29日 14:00 至 15:30（北京时间））。");
    expect(await db.prisma.signIn.count({ where: { meetingId, slackUserId: "UWEILIAISON" } })).toBe(0);
  });

  it("lets each briefing button be pressed only by the person it names", async () => {
    clock.set("2026-05-29T16:00:00+08:00");
    const wrong = await press("UEDUHEAD", "CEDU", MEETING_ACTIONS.confirmDeputy);
    expect(wrong.text).toContain("只有代参会人 钱伟 本人可以点击“已向主要负责人原原本本传达”。");
    const outsider = await press("UCIVHEAD", "CEDU", MEETING_ACTIONS.confirmHead);
    expect(outsider.text).toContain("只有主要负责人 赵刚 本人可以点击“已听取传达”。");
    expect(await db.prisma.briefing.findFirstOrThrow({ where: { meetingId, departmentId: "education" } })).toMatchObject({
      deputyConfirmedAt: null,
      headConfirmedAt: null,
    });

    const updatesBefore = slack.callsTo("chat.update").length;
    const right = await press("UEDUDEPUTY", "CEDU", MEETING_ACTIONS.confirmDeputy);
    expect(right.text).toContain("已记录：您已向主要负责人原原本本传达会议精神");
    const updated = await waitFor(
      () =>
        slack
          .callsTo("chat.update")
          .slice(updatesBefore)
          .find((c) => c.body.channel === "CEDU"),
      "the confirmation message updated",
    );
    expect(blocksText(updated)).toContain("✅ 代参会人 钱伟 <@UEDUDEPUTY>：已确认已原原本本传达会议精神 · 2026年5月29日 16:00");
    expect(blocksText(updated)).not.toContain(MEETING_ACTIONS.confirmDeputy);
    const twice = await press("UEDUDEPUTY", "CEDU", MEETING_ACTIONS.confirmDeputy);
    expect(twice.text).toContain("您已于2026年5月29日 16:00确认过");
    expect((await db.prisma.briefing.findFirstOrThrow({ where: { meetingId, departmentId: "education" } })).deputyConfirmedAt).toEqual(
      bj("2026-05-29 16:00"),
    );
  });

  it("reminds across the weekend on working mornings, naming only who has not confirmed, then lists the overdue to the office once", async () => {
    const weihuiHeadButton = messageWithButton(slack, "CWEIHUI", MEETING_ACTIONS.confirmHead)!.button.value as string;
    slack.reset();
    const reminders = (channel: string) => posts(channel).filter((p) => p.body.thread_ts);
    await bot.tick(bj("2026-05-30 09:00"));
    await bot.tick(bj("2026-05-31 09:00"));
    expect(meetingPosts()).toHaveLength(0);

    await bot.tick(bj("2026-06-01 09:00"));
    await bot.tick(bj("2026-06-01 09:30"));
    expect(reminders("CEDU")).toHaveLength(1);
    expect(reminders("CEDU")[0]!.body.text).toContain("<@UEDUHEAD> 请确认已听取传达");
    expect(reminders("CEDU")[0]!.body.text).not.toContain("UEDUDEPUTY");
    expect(String(reminders("CEDU")[0]!.body.reply_broadcast)).toBe("true");
    expect(reminders("CWEIHUI")[0]!.body.text).toContain("<@UWEIHEAD>");
    expect(reminders("CCULTURE")[0]!.body.text).toContain("<@UCULLIAISON> 请确认已向主要负责人原原本本传达");
    expect(meetingPosts()).toHaveLength(3);

    await bot.tick(bj("2026-06-02 09:00"));
    expect(reminders("CEDU").at(-1)!.body.text).toContain("今天 18:00 截止");
    expect(meetingPosts()).toHaveLength(6);

    clock.set("2026-06-02T10:00:00+08:00");
    const confirmed = await press("UWEIHEAD", "CWEIHUI", MEETING_ACTIONS.confirmHead, weihuiHeadButton);
    expect(confirmed.text).toContain("已记录：您已组织传达学习会议精神。");

    await bot.tick(bj("2026-06-02 18:30"));
    expect(meetingPosts()).toHaveLength(6);
    await Promise.all([bot.tick(bj("2026-06-03 09:00")), bot.tick(bj("2026-06-03 09:00"))]);
    await bot.tick(bj("2026-06-03 09:01"));
    const overdue = posts("COFFICE");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.body.text).toBe("【传达逾期】全市安全生产工作电视电话会议：2 个单位未按期确认传达会议精神");
    const text = blocksText(overdue[0]!);
    expect(text).toContain("*教育部门* · 主要负责人 赵刚 未确认已听取传达");
    expect(text).toContain("*文化部门* · 代参会人 吴敏 未确认已传达");
    expect(text).not.toContain("卫辉市");
    await settle(50);
    expect(meetingPosts()).toHaveLength(7);
  });
});
