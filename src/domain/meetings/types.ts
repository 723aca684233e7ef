import type { DepartmentKind } from "../directory/department-groups.ts";
/**
 * Plain shapes of the meeting rows the pure rules work on. They mirror prisma/schema.prisma
 * (Meeting, MeetingDepartment, SignIn, Briefing, Department) without importing Prisma, so the rules
 * stay testable with literals and the service layer maps rows onto them.
 */

export type MeetingStatus = "scheduled" | "closed" | "cancelled";
export type SignInRole = "head" | "deputy";

export type { DepartmentKind };

export interface MeetingInfo {
  id: string;
  title: string;
  startsAt: Date;
  signInOpensAt: Date;
  signInClosesAt: Date;
  /** Mandatory meetings: the principal head must attend in person; a deputy triggers a briefing follow-up. */
  headMustAttend: boolean;
  status: MeetingStatus;
}

export interface PersonRef {
  slackUserId: string;
  name: string;
}

export interface RegisteredHead extends PersonRef {
  title: string | null;
}

/**
 * A department required at a meeting: MeetingDepartment joined with Department's names and kind.
 * The head is the one registered when the meeting was created (the snapshot), not today's head.
 */
export interface RequiredDepartment {
  departmentId: string;
  nameZh: string;
  nameEn: string;
  kind: DepartmentKind;
  headSlackUserId: string | null;
  headName: string | null;
  headTitle: string | null;
}

/** A SignIn row. */
export interface SignInRecord {
  departmentId: string;
  slackUserId: string;
  name: string;
  role: SignInRole;
  title: string | null;
  signedInAt: Date;
}

/** A Briefing row, as far as the sheet needs it. */
export interface BriefingRecord {
  departmentId: string;
  /** Null when the department had no registered head: only the deputy can confirm. */
  headSlackUserId: string | null;
  /** Null when nobody came: only the head can confirm. */
  deputySlackUserId: string | null;
  dueAt: Date;
  deputyConfirmedAt: Date | null;
  headConfirmedAt: Date | null;
}

export type LeaveStatus = "pending" | "approved" | "refused";

/** A MeetingLeave row: a principal head's leave (请假) from a mandatory meeting, asked by the head or their unit. */
export interface LeaveRecord {
  id: number;
  meetingId: string;
  departmentId: string;
  /** Who asked (the head, or someone of the unit for them). */
  slackUserId: string;
  name: string;
  reason: string;
  substituteName: string;
  substituteSlackUserId: string | null;
  status: LeaveStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The office's reason for a refusal. */
  decisionNote?: string | null;
  /** 1 for the first asking; a refused leave asked again is 2, 3 … */
  round?: number;
}
