import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import {
  HAZARD_ACTIONS,
  HAZARD_PROGRESS_CALLBACK,
  HAZARD_RECTIFY_CALLBACK,
  HAZARD_REPORT_CALLBACK,
  PROGRESS_FIELDS,
  RECTIFY_FIELDS,
  REPORT_FIELDS,
} from "../../../src/messages/hazards/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake, type SlackCall } from "../../support/slack-fake.ts";
import {
  blockActionPayload,
  sendInteraction,
  sendSlashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { testCli } from "../../support/test-cli.ts";
import { waitFor } from "../../support/wait-for.ts";
import { importTestDirectory, setUpSlackPeople } from "../meetings/fixture.ts";

const text = (v: string | null) => ({ type: "plain_text_input", value: v });
const majorHazard = {
  [REPORT_FIELDS.unit.block]: { [REPORT_FIELDS.unit.action]: { type: "static_select", selected_option: { value: "weihui" } } },
  [REPORT_FIELDS.venueType.block]: { [REPORT_FIELDS.venueType.action]: { type: "static_select", selected_option: { value: "nursing-home" } } },
  [REPORT_FIELDS.placeName.block]: { [REPORT_FIELDS.placeName.action]: text("卫辉市颐养中心") },
  [REPORT_FIELDS.description.block]: { [REPORT_FIELDS.description.action]: text("主楼消防喷淋系统整体失效") },
  [REPORT_FIELDS.level.block]: { [REPORT_FIELDS.level.action]: { type: "radio_buttons", selected_option: { value: "major" } } },
  // Friday 2026-11-20.
  [REPORT_FIELDS.deadline.block]: { [REPORT_FIELDS.deadline.action]: { type: "datepicker", selected_date: "2026-11-20" } },
  [REPORT_FIELDS.responsible.block]: { [REPORT_FIELDS.responsible.action]: { type: "users_select", selected_user: "UWEILIAISON" } },
  [REPORT_FIELDS.measures.block]: { [REPORT_FIELDS.measures.action]: text("更换喷淋主泵，逐层检测") },
  [REPORT_FIELDS.responsibility.block]: { [REPORT_FIELDS.responsibility.action]: text("分管副市长牵头，民政局配合") },
  [REPORT_FIELDS.funding.block]: { [REPORT_FIELDS.funding.action]: text("市财政安排 48 万元") },
  [REPORT_FIELDS.contingencyPlan.block]: { [REPORT_FIELDS.contingencyPlan.action]: text("整改期间 24 小时消防值守") },
  [REPORT_FIELDS.photos.block]: {
    [REPORT_FIELDS.photos.action]: { type: "file_input", files: [{ id: "F0PUMP", name: "pump.jpg", mimetype: "image/jpeg" }] },
  },
};

describe.each(dbKinds())("挂牌督办 and 跟踪督办 through the bot and `tick --at` (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;

  const hazard = () => db.prisma.hazard.findFirstOrThrow({ where: { number: "YH-2026-0001" } });
  const body = (c: SlackCall) => JSON.stringify(c.body.blocks ?? []);
  const topLevel = (channel: string) => slack.postsIn(channel).filter((p) => !p.body.thread_ts);
  const containing = (channel: string, needle: string) => topLevel(channel).filter((p) => body(p).includes(needle));

  async function press(userId: string, actionId: string) {
    const h = await hazard();
    const before = slack.responses.length;
    const opened = slack.callsTo("views.open").length;
    await sendInteraction(bot.url, blockActionPayload({ userId, actionId, value: JSON.stringify({ h: h.id }), channelId: "CWEIHUI", messageTs: h.messageTs! }));
    return waitFor(
      () =>
        slack.responses.length > before
          ? { answer: slack.responses[before]!.body }
          : slack.callsTo("views.open").length > opened
            ? { view: slack.callsTo("views.open")[opened]!.body.view }
            : undefined,
      `the answer to ${userId}'s ${actionId}`,
    );
  }
  const submit = (userId: string, callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>) =>
    sendInteraction(bot.url, viewSubmissionPayload({ userId, callbackId, privateMetadata, values }));
  const events = async () => (await db.prisma.hazardEvent.findMany({ where: { hazardId: (await hazard()).id }, orderBy: { id: "asc" } })).map((e) => e.action);

  /** `/redline <text>` from `userId`: the private answer it gets. */
  async function command(userId: string, text: string, channel = "COFFICE") {
    const before = slack.responses.length;
    await sendSlashCommand(bot.url, { text, user_id: userId, channel_id: channel });
    const r = await waitFor(() => slack.responses[before], `the answer to "${text}"`);
    return { text: String(r.body.text), blocks: JSON.stringify(r.body.blocks ?? []) };
  }

  const cli = () => testCli(db, { REDLINE_DIGEST: "off" });

  /** `redline tick --at <Beijing time>` in-process, with a bot token, posting to the Slack fake. */
  async function tick(at: string): Promise<SlackCall[]> {
    const before = slack.calls.length;
    const run = testCli(db, {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      REDLINE_DIGEST: "off",
      REDLINE_SLACK_POSTS_PER_SECOND: "0",
    });
    expect(await run.run("tick", "--at", `${at}+08:00`)).toBe(0);
    // Only the ledger's posts (a December tick also warns the office of next year's missing holiday table).
    return slack.calls
      .slice(before)
      .filter((c) => c.method === "chat.postMessage" && String(c.body.metadata?.event_payload?.key ?? "").startsWith("hazard:"));
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    clock = testClock("2026-11-09T10:00:00+08:00");
    bot = await startTestApp(db, { clock });
    await submit("UWEILIAISON", HAZARD_REPORT_CALLBACK, JSON.stringify({ l: "zh", c: "CWEIHUI" }), majorHazard);
    await waitFor(() => slack.postsIn("CWEIHUI").find((p) => p.body.thread_ts), "the registered hazard's first history entry");
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("only the office lists; listing posts the 督办通知 in the unit's channel (mentioning its head) and the office's, once", async () => {
    const refused = await press("UWEIHEAD", HAZARD_ACTIONS.list);
    expect(refused.answer?.text).toContain("只有安委办可以挂牌督办");
    expect((await hazard()).listed).toBe(false);

    const listed = await press("UOFFICE", HAZARD_ACTIONS.list);
    expect(listed.answer?.text).toContain("已挂牌督办");
    await waitFor(() => containing("COFFICE", "挂牌督办")[0], "the office's copy");
    const notice = containing("CWEIHUI", "督办通知");
    expect(notice).toHaveLength(1);
    expect(body(notice[0]!)).toContain("<@UWEIHEAD>：重大隐患 *YH-2026-0001* 卫辉市 · 卫辉市颐养中心 已由安委办挂牌督办");
    expect(body(notice[0]!)).toContain("销号前每周五报送一次整改进展");
    expect(body(notice[0]!)).toContain("*资金：* 市财政安排 48 万元");
    expect(body(notice[0]!)).toContain(`"action_id":"${HAZARD_ACTIONS.progress}"`);
    expect(body(containing("COFFICE", "挂牌督办")[0]!)).toContain("已通知 卫辉市 主要负责人 <@UWEIHEAD>");
    expect(await hazard()).toMatchObject({ listed: true, state: "registered" });

    const again = await press("UOFFICE", HAZARD_ACTIONS.list);
    expect(again.answer?.text).toContain("已挂牌督办。");
    expect(containing("CWEIHUI", "督办通知")).toHaveLength(1);
    expect(containing("COFFICE", "挂牌督办")).toHaveLength(1);
  });

  it("asks for the weekly progress report on Friday (working days only), once, with the button", async () => {
    expect(await tick("2026-11-12T10:00:00")).toEqual([]); // Thursday: nothing due
    expect(await tick("2026-11-13T08:30:00")).toEqual([]); // Friday before 09:00
    const friday = await tick("2026-11-13T09:05:00");
    expect(friday.map((p) => [p.body.channel, body(p).includes("*跟踪督办*")])).toEqual([["CWEIHUI", true]]);
    expect(body(friday[0]!)).toContain("请于本周周五报送整改进展");
    expect(body(friday[0]!)).toContain(`"action_id":"${HAZARD_ACTIONS.progress}"`);
    expect(await tick("2026-11-13T15:00:00")).toEqual([]);
  });

  it("the unit reports progress through the form; it lands in the history and the week is settled", async () => {
    const outsider = await press("UCIVLIAISON", HAZARD_ACTIONS.progress);
    expect(outsider.answer?.text).toContain("只有隐患 YH-2026-0001 所属单位的人员可以报送整改进展");
    clock.set("2026-11-13T16:00:00+08:00");
    const r = await press("UWEILIAISON", HAZARD_ACTIONS.progress);
    expect(r.view.callback_id).toBe(HAZARD_PROGRESS_CALLBACK);
    const empty = await submit("UWEILIAISON", HAZARD_PROGRESS_CALLBACK, r.view.private_metadata, {
      [PROGRESS_FIELDS.note.block]: { [PROGRESS_FIELDS.note.action]: text("  ") },
    });
    expect(empty.json.errors[PROGRESS_FIELDS.note.block]).toBe("此项为必填项。");
    await submit("UWEILIAISON", HAZARD_PROGRESS_CALLBACK, r.view.private_metadata, {
      [PROGRESS_FIELDS.note.block]: { [PROGRESS_FIELDS.note.action]: text("主泵已到货，周一安装") },
    });
    await waitFor(() => slack.postsIn("CWEIHUI").find((p) => p.body.thread_ts && body(p).includes("报送进展")), "the progress entry in the thread");
    expect(await events()).toEqual(["register", "list", "progress_report"]);
    expect((await hazard()).state).toBe("rectifying");
  });

  it("reminds before the deadline (blue), on it with the week's progress, then escalates the listed overdue hazard to the head; the office has it on its list", async () => {
    expect(await tick("2026-11-16T09:30:00")).toEqual([]); // Monday: 4 working days left
    const tuesday = await tick("2026-11-17T09:30:00");
    expect(tuesday.map((p) => p.body.channel)).toEqual(["CWEIHUI"]);
    expect(body(tuesday[0]!)).toContain(":large_blue_circle: *隐患整改提醒*");
    expect(body(tuesday[0]!)).toContain("还剩 3 个工作日");
    expect(await tick("2026-11-18T09:30:00")).toEqual([]); // the blue reminder goes once
    const friday = await tick("2026-11-20T09:30:00");
    expect(friday.map((p) => body(p).match(/\*(隐患今日到期|跟踪督办)\*/)?.[1]).sort()).toEqual(["跟踪督办", "隐患今日到期"]);
    const monday = await tick("2026-11-23T09:30:00");
    const kinds = monday.map((p) => [p.body.channel, body(p).match(/\*(隐患已逾期|逾期督办)\*/)?.[1]]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["CWEIHUI", "隐患已逾期"],
        ["CWEIHUI", "逾期督办"],
      ]),
    );
    expect(kinds).toHaveLength(2);
    // The office gets no post per hazard: the red hazard is in the hazard section of its one list of the day.
    const lists = slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.metadata?.event_payload?.key === "office:overdue-list:2026-11-23");
    expect(lists.map((c) => c.body.channel)).toEqual(["COFFICE"]);
    expect(body(lists[0]!)).toContain("*🚧 红色督办隐患*（1）\\n• *YH-2026-0001* 卫辉市 · 卫辉市颐养中心（挂牌督办） · 期限 2026-11-20 · 逾期 1 个工作日 · 主要负责人 <@UWEIHEAD>");
    const toHead = monday.find((p) => p.body.channel === "CWEIHUI" && body(p).includes("逾期督办"))!;
    expect(body(toHead)).toContain(":red_circle: *逾期督办* <@UWEIHEAD>：隐患 *YH-2026-0001* 卫辉市 · 卫辉市颐养中心（挂牌督办） 已逾期 1 个工作日");
    // The escalation goes once; the daily overdue reminder comes again the next working day.
    const tuesdayAfter = await tick("2026-11-24T09:30:00");
    expect(tuesdayAfter.map((p) => body(p).match(/\*(隐患已逾期|逾期督办)\*/)?.[1])).toEqual(["隐患已逾期"]);
  });

  it("delisting: the lead department may not accept a listed hazard; the acceptor is reminded; the office accepts and delists it", async () => {
    clock.set("2026-11-24T11:00:00+08:00");
    const r = await press("UWEILIAISON", HAZARD_ACTIONS.rectify);
    expect(r.view.callback_id).toBe(HAZARD_RECTIFY_CALLBACK);
    await submit("UWEILIAISON", HAZARD_RECTIFY_CALLBACK, r.view.private_metadata, {
      [RECTIFY_FIELDS.note.block]: { [RECTIFY_FIELDS.note.action]: text("主泵更换完毕，喷淋联动测试合格") },
      [RECTIFY_FIELDS.photos.block]: {
        [RECTIFY_FIELDS.photos.action]: { type: "file_input", files: [{ id: "F0PUMPOK", name: "ok.jpg", mimetype: "image/jpeg" }] },
      },
    });
    await waitFor(async () => ((await hazard()).state === "awaiting_acceptance" ? true : undefined), "the rectification");
    // The step's entry in the card's thread is posted after the form closes: let it land before the ticks count posts.
    await waitFor(
      () => slack.postsIn("CWEIHUI").find((p) => p.body.thread_ts && String(p.body.text).includes("待验收")),
      "the rectification's history entry",
    );
    const lead = await press("UCIVLIAISON", HAZARD_ACTIONS.accept);
    expect(lead.answer?.text).toContain("已挂牌督办，验收销号须由安委办进行");

    // Waiting for acceptance: no more overdue reminders to the unit; after 3 working days the office (the acceptor) is told.
    expect(await tick("2026-11-27T09:30:00")).toEqual([]);
    const waited = await tick("2026-11-30T09:30:00");
    expect(waited.map((p) => p.body.channel)).toEqual(["COFFICE"]);
    expect(body(waited[0]!)).toContain("⏳ *待验收提醒* 隐患 *YH-2026-0001*");
    expect(body(waited[0]!)).toContain("已等待验收 4 个工作日");
    expect(body(waited[0]!)).toContain(`"action_id":"${HAZARD_ACTIONS.accept}"`);
    expect(await tick("2026-12-01T09:30:00")).toEqual([]);

    clock.set("2026-12-01T10:00:00+08:00");
    const accepted = await press("UOFFICE", HAZARD_ACTIONS.accept);
    expect(accepted.answer?.text).toContain("已验收通过，隐患销号");
    await waitFor(() => containing("COFFICE", "摘牌销号")[0], "the delisting notice");
    expect(containing("CWEIHUI", "摘牌销号")).toHaveLength(1);
    expect(await hazard()).toMatchObject({ state: "closed", listed: false });
    expect((await hazard()).delistedAt).not.toBeNull();
    expect(await events()).toEqual(["register", "list", "progress_report", "submit_rectification", "accept"]);
    expect(await tick("2026-12-04T09:30:00")).toEqual([]);
  });

  it("约谈: the office records one against the unit, in the hazard's history and beside the absence record; once; nobody else may", async () => {
    const refused = await command("UWEIHEAD", "隐患 约谈 卫辉市 2026-12-02 王强 YH-2026-0001", "CWEIHUI");
    expect(refused.text).toContain("只有安委办工作人员可以记录约谈");
    const bad = await command("UOFFICE", "隐患 约谈 卫辉市 12月2日 王强");
    expect(bad.text).toContain("用法：/redline 隐患 约谈");
    const wrongUnit = await command("UOFFICE", "隐患 约谈 民政部门 2026-12-02 李明 YH-2026-0001");
    expect(wrongUnit.text).toContain("隐患 YH-2026-0001 不属于民政部门");
    expect(await db.prisma.safetyInterview.count()).toBe(0);

    const ok = await command("UOFFICE", "隐患 约谈 卫辉 2026-12-02 王强（市长） YH-2026-0001 “挂牌隐患逾期整改，要求三日内报送整改方案”");
    expect(ok.text).toContain("✅ 已记录约谈：卫辉市 2026-12-02 约谈 王强（市长），已记入隐患 YH-2026-0001 的处理记录。");
    await waitFor(() => slack.postsIn("CWEIHUI").find((p) => p.body.thread_ts && body(p).includes("约谈")), "the interview in the card's thread");
    expect(await events()).toEqual(["register", "list", "progress_report", "submit_rectification", "accept", "interview"]);
    const again = await command("UOFFICE", "隐患 约谈 卫辉市 2026-12-02 王强（市长）");
    expect(again.text).toContain("此前已记录，未重复登记");
    expect(await db.prisma.safetyInterview.count()).toBe(1);

    const run = cli();
    expect(await run.run("hazard", "interview", "--unit", "weihui", "--day", "2026-12-03", "--summoned", "孙丽", "--note", "约谈联络员")).toBe(0);
    expect(run.out.join("\n")).toContain("已记录约谈：卫辉市 2026-12-03 孙丽");
    expect(await run.run("hazard", "interview", "--unit", "weihui", "--day", "2026-12-03", "--summoned", "孙丽")).toBe(0);
    expect(run.out.join("\n")).toContain("此约谈此前已记录");
    expect(await db.prisma.safetyInterview.count()).toBe(2);

    const record = await command("UOFFICE", "缺席 卫辉市");
    expect(record.blocks).toContain("已约谈记录（2 次）");
    expect(record.blocks).toContain("• 2026-12-02 卫辉市 · 约谈 王强（市长） · YH-2026-0001 · 挂牌隐患逾期整改，要求三日内报送整改方案");
    expect(record.blocks).toContain("• 2026-12-03 卫辉市 · 约谈 孙丽 · 约谈联络员");
  });
});
