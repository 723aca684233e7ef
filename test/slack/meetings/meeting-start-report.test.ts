import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { settle, waitFor } from "../../support/wait-for.ts";
import { bj, blocksText, createTestMeeting, importTestDirectory, openSignIn, setUpSlackPeople, submitSignIn } from "./fixture.ts";

describe.each(dbKinds())("the attendance the office gets when a meeting starts (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  let meetingId: string;

  const startReports = () => slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【会议开始时到会情况】"));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    clock = testClock("2026-05-28T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
    // Friday 29 May 2026, 15:00; sign-in 14:00–15:30.
    meetingId = await createTestMeeting(db.prisma, "2026-05-29 15:00", clock.now());
    const leave = { meetingId, reason: "赴省里开会", requestedAt: bj("2026-05-28 10:00"), slackUserId: "UWEILIAISON", name: "孙丽" };
    await db.prisma.meetingLeave.createMany({
      data: [
        {
          ...leave,
          departmentId: "weihui",
          substituteName: "孙丽",
          status: "approved",
          decidedAt: bj("2026-05-28 11:00"),
          decidedBy: "UOFFICE",
        },
        { ...leave, departmentId: "education", slackUserId: "UEDUDEPUTY", name: "钱伟", substituteName: "钱伟" },
      ],
    });
    await bot.tick(bj("2026-05-29 14:00"));
    clock.set("2026-05-29T14:35:00+08:00");
    await submitSignIn(bot.url, "UCIVHEAD", await openSignIn(bot.url, slack, "UCIVHEAD", "CCIVIL"), "head");
    clock.set("2026-05-29T14:40:00+08:00");
    await submitSignIn(bot.url, "UEDUDEPUTY", await openSignIn(bot.url, slack, "UEDUDEPUTY", "CEDU"), "deputy", "副局长");
    await waitFor(async () => (await db.prisma.signIn.count({ where: { meetingId } })) === 2, "two sign-ins");
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("posts nothing before the start, then one report at the start even from two ticks at once", async () => {
    await bot.tick(bj("2026-05-29 14:59"));
    expect(startReports()).toHaveLength(0);
    await Promise.all([bot.tick(bj("2026-05-29 15:00")), bot.tick(bj("2026-05-29 15:00"))]);
    await bot.tick(bj("2026-05-29 15:01"));
    await settle();
    expect(startReports()).toHaveLength(1);
  });

  it("says who signed in, who is on approved leave, who came without leave and who is not there yet", () => {
    const report = startReports()[0]!;
    expect(report.body.text).toBe(
      "【会议开始时到会情况】全市安全生产工作电视电话会议：应到 4 个单位：主要负责人本人已签到 1 个，请假 1 个，他人代参会 1 个，尚无人签到 1 个",
    );
    const text = blocksText(report);
    expect(text).toContain("（仍可签到）");
    expect(text).toContain("*❓ 尚无人签到（1）*\\n• *文化部门* · 未登记主要负责人");
    expect(text).toContain("• *教育部门* · 主要负责人 赵刚（局长）未签到（请假待审批） · 已签到：钱伟（副局长） 14:40");
    expect(text).toContain("• *卫辉市* · 主要负责人 王强（市长）请假（事由：赴省里开会） · 替会人 孙丽 未签到");
    expect(text).toContain("• 民政部门 · 李明（局长） 14:35");
    expect(text).toContain("1 个单位的请假尚待审批");
  });

  it("after downtime past the window posts only the final report, not a stale start-time one", async () => {
    const late = await createTestMeeting(db.prisma, "2026-06-01 10:00", bj("2026-05-29 16:00"), { title: "防汛工作会议" });
    await bot.tick(bj("2026-06-01 10:45"));
    await settle();
    expect(startReports().filter((p) => p.body.text.includes("防汛"))).toHaveLength(0);
    expect(slack.postsIn("COFFICE").some((p) => p.body.text.startsWith("【会议签到情况】防汛工作会议"))).toBe(true);
    expect(await db.prisma.dispatch.count({ where: { key: { startsWith: `meeting:${late}:start-report` } } })).toBe(0);
  });
});
