/**
 * Plain shapes of the campaign rows the pure rules work on. They mirror prisma/schema.prisma (Campaign, Task,
 * Completion, Department) without importing Prisma, so the rules stay testable with literals and the service
 * layer maps rows onto them (a Department row can be passed as a `CampaignDepartment` as it is).
 */
import type { DepartmentKind } from "../directory/department-groups.ts";
import type { Bilingual } from "../../lib/i18n.ts";

export const TASK_KINDS = ["acknowledge", "report", "education-session", "pledge"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Prisma enums cannot hold a dash: `education-session` is stored as `education_session`. */
export type DbTaskKind = "acknowledge" | "report" | "education_session" | "pledge";

export function taskKindToDb(kind: TaskKind): DbTaskKind {
  return kind === "education-session" ? "education_session" : kind;
}

export function taskKindFromDb(kind: DbTaskKind): TaskKind {
  return kind === "education_session" ? "education-session" : kind;
}

export type { DepartmentKind };

export interface CampaignDepartment {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: DepartmentKind;
  /** The principal head / legal representative: the only person who may sign a pledge. */
  headSlackUserId: string | null;
  headName: string | null;
  headTitle: string | null;
}

export interface CampaignInfo {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  /** Quoted from the speech: why the office asks for this. */
  sourceClause: string;
}

export interface PledgeText {
  text: Bilingual;
  /** Bumped whenever the text changes; a signature on an older version no longer counts. */
  version: number;
}

export interface CampaignTask {
  key: string;
  kind: TaskKind;
  title: Bilingual;
  /** The file's `short` title for the digest picture's column; absent, the picture abbreviates the title. */
  short?: Bilingual | null;
  opensAt: Date;
  /** The deadline instant. "By 31 May" is stored as 1 June 00:00 local time. */
  dueAt: Date;
  /** Present exactly for pledge tasks. */
  pledge: PledgeText | null;
}

/** A Completion row, keyed by the task's key within its campaign. */
export interface CompletionRecord {
  taskKey: string;
  departmentId: string;
  slackUserId: string;
  userName: string;
  userTitle: string | null;
  completedAt: Date;
  /** The pledge text version signed; null for other kinds. */
  pledgeVersion: number | null;
  /** The form's answers (`ReportData`, `EducationSessionData`); null for acknowledgements and pledges. */
  data: unknown;
  /** A report the department corrected: how many times, the last time and by whom (`data` is the latest). */
  correction?: { revision: number; at: Date; byName: string } | null;
}

export function departmentName(department: Pick<CampaignDepartment, "nameZh" | "nameEn">, lang: "zh" | "en"): string {
  return lang === "zh" ? department.nameZh : department.nameEn;
}
