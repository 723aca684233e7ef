import { accountabilityDigest } from "../accountability/digest-lines.ts";
import type { Db } from "../db/client.ts";
import type { Lang } from "../lib/i18n.ts";
import { loadRunningBoards } from "../campaigns/load-boards.ts";
import type { DigestData } from "../messages/digest/digest-message.ts";
import { loadAttendance } from "../meetings/load-meeting.ts";

const WEEK_MS = 7 * 24 * 3600 * 1000;

export async function collectDigestData(db: Db, now: Date, zone: string, lang: Lang = "zh"): Promise<DigestData> {
  const boards = await loadRunningBoards(db, now, zone);
  const recent = await db.meeting.findMany({
    where: { status: "closed", headMustAttend: true, closedAt: { gte: new Date(now.getTime() - WEEK_MS), lte: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true },
  });
  const meetings = [];
  for (const { id } of recent) {
    const { report } = await loadAttendance(db, id);
    meetings.push({
      id,
      title: report.meeting.title,
      startsAt: report.meeting.startsAt,
      notInPerson: report.departments.filter((d) => d.status !== "head_in_person"),
    });
  }
  const late = await db.briefing.findMany({
    where: { dueAt: { lt: now }, OR: [{ deputyConfirmedAt: null, deputySlackUserId: { not: null } }, { headConfirmedAt: null }] },
    include: { meeting: { select: { title: true } } },
    orderBy: { dueAt: "asc" },
  });
  const names = new Map(
    (await db.department.findMany({ where: { id: { in: late.map((b) => b.departmentId) } }, select: { id: true, nameZh: true } })).map(
      (d) => [d.id, d.nameZh],
    ),
  );
  const overdueBriefings = late.map((b) => ({
    meetingTitle: b.meeting.title,
    departmentName: names.get(b.departmentId) ?? b.departmentId,
    headName: b.headName,
    missing: [
      ...(b.deputySlackUserId && !b.deputyConfirmedAt ? (["deputy"] as const) : []),
      ...(!b.headConfirmedAt ? (["head"] as const) : []),
    ],
  }));
  return { now, zone, boards, meetings, overdueBriefings, accountability: await accountabilityDigest(db, now, zone, lang) };
}
