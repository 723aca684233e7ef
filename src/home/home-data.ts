import type { Db } from "../db/client.ts";
import { departmentView } from "../domain/campaigns/build-status-board.ts";
import { isOfficeMember, registeredMemberships } from "../directory/membership.ts";
import { loadRunningBoards } from "../campaigns/load-boards.ts";
import type { BriefingToConfirm, HomeData } from "../messages/home/home-view.ts";
import { loadAttendance } from "../meetings/load-meeting.ts";

/** Everything the Home tab shows one person, read from the database at `now`. */
export async function collectHomeData(db: Db, userId: string, now: Date, zone: string): Promise<HomeData> {
  const [isOffice, memberships, boards] = await Promise.all([
    isOfficeMember(db, userId),
    registeredMemberships(db, userId),
    loadRunningBoards(db, now, zone),
  ]);
  const departments = new Map(
    (await db.department.findMany({ where: { id: { in: memberships.map((m) => m.departmentId) } } })).map((d) => [d.id, d]),
  );
  const mine = memberships.flatMap((m) =>
    departments.has(m.departmentId) ? [{ ...m, department: departments.get(m.departmentId)! }] : [],
  );
  const departmentViews = mine.flatMap((m) => boards.flatMap((b) => departmentView(b, m.departmentId) ?? []));

  const briefingRows = await db.briefing.findMany({
    where: {
      OR: [
        { headSlackUserId: userId, headConfirmedAt: null },
        { deputySlackUserId: userId, deputyConfirmedAt: null },
      ],
    },
    include: { meeting: true },
    orderBy: { dueAt: "asc" },
  });
  const briefings = briefingRows.map((b) => ({
    meetingId: b.meetingId,
    meetingTitle: b.meeting.title,
    meetingStartsAt: b.meeting.startsAt,
    departmentId: b.departmentId,
    as: b.headSlackUserId === userId && !b.headConfirmedAt ? ("head" as const) : ("deputy" as const),
    nobodyCame: b.deputySlackUserId === null,
    dueAt: b.dueAt,
  }));

  return {
    userId,
    now,
    zone,
    isOffice,
    memberships: mine,
    departmentViews,
    briefings,
    boards: isOffice ? boards : [],
    latestMeeting: isOffice ? await latestMeeting(db) : null,
  };
}

async function latestMeeting(db: Db): Promise<HomeData["latestMeeting"]> {
  const meeting = await db.meeting.findFirst({
    where: { status: "closed", headMustAttend: true },
    orderBy: { startsAt: "desc" },
    select: { id: true },
  });
  if (!meeting) return null;
  const { report } = await loadAttendance(db, meeting.id);
  return {
    id: report.meeting.id,
    title: report.meeting.title,
    startsAt: report.meeting.startsAt,
    notInPerson: report.departments.filter((d) => d.status !== "head_in_person"),
  };
}
