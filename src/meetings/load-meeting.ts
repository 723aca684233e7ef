import type { Db } from "../db/client.ts";
import { buildAttendanceReport, type AttendanceReport } from "../domain/meetings/build-attendance-report.ts";
import type {
  BriefingRecord,
  LeaveRecord,
  MeetingInfo,
  MeetingStatus,
  RequiredDepartment,
  SignInRecord,
} from "../domain/meetings/types.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";

export interface MeetingDepartmentRow extends RequiredDepartment {
  channelId: string | null;
}

export interface LoadedMeeting {
  info: MeetingInfo;
  departments: MeetingDepartmentRow[];
  briefingDueWorkingDays: number;
  createdBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  /** Bumped by each edit or reschedule. */
  revision: number;
}

type MeetingRow = {
  id: string;
  title: string;
  startsAt: Date;
  signInOpensAt: Date;
  signInClosesAt: Date;
  headMustAttend: boolean;
  status: MeetingStatus;
  briefingDueWorkingDays: number;
  createdBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  departments: {
    departmentId: string;
    channelId: string | null;
    headSlackUserId: string | null;
    headName: string | null;
    headTitle: string | null;
  }[];
};

export function meetingInfo(
  row: Omit<MeetingRow, "departments" | "briefingDueWorkingDays" | "createdBy" | "closedAt" | "closedBy">,
): MeetingInfo {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    signInOpensAt: row.signInOpensAt,
    signInClosesAt: row.signInClosesAt,
    headMustAttend: row.headMustAttend,
    status: row.status,
  };
}

/** MeetingDepartment rows joined with the directory's names (the schema keeps the head snapshot, not the names). */
async function withNames(db: Db, rows: MeetingRow["departments"]): Promise<MeetingDepartmentRow[]> {
  const names = await db.department.findMany({
    where: { id: { in: rows.map((r) => r.departmentId) } },
    select: { id: true, nameZh: true, nameEn: true, kind: true },
  });
  const byId = new Map(names.map((n) => [n.id, n]));
  return rows.map((r) => {
    const d = byId.get(r.departmentId);
    return {
      departmentId: r.departmentId,
      nameZh: d?.nameZh ?? r.departmentId,
      nameEn: d?.nameEn ?? r.departmentId,
      kind: d?.kind ?? "department",
      headSlackUserId: r.headSlackUserId,
      headName: r.headName,
      headTitle: r.headTitle,
      channelId: r.channelId,
    };
  });
}

export function meetingNotFound(id: string): AppError {
  return new AppError(ErrorCode.NotFound, {
    zh: `找不到会议 ${id}。可用 /redline meeting list 查看会议编号。`,
    en: `No meeting ${id}. /redline meeting list shows meeting ids.`,
  });
}

export async function findMeeting(db: Db, id: string): Promise<LoadedMeeting | null> {
  const row = await db.meeting.findUnique({ where: { id }, include: { departments: true } });
  if (!row) return null;
  return {
    info: meetingInfo(row),
    departments: await withNames(db, row.departments),
    briefingDueWorkingDays: row.briefingDueWorkingDays,
    createdBy: row.createdBy,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    cancelledAt: row.cancelledAt,
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
    revision: row.revision,
  };
}

export async function loadMeeting(db: Db, id: string): Promise<LoadedMeeting> {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw meetingNotFound(id);
  return meeting;
}

export function toSignInRecord(s: {
  departmentId: string;
  slackUserId: string;
  name: string;
  role: "head" | "deputy";
  title: string | null;
  createdAt: Date;
}): SignInRecord {
  return { departmentId: s.departmentId, slackUserId: s.slackUserId, name: s.name, role: s.role, title: s.title, signedInAt: s.createdAt };
}

export async function loadSignIns(db: Db, meetingId: string): Promise<SignInRecord[]> {
  const rows = await db.signIn.findMany({ where: { meetingId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toSignInRecord);
}

export async function loadBriefings(db: Db, meetingId: string): Promise<BriefingRecord[]> {
  const rows = await db.briefing.findMany({ where: { meetingId } });
  return rows.map((b) => ({
    departmentId: b.departmentId,
    headSlackUserId: b.headSlackUserId,
    deputySlackUserId: b.deputySlackUserId,
    dueAt: b.dueAt,
    deputyConfirmedAt: b.deputyConfirmedAt,
    headConfirmedAt: b.headConfirmedAt,
  }));
}

export function toLeaveRecord(l: LeaveRecord & Record<string, unknown>): LeaveRecord {
  return {
    id: l.id,
    meetingId: l.meetingId,
    departmentId: l.departmentId,
    slackUserId: l.slackUserId,
    name: l.name,
    reason: l.reason,
    substituteName: l.substituteName,
    substituteSlackUserId: l.substituteSlackUserId,
    status: l.status,
    requestedAt: l.requestedAt,
    decidedAt: l.decidedAt,
    decidedBy: l.decidedBy,
    decisionNote: typeof l.decisionNote === "string" ? l.decisionNote : null,
    round: typeof l.round === "number" ? l.round : 1,
  };
}

/** The meeting's leave requests (one per department at most). */
export async function loadLeaves(db: Db, meetingId: string): Promise<LeaveRecord[]> {
  const rows = await db.meetingLeave.findMany({ where: { meetingId }, orderBy: { id: "asc" } });
  return rows.map(toLeaveRecord);
}

export interface MeetingAttendance {
  meeting: LoadedMeeting;
  report: AttendanceReport;
  briefings: BriefingRecord[];
}

/** The meeting's attendance as it stands, with its briefing follow-ups. */
export async function loadAttendance(db: Db, meetingId: string): Promise<MeetingAttendance> {
  const meeting = await loadMeeting(db, meetingId);
  const [signIns, briefings, leaves] = await Promise.all([
    loadSignIns(db, meetingId),
    loadBriefings(db, meetingId),
    loadLeaves(db, meetingId),
  ]);
  return { meeting, report: buildAttendanceReport(meeting.info, meeting.departments, signIns, leaves), briefings };
}
