import type { Db } from "../db/client.ts";
import { absenceRecord, type AbsenceRecord } from "../domain/meetings/absence-record.ts";
import { buildAttendanceReport, type AttendanceReport } from "../domain/meetings/build-attendance-report.ts";
import type { DepartmentKind } from "../domain/meetings/types.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { listInterviews, type InterviewRow } from "../hazards/record-interview.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { joinList } from "../lib/i18n.ts";
import { meetingInfo, toLeaveRecord, toSignInRecord } from "./load-meeting.ts";

export interface AbsenceQuery {
  since?: Date;
  /** Only these departments' attendance is counted. */
  departmentIds?: readonly string[];
  /** Only this principal head. */
  headSlackUserId?: string;
  threshold?: number;
}

/** Attendance reports of the closed mandatory meetings since `since` (three queries, whatever the number of meetings). */
export async function loadClosedReports(db: Db, since?: Date): Promise<AttendanceReport[]> {
  const meetings = await db.meeting.findMany({
    where: { status: "closed", headMustAttend: true, ...(since ? { startsAt: { gte: since } } : {}) },
    include: { departments: true, signIns: true, leaves: true },
    orderBy: { startsAt: "asc" },
  });
  const ids = [...new Set(meetings.flatMap((m) => m.departments.map((d) => d.departmentId)))];
  const names = new Map(
    (await db.department.findMany({ where: { id: { in: ids } }, select: { id: true, nameZh: true, nameEn: true, kind: true } })).map(
      (d) => [d.id, d],
    ),
  );
  return meetings.map((m) =>
    buildAttendanceReport(
      meetingInfo(m),
      m.departments.map((d) => {
        const n = names.get(d.departmentId);
        return {
          departmentId: d.departmentId,
          nameZh: n?.nameZh ?? d.departmentId,
          nameEn: n?.nameEn ?? d.departmentId,
          kind: (n?.kind ?? "department") as DepartmentKind,
          headSlackUserId: d.headSlackUserId,
          headName: d.headName,
          headTitle: d.headTitle,
        };
      }),
      m.signIns.map(toSignInRecord),
      m.leaves.map(toLeaveRecord),
    ),
  );
}

/** The repeat-absence record, narrowed to departments (their attendance only) or to one head (across departments). */
export async function loadAbsenceRecord(db: Db, query: AbsenceQuery = {}): Promise<AbsenceRecord> {
  let reports = await loadClosedReports(db, query.since);
  if (query.departmentIds) {
    const only = new Set(query.departmentIds);
    reports = reports.map((r) => ({ ...r, departments: r.departments.filter((d) => only.has(d.departmentId)) }));
  }
  const record = absenceRecord(reports, { since: query.since, threshold: query.threshold });
  if (!query.headSlackUserId) return record;
  const mine = (h: { head: { slackUserId: string } }) => h.head.slackUserId === query.headSlackUserId;
  return { ...record, heads: record.heads.filter(mine), summons: record.summons.filter(mine), withoutRegisteredHead: [] };
}

/**
 * The 约谈 the office recorded against the same units (hazard ledger), shown beside the absence record: the query's
 * departments, or the departments the head leads, or all; since the same day.
 */
export async function loadRecordedInterviews(db: Db, query: AbsenceQuery, zone: string): Promise<InterviewRow[]> {
  const departmentIds = query.departmentIds
    ? query.departmentIds
    : query.headSlackUserId
      ? (await db.department.findMany({ where: { headSlackUserId: query.headSlackUserId }, select: { id: true } })).map((d) => d.id)
      : undefined;
  return listInterviews(db, { departmentIds, sinceDay: query.since ? localDay(query.since, zone) : undefined });
}

/**
 * A department as someone types it: its id, its name in either language, or a unique part of a name
 * ("卫辉" → 卫辉市). Ambiguity is an error naming the candidates, never a guess.
 */
export async function findDepartmentByText(db: Db, text: string): Promise<{ id: string; nameZh: string; nameEn: string }> {
  const q = text.trim().toLowerCase();
  const all = await db.department.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { id: "asc" } });
  const exact = all.filter((d) => d.id === q || d.nameZh.toLowerCase() === q || d.nameEn.toLowerCase() === q);
  const matches =
    exact.length > 0
      ? exact
      : all.filter((d) => d.nameZh.toLowerCase().includes(q) || d.nameEn.toLowerCase().includes(q) || d.id.includes(q));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new AppError(ErrorCode.NotFound, { zh: `名录中没有“${text}”这个单位。`, en: `No department matches "${text}".` });
  }
  throw new AppError(ErrorCode.InputInvalid, {
    zh: `“${text}”可能是：${joinList(
      matches.map((d) => `${d.nameZh}（${d.id}）`),
      "zh",
    )}，请写得更具体些。`,
    en: `"${text}" could be ${joinList(
      matches.map((d) => `${d.nameEn} (${d.id})`),
      "en",
    )}; please be more specific.`,
  });
}

/**
 * A principal head named as text ("王强", or "@王强" as Slack sends a mention it did not resolve): the registered
 * head whose name matches exactly, in any department. Null when none does; two people of that name is an error.
 */
export async function findHeadByName(db: Db, text: string): Promise<{ slackUserId: string; name: string } | null> {
  const name = text
    .trim()
    .replace(/^[@＠]/, "")
    .trim();
  if (!name) return null;
  const rows = await db.department.findMany({
    where: { headName: name, headSlackUserId: { not: null } },
    select: { headSlackUserId: true, nameZh: true, nameEn: true },
    orderBy: { id: "asc" },
  });
  const ids = [...new Set(rows.map((r) => r.headSlackUserId!))];
  if (ids.length === 0) return null;
  if (ids.length === 1) return { slackUserId: ids[0]!, name };
  throw new AppError(ErrorCode.InputInvalid, {
    zh: `有 ${ids.length} 位主要负责人叫“${name}”（${joinList(
      rows.map((r) => r.nameZh),
      "zh",
    )}），请用 @ 选择本人，或写单位名称。`,
    en: `${ids.length} principal heads are called "${name}" (${joinList(
      rows.map((r) => r.nameEn),
      "en",
    )}); pick the person with @, or name the department.`,
  });
}
