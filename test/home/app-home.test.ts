import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { collectHomeData } from "../../src/home/home-data.ts";
import { checkView } from "../../src/sandbox/block-kit-limits.ts";
import type { RunningRedline } from "../../src/server/start-redline.ts";
import { buildHomeView } from "../../src/messages/home/home-view.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { insertCampaign, registerSlackIds, slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { sendEvent, sendInteraction } from "../support/slack-requests.ts";
import { startTestApp, testClock } from "../support/test-app.ts";
import { waitFor, waitForAsync } from "../support/wait-for.ts";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-05-27T10:00:00+08:00");
const ZONE = "Asia/Shanghai";
const DEPTS = ["safety-office", "civil-affairs", "culture", "education", "hongqi"];

describe.each(dbKinds())("App Home (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, DEPTS);
    await insertCampaign(db.prisma, {
      id: "fire",
      title: "夏季消防安全专项行动",
      targets: ["civil-affairs", "culture", "education", "hongqi"],
      tasks: [
        { key: "ack", kind: "acknowledge", title: "确认收到", opensAt: at("2026-05-22T01:00:00Z"), dueAt: at("2026-05-25T10:00:00Z") },
        { key: "pledge", kind: "pledge", title: "安全承诺", opensAt: at("2026-05-22T01:00:00Z"), dueAt: at("2026-05-29T16:00:00Z") },
      ],
      completions: [{ taskKey: "ack", departmentId: "civil-affairs" }],
    });
    // A closed mandatory meeting at which 文化部门's head sent a deputy and 红旗区 sent nobody.
    await db.prisma.meeting.create({
      data: {
        id: "m1",
        title: "全市安全生产工作电视电话会议",
        startsAt: at("2026-05-26T15:00:00+08:00"),
        signInOpensAt: at("2026-05-26T14:30:00+08:00"),
        signInClosesAt: at("2026-05-26T15:15:00+08:00"),
        status: "closed",
        closedAt: at("2026-05-26T15:15:00+08:00"),
        createdBy: slackIds("safety-office").liaison,
        departments: {
          create: ["civil-affairs", "culture", "hongqi"].map((d, i) => ({
            departmentId: d,
            channelId: slackIds(d).channel,
            headSlackUserId: slackIds(d).head,
            headName: `负责人${i}`,
            headTitle: "局长",
          })),
        },
        signIns: {
          create: [
            {
              departmentId: "civil-affairs",
              slackUserId: slackIds("civil-affairs").head,
              name: "民政负责人",
              role: "head",
              createdAt: at("2026-05-26T14:40:00+08:00"),
            },
            {
              departmentId: "culture",
              slackUserId: slackIds("culture").liaison,
              name: "文化联络员",
              role: "deputy",
              title: "副局长",
              createdAt: at("2026-05-26T14:41:00+08:00"),
            },
          ],
        },
        briefings: {
          create: [
            {
              departmentId: "culture",
              headSlackUserId: slackIds("culture").head,
              headName: "文化负责人",
              deputySlackUserId: slackIds("culture").liaison,
              deputyName: "文化联络员",
              dueAt: at("2026-05-28T18:00:00+08:00"),
            },
            {
              departmentId: "hongqi",
              headSlackUserId: slackIds("hongqi").head,
              headName: "负责人2",
              dueAt: at("2026-05-28T18:00:00+08:00"),
            },
          ],
        },
      },
    });
    slack = new SlackFake();
    bot = await startTestApp(db, { clock: testClock(NOW) });
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  const viewFor = async (userId: string) => buildHomeView(await collectHomeData(db.prisma, userId, NOW, ZONE), "zh");
  const text = (view: unknown) => JSON.stringify(view);

  it("a liaison sees their department's open tasks with the same buttons as in the channel", async () => {
    const view = await viewFor(slackIds("culture").liaison);
    expect(checkView(view, "home")).toEqual([]);
    expect(text(view)).toContain("文化部门 · 夏季消防安全专项行动");
    expect(text(view)).toContain('"action_id":"campaign_ack"');
    expect(text(view)).toContain('{\\"c\\":\\"fire\\",\\"t\\":\\"ack\\",\\"d\\":\\"culture\\"}');
    expect(text(view)).toContain("逾期");
    // The deputy's briefing confirmation waits for them.
    expect(text(view)).toContain("请确认已向主要负责人原原本本传达");
    expect(text(view)).toContain('"action_id":"meeting_briefing_deputy"');
  });

  it("a principal head sees the pledge and the briefing waiting for them", async () => {
    const view = await viewFor(slackIds("culture").head);
    expect(checkView(view, "home")).toEqual([]);
    expect(text(view)).toContain('"action_id":"campaign_pledge_sign"');
    expect(text(view)).toContain("请确认已听取代参会人的传达");
  });

  it("a head whose department sent nobody is not told to wait for an attendee's briefing", async () => {
    const view = await viewFor(slackIds("hongqi").head);
    expect(checkView(view, "home")).toEqual([]);
    expect(text(view)).toContain("本单位无人参会：请向安委办了解会议精神、组织传达学习后确认");
    expect(text(view)).toContain("已组织传达学习");
    expect(text(view)).not.toContain("代参会人");
    expect(text(view)).not.toContain("已听取传达");
  });

  it("a department that has done everything sees nothing to do for it", async () => {
    const view = await viewFor(slackIds("civil-affairs").liaison);
    expect(text(view)).not.toContain('"action_id":"campaign_ack"');
    expect(text(view)).toContain('"action_id":"campaign_pledge_sign"');
  });

  it("the office sees every running campaign's progress and the heads who skipped the latest meeting", async () => {
    const view = await viewFor(slackIds("safety-office").liaison);
    expect(checkView(view, "home")).toEqual([]);
    expect(text(view)).toContain("进行中的专项行动");
    expect(text(view)).toContain("1/4");
    expect(text(view)).toMatch(/文化部门 负责人\d（局长） 未本人参会 — 文化联络员/);
    expect(text(view)).toMatch(/红旗区 负责人\d（局长） 未本人参会 — 无人参会/);
    expect(text(view)).not.toMatch(/民政部门 负责人\d（局长） 未本人参会/);
  });

  it("an outsider is told they are not registered, and can still ask who leads what", async () => {
    const view = await viewFor("UOUTSIDER");
    expect(checkView(view, "home")).toEqual([]);
    expect(text(view)).toContain("您还没有登记在任何单位名下");
  });

  it("opening the Home tab publishes the view and remembers the visitor", async () => {
    await sendEvent(bot.url, { type: "app_home_opened", user: slackIds("culture").liaison, channel: "D1", tab: "home", event_ts: "1" });
    const publish = await waitFor(() => slack.callsTo("views.publish")[0], "views.publish");
    expect(publish.body.user_id).toBe(slackIds("culture").liaison);
    expect(text(publish.body.view)).toContain("夏季消防安全专项行动");
    expect(await db.prisma.homeVisit.count({ where: { slackUserId: slackIds("culture").liaison } })).toBe(1);
  });

  it("a 100-department board still fits Slack's Home limits", async () => {
    const data = await collectHomeData(db.prisma, slackIds("safety-office").liaison, NOW, ZONE);
    const many = {
      ...data,
      departmentViews: Array.from({ length: 60 }, () => data.boards[0]!).flatMap((b) =>
        b.rows.map((r) => ({ campaign: b.campaign, department: r.department, pending: r.cells, done: [] })),
      ),
    };
    const view = buildHomeView(many, "zh");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view, "home")).toEqual([]);
  });

  /** A button pressed in the Home tab: block_actions from a view, with no channel, message or response_url. */
  const homeClick = (userId: string, actionId: string, value: string) =>
    sendInteraction(bot.url, {
      type: "block_actions",
      team: { id: "T1", domain: "city" },
      user: { id: userId, username: userId, name: userId, team_id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: "1.2.trigger",
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home", blocks: [], state: { values: {} }, hash: "h" },
      actions: [{ action_id: actionId, block_id: "b", value, type: "button", action_ts: "1" }],
    });

  it("a briefing button in the Home tab refuses the wrong person by DM and records the right one", async () => {
    const value = JSON.stringify({ m: "m1", d: "culture" });
    await homeClick(slackIds("civil-affairs").liaison, "meeting_briefing_deputy", value);
    const dm = await waitFor(
      () => slack.callsTo("chat.postMessage").find((c) => c.body.channel === slackIds("civil-affairs").liaison),
      "refusal DM",
    );
    expect(dm.body.text).toContain("⚠️");
    expect((await db.prisma.briefing.findFirstOrThrow({ where: { meetingId: "m1" } })).deputyConfirmedAt).toBeNull();

    await homeClick(slackIds("culture").liaison, "meeting_briefing_deputy", value);
    const confirmed = await waitForAsync(
      async () => (await db.prisma.briefing.findFirstOrThrow({ where: { meetingId: "m1" } })).deputyConfirmedAt,
    );
    expect(confirmed).toBeInstanceOf(Date);
    // The visitor's Home tab is re-published without the confirmed briefing.
    const publish = await waitFor(
      () => slack.callsTo("views.publish").find((c) => c.body.user_id === slackIds("culture").liaison),
      "home refresh",
    );
    expect(text(publish.body.view)).not.toContain("请确认已向主要负责人原原本本传达");
  });
});
