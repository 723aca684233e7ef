import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import type { RunningRedline } from "../../../src/server/start-redline.ts";
import { MEETING_ACTIONS } from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
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

const buttonsOf = (post: { body: Record<string, any> }): any[] =>
  (post.body.blocks as any[]).flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.type === "actions" ? b.elements : [])]);

describe.each(dbKinds())("heads who are not in their unit's channel are reached by DM (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;
  let clock: TestClock;
  let meetingId: string;

  /** What the bot posted in a person's DM channel (the fake names it D + the user id without its U). */
  const dms = (user: string) => slack.postsIn(`D${user.slice(1)}`);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    // 教育 and 卫辉's heads are registered but not members of their channels; 民政's channel has nobody in it.
    slack.channelMembers.set("CEDU", ["UEDUDEPUTY"]);
    slack.channelMembers.set("CWEIHUI", ["UWEILIAISON"]);
    clock = testClock("2026-05-28T09:00:00+08:00");
    bot = await startTestApp(db, { clock });
    meetingId = await createTestMeeting(db.prisma, "2026-05-29 15:00", clock.now());
    await bot.tick(bj("2026-05-28 09:00"));
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("tells a head outside the channel the leave decision by DM, and not the member who asked", async () => {
    await db.prisma.meetingLeave.create({
      data: { meetingId, departmentId: "weihui", slackUserId: "UWEILIAISON", name: "孙丽", reason: "出差", substituteName: "孙丽" },
    });
    const before = slack.responses.length;
    await pressButton(bot.url, {
      userId: "UOFFICE",
      channel: "COFFICE",
      actionId: MEETING_ACTIONS.approveLeave,
      value: JSON.stringify({ m: meetingId, d: "weihui" }),
      messageTs: "1700000009.000100",
    });
    await waitFor(() => slack.responses[before], "the office's answer");
    const dm = await waitFor(() => dms("UWEIHEAD")[0], "the DM to 王强");
    expect(dm.body.text).toContain("【请假已批准】");
    expect(slack.callsTo("conversations.open").map((c) => c.body.users)).toEqual(["UWEIHEAD"]);
    expect(dms("UWEILIAISON")).toHaveLength(0);
    expect(slack.postsIn("CWEIHUI").filter((p) => p.body.text.startsWith("【请假已批准】"))).toHaveLength(1);
  });

  it("sends the briefing to confirm by DM to each head not in the channel, once, even from two ticks at once", async () => {
    clock.set("2026-05-29T14:40:00+08:00");
    await bot.tick(bj("2026-05-29 14:00"));
    await submitSignIn(bot.url, "UEDUDEPUTY", await openSignIn(bot.url, slack, "UEDUDEPUTY", "CEDU"), "deputy", "副局长");
    await waitFor(async () => (await db.prisma.signIn.count({ where: { meetingId } })) === 1, "the deputy's sign-in");

    await Promise.all([bot.tick(bj("2026-05-29 15:30")), bot.tick(bj("2026-05-29 15:30"))]);
    await settle();
    for (const head of ["UEDUHEAD", "UWEIHEAD", "UCIVHEAD"]) {
      const briefings = dms(head).filter((p) => buttonsOf(p).some((b) => b.action_id === MEETING_ACTIONS.confirmHead));
      expect(briefings, head).toHaveLength(1);
    }
    // Nobody came from 民政: the head's button says the briefing was held, not that they listened to one.
    const civil = dms("UCIVHEAD").find((p) => buttonsOf(p).some((b) => b.action_id === MEETING_ACTIONS.confirmHead))!;
    expect(buttonsOf(civil).map((b) => b.text.text)).toEqual(["已组织传达学习"]);
    expect(blocksText(civil)).toContain("待确认已组织传达学习");
    expect(blocksText(civil)).not.toContain("听取");
    const edu = dms("UEDUHEAD").find((p) => buttonsOf(p).some((b) => b.action_id === MEETING_ACTIONS.confirmHead))!;
    expect(buttonsOf(edu).map((b) => b.text.text)).toContain("已听取传达");
    // The deputy is in the channel: the channel's message is theirs, no DM.
    expect(dms("UEDUDEPUTY")).toHaveLength(0);
    expect(slack.postsIn("CEDU").filter((p) => buttonsOf(p).some((b) => b.action_id === MEETING_ACTIONS.confirmDeputy))).toHaveLength(1);
  });

  it("lets the head confirm from the DM and renders the DM and the channel message again", async () => {
    const dm = dms("UEDUHEAD").find((p) => buttonsOf(p).some((b) => b.action_id === MEETING_ACTIONS.confirmHead))!;
    const button = buttonsOf(dm).find((b) => b.action_id === MEETING_ACTIONS.confirmHead);
    slack.reset();
    clock.set("2026-05-30T10:00:00+08:00");
    await pressButton(bot.url, {
      userId: "UEDUHEAD",
      channel: "DEDUHEAD",
      actionId: MEETING_ACTIONS.confirmHead,
      value: button.value,
      messageTs: dm.response!.ts,
    });
    await waitFor(() => slack.responses[0], "the confirmation");
    const b = await db.prisma.briefing.findUniqueOrThrow({ where: { meetingId_departmentId: { meetingId, departmentId: "education" } } });
    expect(b.headConfirmedAt).toEqual(bj("2026-05-30 10:00"));
    const updated = await waitFor(() => {
      const channels = slack.callsTo("chat.update").map((c) => c.body.channel);
      return channels.includes("DEDUHEAD") && channels.includes("CEDU") && channels;
    }, "the DM and the channel message updated");
    expect(updated).toEqual(expect.arrayContaining(["DEDUHEAD", "CEDU"]));
  });

  it("reminds by DM only the heads who still have to confirm", async () => {
    slack.reset();
    await bot.tick(bj("2026-06-01 09:00"));
    await settle();
    expect(dms("UCIVHEAD").map((p) => p.body.text)).toEqual([
      expect.stringContaining("<@UCIVHEAD> 本单位无人参会，请向安委办了解会议精神、组织传达学习后确认"),
    ]);
    expect(dms("UEDUHEAD")).toHaveLength(0);
    expect(blocksText(slack.postsIn("CEDU")[0]!)).toContain("<@UEDUDEPUTY> 请确认已向主要负责人原原本本传达");
  });
});
