import type { Db } from "../db/client.ts";
import { departmentView, type DepartmentView } from "../domain/campaigns/build-status-board.ts";
import { isOfficeMember, registeredMemberships, type Membership } from "../directory/membership.ts";
import { loadRunningBoards, type LoadedBoard } from "../campaigns/load-boards.ts";
import type { DepartmentAttendance } from "../domain/meetings/build-attendance-report.ts";
import type { Department } from "../generated/prisma/client.ts";
import { loadAttendance } from "../meetings/load-meeting.ts";

export interface BriefingToConfirm {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  departmentId: string;
  as: "head" | "deputy";
  dueAt: Date;
}

export interface HomeData {
  userId: string;
  now: Date;
  zone: string;
  isOffice: boolean;
  memberships: (Membership & { department: Department })[];
  /** Per membership department, per running campaign: its open tasks. */
  departmentViews: DepartmentView[];
  briefings: BriefingToConfirm[];
  /** Office: every running campaign's board. */
  boards: LoadedBoard[];
  /** Office: the latest closed meeting with heads who did not attend in person. */
  latestMeeting: { id: string; title: string; startsAt: Date; notInPerson: DepartmentAttendance[] } | null;
}

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
