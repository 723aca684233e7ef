import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { claimClose } from "../../src/meetings/close-meeting.ts";
import { recordSignIn } from "../../src/meetings/sign-in.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { bj, createTestMeeting, importTestDirectory } from "../slack/meetings/fixture.ts";

describe.each(dbKinds())("recording sign-ins and closing (%s database)", (kind) => {
  let db: Database;
  let meetingId: string;
  const deputy = { departmentId: "education", slackUserId: "UEDUDEPUTY", name: "钱伟", role: "deputy" as const, title: "副局长" };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    meetingId = await createTestMeeting(db.prisma, "2026-05-29 15:00", bj("2026-05-25 09:00"));
  });
  afterAll(async () => db?.close());

  it("records a person once, and answers the second time with when they signed in", async () => {
    const first = await recordSignIn(db.prisma, meetingId, deputy, bj("2026-05-29 14:10"));
    expect(first).toMatchObject({ recorded: true, signIn: { role: "deputy", signedInAt: bj("2026-05-29 14:10") } });
    const [a, b] = await Promise.all([
      recordSignIn(db.prisma, meetingId, { ...deputy, title: "局长助理" }, bj("2026-05-29 14:11")),
      recordSignIn(db.prisma, meetingId, deputy, bj("2026-05-29 14:11")),
    ]);
    for (const again of [a, b]) {
      expect(again).toMatchObject({ recorded: false, existing: { title: "副局长", signedInAt: bj("2026-05-29 14:10") } });
      expect("message" in again && again.message.zh).toBe("您已于2026年5月29日 14:10签到（代主要负责人参会），无需重复签到。");
    }
    expect(await db.prisma.signIn.count({ where: { meetingId } })).toBe(1);
  });

  it("lets exactly one of two closers close, and refuses a sign-in that arrives after the close", async () => {
    const closers = await Promise.all([
      claimClose(db.prisma, meetingId, "schedule", bj("2026-05-29 15:30")),
      claimClose(db.prisma, meetingId, "UOFFICE", bj("2026-05-29 15:30")),
    ]);
    expect(closers.filter(Boolean)).toHaveLength(1);
    const late = await recordSignIn(
      db.prisma,
      meetingId,
      { departmentId: "weihui", slackUserId: "UWEIHEAD", name: "王强", role: "head", title: "市长" },
      bj("2026-05-29 15:29"),
    );
    expect(late).toEqual({ recorded: false, closed: true });
    expect(await db.prisma.signIn.count({ where: { meetingId } })).toBe(1);
  });
});
