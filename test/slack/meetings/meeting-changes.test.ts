import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import { startTestApp, testClock, type TestClock } from "../../support/test-app.ts";
import { bj, blocksText, createTestMeeting, importTestDirectory, setUpSlackPeople } from "./fixture.ts";

describe("a meeting whose window ran out while the bot was down", () => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  let meetingId: string;

  beforeAll(async () => {
    db = await openTestDatabase("embedded");
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

  it("posts the open notice, whose heading changes once sign-in is over", async () => {
    await bot.tick(bj("2026-05-29 14:00"));
    expect(slack.postsIn("CEDU").map((p) => p.body.text.slice(0, 9))).toEqual(["【会议签到已开始】"]);
  });

  it("reports the window's own end time and counts briefing deadlines from it, not from the late tick", async () => {
    // Down from 14:05 on Friday until Monday 10:00.
    await bot.tick(bj("2026-06-01 10:00"));
    const reports = slack.postsIn("COFFICE").filter((p) => p.body.text.startsWith("【会议签到情况】"));
    expect(reports).toHaveLength(1);
    const text = blocksText(reports[0]!);
    expect(text).toContain("签到于 2026年5月29日 15:30 结束。");
    expect(text).not.toContain("6月1日 10:00");
    // Two working days from Friday 15:30: Tuesday 2 June (counted from Monday 10:00 it would be Wednesday).
    expect(text).toContain("2026年6月2日 18:00 前确认");
    expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      status: "closed",
      closedAt: bj("2026-05-29 15:30"),
    });
    const briefings = await db.prisma.briefing.findMany({ where: { meetingId } });
    expect(briefings.length).toBeGreaterThan(0);
    for (const b of briefings) expect(b.dueAt).toEqual(bj("2026-06-02 18:00"));
  });

  it("no longer heads the closed notice 会议签到已开始", () => {
    const updates = slack.callsTo("chat.update").filter((c) => c.body.channel === "CEDU");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.text).toMatch(/^【会议签到已结束】全市安全生产工作电视电话会议/);
    expect(blocksText(updates[0]!)).toContain("会议签到已结束：全市安全生产工作电视电话会议");
    expect(blocksText(updates[0]!)).not.toContain("签到已开始");
  });
});
