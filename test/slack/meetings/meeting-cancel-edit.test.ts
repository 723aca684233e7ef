import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { CREATE_FIELDS, EDIT_MODAL_CALLBACK, MEETING_ACTIONS } from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
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

function editValues(over: { title: string; date: string; time: string; closesAfter: string; departments: string[] }) {
  return {
    [CREATE_FIELDS.title.block]: { [CREATE_FIELDS.title.action]: { type: "plain_text_input", value: over.title } },
    [CREATE_FIELDS.date.block]: { [CREATE_FIELDS.date.action]: { type: "datepicker", selected_date: over.date } },
    [CREATE_FIELDS.time.block]: { [CREATE_FIELDS.time.action]: { type: "timepicker", selected_time: over.time } },
    [CREATE_FIELDS.opensBefore.block]: { [CREATE_FIELDS.opensBefore.action]: { type: "number_input", value: "60" } },
    [CREATE_FIELDS.closesAfter.block]: { [CREATE_FIELDS.closesAfter.action]: { type: "number_input", value: over.closesAfter } },
    [CREATE_FIELDS.groups.block]: { [CREATE_FIELDS.groups.action]: { type: "checkboxes", selected_options: [] } },
    [CREATE_FIELDS.departments.block]: {
      [CREATE_FIELDS.departments.action]: { type: "multi_static_select", selected_options: over.departments.map((value) => ({ value })) },
    },
    [CREATE_FIELDS.headMustAttend.block]: {
      [CREATE_FIELDS.headMustAttend.action]: { type: "checkboxes", selected_options: [{ value: "head-must-attend" }] },
    },
    [CREATE_FIELDS.briefingDays.block]: { [CREATE_FIELDS.briefingDays.action]: { type: "number_input", value: "2" } },
  };
}

describe.each(dbKinds())("meetings that change: reschedule, edit, cancel (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;

  const ask = async (userId: string, text: string, channel = "COFFICE") => {
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { user_id: userId, text, channel_id: channel });
    return (await waitFor(() => slack.responses[before], `the answer to "${text}"`)).body;
  };
  const startsWith = (channel: string, prefix: string) => slack.postsIn(channel).filter((p) => p.body.text.startsWith(prefix));
  const updatesIn = (channel: string) => slack.callsTo("chat.update").filter((c) => c.body.channel === channel);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    clock = testClock("2026-05-25T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  describe("rescheduling", () => {
    let id: string;
    beforeAll(async () => {
      // Friday 29 May 2026, 15:00; sign-in 14:00–15:30.
      id = await createTestMeeting(db.prisma, "2026-05-29 15:00", clock.now());
      await bot.tick(bj("2026-05-28 09:00"));
      expect(startsWith("CEDU", "【会议通知】")).toHaveLength(1);
    });

    it("refuses anyone but the office, and a date it cannot read, changing nothing", async () => {
      clock.set("2026-05-28T10:00:00+08:00");
      const outsider = await ask("UCIVHEAD", `会议 改期 ${id} 2026-06-01 15:00`, "CCIVIL");
      expect(outsider.text).toContain("只有安委办工作人员可以会议改期。");
      const unreadable = await ask("UOFFICE", `会议 改期 ${id} 下周一`);
      expect(unreadable.text).toContain(`请写新的日期和开始时间，例如 /redline 会议 改期 ${id} 2026-06-01 15:00。`);
      const past = await ask("UOFFICE", `会议 改期 ${id} 2026-05-27 15:00`);
      expect(past.text).toContain("签到截止时间（2026年5月27日 15:30）已过");
      expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ revision: 0, startsAt: bj("2026-05-29 15:00") });
      expect(slack.callsTo("chat.postMessage").filter((p) => p.body.text.startsWith("【会议变更】"))).toHaveLength(0);
    });

    it("moves the meeting and its window, tells every department what changed, and updates the earlier notice", async () => {
      const answer = await ask("UOFFICE", `会议 改期 ${id} 2026-06-01 15:00`);
      expect(answer.text).toContain("已修改「全市安全生产工作电视电话会议」（第 1 次变更）");
      expect(answer.text).toContain("会议时间：2026年5月29日（周五）15:00 → *2026年6月1日（周一）15:00*");
      for (const channel of DEPT_CHANNELS) {
        const changed = startsWith(channel, "【会议变更】");
        expect(changed).toHaveLength(1);
        const text = blocksText(changed[0]!);
        expect(text).toContain("*变更内容*");
        expect(text).toContain("• 签到时间：2026年5月29日 14:00 至 15:30（北京时间） → *2026年6月1日 14:00 至 15:30（北京时间）*");
        expect(text).toContain("会议时间：2026年6月1日（周一）15:00\\n签到时间：2026年6月1日 14:00 至 15:30（北京时间）");
        const updated = updatesIn(channel).find((u) => u.body.text.startsWith("【会议通知】"))!;
        expect(updated.body.text).toContain("【会议通知】全市安全生产工作电视电话会议 · 2026年6月1日（周一）15:00");
      }
      const office = startsWith("COFFICE", "【会议变更】");
      expect(office).toHaveLength(1);
      expect(blocksText(office[0]!)).toContain("由 <@UOFFICE> 修改（第 1 次变更）。已向 4 个单位重新发出通知。");
      const row = await db.prisma.meeting.findUniqueOrThrow({ where: { id }, include: { revisions: true } });
      expect(row).toMatchObject({ revision: 1, startsAt: bj("2026-06-01 15:00"), signInClosesAt: bj("2026-06-01 15:30") });
      expect(row.revisions.map((r) => [r.revision, r.changedBy])).toEqual([[1, "UOFFICE"]]);
    });

    it("posts the new schedule's notices at the new times, and nothing at the old ones", async () => {
      slack.reset();
      await bot.tick(bj("2026-05-29 09:00"));
      // The working day before Monday is Friday: the notice goes out again for the new date.
      for (const channel of DEPT_CHANNELS) expect(slack.postsIn(channel).map((p) => p.body.text.slice(0, 6))).toEqual(["【会议通知】"]);
      await bot.tick(bj("2026-05-29 14:00"));
      await bot.tick(bj("2026-05-29 15:30"));
      expect(slack.callsTo("chat.postMessage")).toHaveLength(4);
      expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "scheduled" });
      await bot.tick(bj("2026-06-01 14:00"));
      for (const channel of DEPT_CHANNELS) {
        expect(startsWith(channel, "【会议签到已开始】")).toHaveLength(1);
        expect(messageWithButton(slack, channel, MEETING_ACTIONS.signIn)).toBeDefined();
      }
    });

    it("voids a sign-in the new time makes meaningless, and says so", async () => {
      clock.set("2026-06-01T14:10:00+08:00");
      const meta = await openSignIn(bot.url, slack, "UCIVHEAD", "CCIVIL");
      await submitSignIn(bot.url, "UCIVHEAD", meta, "head");
      await waitFor(async () => (await db.prisma.signIn.count({ where: { meetingId: id } })) === 1, "the sign-in");
      const answer = await ask("UOFFICE", `会议 改期 ${id} 2026-06-02 15:00`);
      expect(answer.text).toContain("1 人的签到不在新的签到时间内（或单位不再参会），已作废，需重新签到。");
      expect(await db.prisma.signIn.count({ where: { meetingId: id } })).toBe(0);
      const audit = await db.prisma.auditEntry.findFirstOrThrow({
        where: { action: "meeting.edit", subject: `meeting:${id}` },
        orderBy: { id: "desc" },
      });
      expect(JSON.stringify(audit.detail)).toContain("UCIVHEAD");
      expect(blocksText(startsWith("COFFICE", "【会议变更】").at(-1)!)).toContain("已作废的签到（不在新的签到时间内或单位不再参会）：李明");
    });
  });

  describe("editing in the form", () => {
    let id: string;
    beforeAll(async () => {
      clock.set("2026-06-03T09:00:00+08:00");
      id = await createTestMeeting(db.prisma, "2026-06-05 10:00", clock.now());
      await bot.tick(bj("2026-06-04 09:00"));
    });

    it("opens the form filled with the meeting, for the office only", async () => {
      clock.set("2026-06-04T11:00:00+08:00");
      const refused = await ask("UCIVHEAD", `会议 修改 ${id}`, "CCIVIL");
      expect(refused.text).toContain("只有安委办工作人员可以修改会议。");
      const before = slack.callsTo("views.open").length;
      await sendSlashCommand(bot.url, { user_id: "UOFFICE", text: `会议 修改 ${id}`, channel_id: "COFFICE", trigger_id: "t.1" });
      const view = (await waitFor(() => slack.callsTo("views.open")[before], "the edit form")).body.view;
      expect(view.callback_id).toBe(EDIT_MODAL_CALLBACK);
      const text = JSON.stringify(view.blocks);
      expect(text).toContain('"initial_value":"全市安全生产工作电视电话会议"');
      expect(text).toContain('"initial_date":"2026-06-05"');
      expect(text).toContain('"initial_time":"10:00"');
      expect(text).toContain('"initial_value":"30"');
      expect(JSON.parse(view.private_metadata)).toEqual({ l: "zh", c: "COFFICE", m: id, v: 0 });
    });

    it("takes a department off and lengthens the window; the department is told it need not come", async () => {
      const meta = JSON.stringify({ l: "zh", c: "COFFICE", m: id, v: 0 });
      const values = editValues({
        title: "全市安全生产工作电视电话会议",
        date: "2026-06-05",
        time: "10:00",
        closesAfter: "45",
        departments: ["civil-affairs", "education", "weihui"],
      });
      const res = await sendInteraction(
        bot.url,
        viewSubmissionPayload({ userId: "UOFFICE", callbackId: EDIT_MODAL_CALLBACK, privateMetadata: meta, values }),
      );
      expect(res.status).toBe(200);
      expect(res.json?.response_action).toBeUndefined();
      const culture = await waitFor(() => startsWith("CCULTURE", "【会议变更：本单位无需参加】")[0], "culture told");
      expect(blocksText(culture)).toContain("会议变更后，本单位不再列为应参会单位，无需参加，也无需签到。");
      const edu = await waitFor(() => startsWith("CEDU", "【会议变更】").find((p) => p.body.text.includes("6月5日")), "education told");
      expect(blocksText(edu)).toContain("• 签到时间：2026年6月5日 09:00 至 10:30（北京时间） → *2026年6月5日 09:00 至 10:45（北京时间）*");
      expect(blocksText(edu)).toContain("• 应参会单位：不再参加 文化部门");
      await waitFor(
        () => updatesIn("CCULTURE").some((u) => u.body.text.startsWith("【会议变更：本单位无需参加】") && u.body.text.includes("6月5日")),
        "culture's earlier notice updated",
      );
      const departments = await db.prisma.meetingDepartment.findMany({ where: { meetingId: id }, orderBy: { departmentId: "asc" } });
      expect(departments.map((d) => d.departmentId)).toEqual(["civil-affairs", "education", "weihui"]);
      expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).signInClosesAt).toEqual(bj("2026-06-05 10:45"));
    });

    it("refuses a form opened before someone else's change, and saves nothing", async () => {
      const stale = JSON.stringify({ l: "zh", c: "COFFICE", m: id, v: 0 });
      const values = editValues({ title: "改了名字", date: "2026-06-05", time: "10:00", closesAfter: "30", departments: ["education"] });
      const res = await sendInteraction(
        bot.url,
        viewSubmissionPayload({ userId: "UOFFICE", callbackId: EDIT_MODAL_CALLBACK, privateMetadata: stale, values }),
      );
      expect(res.json.response_action).toBe("errors");
      expect(res.json.errors[CREATE_FIELDS.title.block]).toContain("会议刚被他人修改、结束或取消，本次修改未保存");
      expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({
        revision: 1,
        title: "全市安全生产工作电视电话会议",
      });
    });
  });

  describe("cancelling", () => {
    let id: string;
    beforeAll(async () => {
      clock.set("2026-06-08T09:00:00+08:00");
      id = await createTestMeeting(db.prisma, "2026-06-09 15:00", clock.now());
      await bot.tick(bj("2026-06-09 14:00"));
    });

    it("asks the office first, and a button pressed by anyone else cancels nothing", async () => {
      clock.set("2026-06-09T14:10:00+08:00");
      const question = await ask("UOFFICE", `会议 取消 ${id} 上级会议改期`);
      expect(question.text).toContain("取消「全市安全生产工作电视电话会议」（2026年6月9日（周二）15:00）？将通知 4 个应参会单位");
      expect(question.text).toContain("取消原因：上级会议改期");
      const button = question.blocks[0].accessory;
      expect(button.action_id).toBe(MEETING_ACTIONS.confirmCancel);
      const before = slack.responses.length;
      await pressButton(bot.url, {
        userId: "UCIVHEAD",
        channel: "COFFICE",
        actionId: button.action_id,
        value: button.value,
        messageTs: "1.2",
      });
      expect((await waitFor(() => slack.responses[before], "the refusal")).body.text).toContain("只有安委办工作人员可以取消会议。");
      expect((await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).status).toBe("scheduled");
    });

    it("cancels once, tells every department and the office, and takes the sign-in buttons away", async () => {
      const question = slack.responses.find((r) => String(r.body.text).startsWith("取消「"))!.body;
      const button = question.blocks[0].accessory;
      const press = async () => {
        const before = slack.responses.length;
        await pressButton(bot.url, {
          userId: "UOFFICE",
          channel: "COFFICE",
          actionId: button.action_id,
          value: button.value,
          messageTs: "1.2",
        });
        return (await waitFor(() => slack.responses[before], "the answer")).body;
      };
      const done = await press();
      expect(done.text).toContain("已取消「全市安全生产工作电视电话会议」，已通知 4 个单位。该会议不计入缺席记录。");
      const twice = await press();
      expect(twice.text).toContain(`会议 ${id} 已于 2026年6月9日 14:10 取消，无需重复取消。`);
      for (const channel of DEPT_CHANNELS) {
        const posts = startsWith(channel, "【会议已取消】");
        expect(posts).toHaveLength(1);
        expect(posts[0]!.body.text).toContain("原定2026年6月9日（周二）15:00");
        expect(blocksText(posts[0]!)).toContain("本次会议已取消，不再召开，无需签到，不计入缺席记录。\\n取消原因：上级会议改期");
        const notice = updatesIn(channel).at(-1)!;
        expect(notice.body.text).toMatch(/^【会议已取消】/);
        expect(blocksText(notice)).not.toContain(MEETING_ACTIONS.signIn);
      }
      expect(blocksText(startsWith("COFFICE", "【会议已取消】")[0]!)).toContain("由 <@UOFFICE> 于 2026年6月9日 14:10 取消。");
      expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "cancelled",
        cancelledBy: "UOFFICE",
        cancelReason: "上级会议改期",
      });
    });

    it("a cancellation notice whose process died mid-send goes out on the next tick, once", async () => {
      // The process claimed CEDU's notice and died before Slack had it: the claim's lease has run out, Slack shows nothing.
      const row = await db.prisma.dispatch.findFirstOrThrow({ where: { key: { startsWith: `meeting:${id}:cancelled:` }, channelId: "CEDU" } });
      await db.prisma.dispatch.update({
        where: { key: row.key },
        data: { status: "claimed", sentAt: null, messageTs: null, leaseUntil: new Date(Date.now() - 60_000) },
      });
      slack.history.set(
        "CEDU",
        (slack.history.get("CEDU") ?? []).filter((m) => m.metadata?.event_payload?.key !== row.key),
      );
      await bot.tick(bj("2026-06-09 14:20"));
      await waitFor(async () => (await db.prisma.dispatch.findUniqueOrThrow({ where: { key: row.key } })).status === "sent", "the notice sent");
      expect(startsWith("CEDU", "【会议已取消】")).toHaveLength(2);
      expect((slack.history.get("CEDU") ?? []).filter((m) => m.metadata?.event_payload?.key === row.key)).toHaveLength(1);
      // And the next tick leaves it alone.
      await bot.tick(bj("2026-06-09 14:21"));
      await settle(50);
      expect(startsWith("CEDU", "【会议已取消】")).toHaveLength(2);
    });

    it("refuses a sign-in, and posts no report or briefings when the window ends", async () => {
      const before = slack.responses.length;
      await pressButton(bot.url, {
        userId: "UCIVHEAD",
        channel: "CCIVIL",
        actionId: MEETING_ACTIONS.signIn,
        value: JSON.stringify({ m: id, d: "civil-affairs" }),
        messageTs: "1.3",
      });
      expect((await waitFor(() => slack.responses[before], "the refusal")).body.text).toContain("本次会议已取消，无需签到。");
      await bot.tick(bj("2026-06-09 15:30"));
      await bot.tick(bj("2026-06-10 09:00"));
      await settle(30);
      expect(startsWith("COFFICE", "【会议签到情况】").filter((p) => p.body.text.includes("6月9日"))).toHaveLength(0);
      expect(await db.prisma.briefing.count({ where: { meetingId: id } })).toBe(0);
    });
  });

  describe("cancelling a meeting found afterwards never to have taken place", () => {
    it("removes it from the absence record and ends its briefings", async () => {
      clock.set("2026-06-15T09:00:00+08:00");
      const id = await createTestMeeting(db.prisma, "2026-06-16 10:00", clock.now());
      await bot.tick(bj("2026-06-16 10:30"));
      expect(await db.prisma.briefing.count({ where: { meetingId: id } })).toBe(3);
      clock.set("2026-06-16T11:00:00+08:00");
      const before = JSON.stringify((await ask("UOFFICE", "缺席")).blocks);
      expect(before).toContain("2026年6月16日（周二）10:00");
      const question = await ask("UOFFICE", `会议 取消 ${id}`);
      expect(question.text).toContain("该会议签到已结束：取消后将从缺席记录中移除，传达确认不再需要。");
      const button = question.blocks[0].accessory;
      const n = slack.responses.length;
      await pressButton(bot.url, {
        userId: "UOFFICE",
        channel: "COFFICE",
        actionId: button.action_id,
        value: button.value,
        messageTs: "1.4",
      });
      await waitFor(() => slack.responses[n], "the answer");
      const after = JSON.stringify((await ask("UOFFICE", "缺席")).blocks);
      expect(after).not.toContain("2026年6月16日（周二）10:00");
      const briefing = await waitFor(
        () => updatesIn("CWEIHUI").find((u) => u.body.text.startsWith("【会议已取消】") && blocksText(u).includes("无需传达确认")),
        "weihui's briefing message updated",
      );
      expect(blocksText(briefing)).not.toContain(MEETING_ACTIONS.confirmHead);
      slack.reset();
      await bot.tick(bj("2026-06-17 09:00"));
      await bot.tick(bj("2026-06-18 09:00"));
      await bot.tick(bj("2026-06-19 09:00"));
      expect(slack.callsTo("chat.postMessage").filter((p) => /传达/.test(p.body.text))).toHaveLength(0);
    });
  });
});
