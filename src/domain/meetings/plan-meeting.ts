import { formatLocalDateTime } from "./local-time.ts";
import type { Bilingual } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { resolveSelection, type DepartmentSelection, type DirectoryDepartment } from "./definition/department-selection.ts";

/** A meeting as the office asks for it, from a file or the create modal. */
export interface MeetingDraft {
  id?: string;
  title: string;
  startsAt: Date;
  opensMinutesBefore: number;
  closesMinutesAfter: number;
  departments: DepartmentSelection;
  headMustAttend: boolean;
  briefingDueWorkingDays: number;
}

export type MeetingField = "title" | "startsAt" | "signIn" | "departments" | "briefingDueWorkingDays";

export interface MeetingProblem {
  field: MeetingField;
  message: Bilingual;
}

/** A draft checked against the directory and the clock: what `createMeeting` writes. */
export interface MeetingPlan {
  id?: string;
  title: string;
  startsAt: Date;
  signInOpensAt: Date;
  signInClosesAt: Date;
  headMustAttend: boolean;
  briefingDueWorkingDays: number;
  /** With the principal head as registered now: the meeting keeps this snapshot. */
  departments: DirectoryDepartment[];
  /** Not wrong, but worth saying: required departments without a registered head cannot be named in the report. */
  warnings: Bilingual[];
}

export type PlanResult = { ok: true; plan: MeetingPlan } | { ok: false; problems: MeetingProblem[] };

const MINUTE = 60_000;

/**
 * Checks a draft: a title, a sign-in window that has not already closed, known required departments that each
 * have a Slack channel (otherwise nobody there could see the notice or sign in, and the report would name a head
 * as absent from a meeting they were never told about).
 */
export function planMeeting(draft: MeetingDraft, directory: readonly DirectoryDepartment[], now: Date): PlanResult {
  const problems: MeetingProblem[] = [];
  const title = draft.title.replace(/\s+/g, " ").trim();
  if (title === "") problems.push({ field: "title", message: { zh: "请填写会议名称。", en: "Please give the meeting a title." } });
  if ([...title].length > 120)
    problems.push({
      field: "title",
      message: { zh: "会议名称不能超过 120 个字。", en: "The title cannot be longer than 120 characters." },
    });

  const signInOpensAt = new Date(draft.startsAt.getTime() - draft.opensMinutesBefore * MINUTE);
  const signInClosesAt = new Date(draft.startsAt.getTime() + draft.closesMinutesAfter * MINUTE);
  if (!(signInOpensAt < signInClosesAt)) {
    problems.push({ field: "signIn", message: { zh: "签到时间段不能为零。", en: "The sign-in window cannot be empty." } });
  } else if (signInClosesAt <= now) {
    problems.push({
      field: "startsAt",
      message: {
        zh: `该会议的签到截止时间（${formatLocalDateTime(signInClosesAt, "zh")}）已过，请检查会议日期和时间。`,
        en: `Sign-in for this meeting would have closed already (${formatLocalDateTime(signInClosesAt, "en")}). Please check the date and time.`,
      },
    });
  }
  if (!Number.isInteger(draft.briefingDueWorkingDays) || draft.briefingDueWorkingDays < 1 || draft.briefingDueWorkingDays > 20) {
    problems.push({
      field: "briefingDueWorkingDays",
      message: { zh: "传达确认期限应为 1 到 20 个工作日。", en: "The briefing deadline must be 1 to 20 working days." },
    });
  }

  const resolved = resolveSelection(draft.departments, directory);
  let departments: DirectoryDepartment[] = [];
  if (!resolved.ok) {
    problems.push({
      field: "departments",
      message: {
        zh: `名录中没有这些单位：${resolved.unknown.join("、")}。`,
        en: `These departments are not in the directory: ${resolved.unknown.join(", ")}.`,
      },
    });
  } else {
    departments = resolved.departments;
    const withoutChannel = departments.filter((d) => !d.slackChannelId);
    if (departments.length === 0) {
      problems.push({ field: "departments", message: { zh: "没有选中任何应参会单位。", en: "No required department was selected." } });
    } else if (withoutChannel.length > 0) {
      problems.push({
        field: "departments",
        message: {
          zh: `这些单位尚未登记 Slack 频道，无法接收通知和签到：${joinList(
            withoutChannel.map((d) => d.nameZh),
            "zh",
          )}。请先用 redline import 登记频道，或不选这些单位。`,
          en: `These departments have no Slack channel registered, so they could neither see the notice nor sign in: ${joinList(
            withoutChannel.map((d) => d.nameEn),
            "en",
          )}. Register their channels with redline import first, or leave them out.`,
        },
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const warnings: Bilingual[] = [];
  const headless = departments.filter((d) => !d.headSlackUserId);
  if (draft.headMustAttend && headless.length > 0) {
    warnings.push({
      zh: `这些单位未登记主要负责人，签到表无法点名：${joinList(
        headless.map((d) => d.nameZh),
        "zh",
      )}。`,
      en: `These departments have no registered principal head, so the report cannot name one: ${joinList(
        headless.map((d) => d.nameEn),
        "en",
      )}.`,
    });
  }
  return {
    ok: true,
    plan: {
      ...(draft.id ? { id: draft.id } : {}),
      title,
      startsAt: draft.startsAt,
      signInOpensAt,
      signInClosesAt,
      headMustAttend: draft.headMustAttend,
      briefingDueWorkingDays: draft.briefingDueWorkingDays,
      departments,
      warnings,
    },
  };
}
