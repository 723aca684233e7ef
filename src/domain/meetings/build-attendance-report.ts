import type { DepartmentKind, LeaveRecord, MeetingInfo, RegisteredHead, RequiredDepartment, SignInRecord, SignInRole } from "./types.ts";

/** on_leave: the head did not come in person, with leave (请假) the office approved — not counted as a skip. */
export type AttendanceStatus = "head_in_person" | "on_leave" | "by_deputy" | "absent";

export interface Attendee {
  slackUserId: string;
  name: string;
  title: string | null;
  /** As recorded; a head-role sign-in by someone other than the registered head stays "head" here but does not count as in person. */
  role: SignInRole;
  signedInAt: Date;
}

export interface DepartmentAttendance {
  departmentId: string;
  nameZh: string;
  nameEn: string;
  kind: DepartmentKind;
  /** The principal head registered for this meeting; null means none was registered, which the report flags. */
  head: RegisteredHead | null;
  status: AttendanceStatus;
  headSignedInAt: Date | null;
  /** Everyone other than the registered head who signed in for the department, earliest first. */
  attendees: Attendee[];
  /** The department's leave request, whatever its state (only an approved one makes the status on_leave). */
  leave: LeaveRecord | null;
}

export interface AttendanceTotals {
  required: number;
  headInPerson: number;
  byDeputy: number;
  absent: number;
  /** Heads excused by approved leave (whoever came for them). */
  onLeave: number;
  /** byDeputy + absent: the heads the speech is about (approved leave is not among them). */
  headNotInPerson: number;
  withoutRegisteredHead: number;
  /** People signed in for required departments, each counted once. */
  attendees: number;
}

export interface AttendanceReport {
  meeting: MeetingInfo;
  departments: DepartmentAttendance[];
  totals: AttendanceTotals;
  /** Sign-ins for departments the meeting did not require; the sign-in rules refuse these, so any here point at a data problem. */
  unexpectedSignIns: SignInRecord[];
}

/** Counties and districts first, as the speech lists them (县(市)、区和部门), then departments, universities, the office. */
const KIND_ORDER: Record<DepartmentKind, number> = { county_district: 0, department: 1, university: 2, office: 3 };
const collator = new Intl.Collator("zh-CN");

export function compareDepartments(
  a: { kind: DepartmentKind; nameZh: string; departmentId: string },
  b: { kind: DepartmentKind; nameZh: string; departmentId: string },
): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    collator.compare(a.nameZh, b.nameZh) ||
    (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0)
  );
}

/** One sign-in per person, the earliest: the database key guarantees this, the report does not rely on it. */
function firstPerPerson(signIns: readonly SignInRecord[]): SignInRecord[] {
  const byPerson = new Map<string, SignInRecord>();
  for (const s of signIns) {
    const seen = byPerson.get(s.slackUserId);
    if (!seen || s.signedInAt.getTime() < seen.signedInAt.getTime()) byPerson.set(s.slackUserId, s);
  }
  return [...byPerson.values()];
}

function registeredHead(d: RequiredDepartment): RegisteredHead | null {
  if (d.headSlackUserId === null) return null;
  return { slackUserId: d.headSlackUserId, name: d.headName ?? d.headSlackUserId, title: d.headTitle };
}

/**
 * Attendance by department: the registered head in person (whatever role they ticked, and whoever else
 * came too), on approved leave (请假, with whoever came instead), present by deputy (the absent head named,
 * with who came instead), or absent entirely.
 */
export function buildAttendanceReport(
  meeting: MeetingInfo,
  requiredDepartments: readonly RequiredDepartment[],
  signIns: readonly SignInRecord[],
  leaves: readonly LeaveRecord[] = [],
): AttendanceReport {
  const required = new Set(requiredDepartments.map((d) => d.departmentId));
  const people = firstPerPerson(signIns).sort((a, b) => a.signedInAt.getTime() - b.signedInAt.getTime());

  const departments = requiredDepartments.map((d): DepartmentAttendance => {
    const head = registeredHead(d);
    const own = people.filter((s) => s.departmentId === d.departmentId);
    const headSignIn = head ? own.find((s) => s.slackUserId === head.slackUserId) : undefined;
    const attendees = own
      .filter((s) => s !== headSignIn)
      .map((s): Attendee => ({ slackUserId: s.slackUserId, name: s.name, title: s.title, role: s.role, signedInAt: s.signedInAt }));
    const leave = leaves.find((l) => l.departmentId === d.departmentId) ?? null;
    const status: AttendanceStatus = headSignIn
      ? "head_in_person"
      : leave?.status === "approved"
        ? "on_leave"
        : attendees.length > 0
          ? "by_deputy"
          : "absent";
    return {
      departmentId: d.departmentId,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      kind: d.kind,
      head,
      status,
      headSignedInAt: headSignIn?.signedInAt ?? null,
      attendees,
      leave,
    };
  });
  departments.sort(compareDepartments);

  const count = (status: AttendanceStatus) => departments.filter((d) => d.status === status).length;
  const totals: AttendanceTotals = {
    required: departments.length,
    headInPerson: count("head_in_person"),
    byDeputy: count("by_deputy"),
    absent: count("absent"),
    onLeave: count("on_leave"),
    headNotInPerson: count("by_deputy") + count("absent"),
    withoutRegisteredHead: departments.filter((d) => d.head === null).length,
    attendees: people.filter((s) => required.has(s.departmentId)).length,
  };
  return { meeting, departments, totals, unexpectedSignIns: people.filter((s) => !required.has(s.departmentId)) };
}
