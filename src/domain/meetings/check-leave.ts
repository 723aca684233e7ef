import type { Bilingual } from "../../lib/i18n.ts";
import { formatLocalDateTime } from "./local-time.ts";
import type { LeaveRecord, MeetingInfo, RequiredDepartment } from "./types.ts";

export type LeaveRefusalCode =
  | "meeting_not_open"
  | "head_need_not_attend"
  | "meeting_started"
  | "department_not_required"
  | "no_registered_head"
  | "not_a_member"
  | "head_signed_in"
  | "already_asked";

export type LeaveCheck = { ok: true } | { ok: false; code: LeaveRefusalCode; message: Bilingual };

export interface CheckLeaveInput {
  meeting: Pick<MeetingInfo, "status" | "headMustAttend" | "startsAt">;
  department: RequiredDepartment | undefined;
  /** Whether the person asking is the registered head or belongs to the department (asked of the directory and Slack). */
  isMember: boolean;
  headSignedIn: boolean;
  existing: LeaveRecord | null;
  now: Date;
}

const refuse = (code: LeaveRefusalCode, message: Bilingual): LeaveCheck => ({ ok: false, code, message });

/**
 * Whether a leave (请假) may be asked: only for a meeting the head must attend in person, before it starts, for a
 * required department with a registered head, by the head or a member of that department, once per department at a
 * time — a refused one may be asked again.
 */
export function checkLeaveRequest(input: CheckLeaveInput): LeaveCheck {
  const { meeting, department, existing } = input;
  if (meeting.status !== "scheduled")
    return refuse("meeting_not_open", {
      zh: meeting.status === "cancelled" ? "本次会议已取消，无需请假。" : "本次会议签到已结束，不能再请假。",
      en:
        meeting.status === "cancelled"
          ? "This meeting was cancelled: there is no leave to ask."
          : "Sign-in for this meeting is over; leave can no longer be asked.",
    });
  if (!meeting.headMustAttend)
    return refuse("head_need_not_attend", {
      zh: "本次会议不要求主要负责人本人参会，无需请假，由参会人签到即可。",
      en: "This meeting does not require the principal head in person: no leave is needed, whoever attends signs in.",
    });
  if (input.now.getTime() >= meeting.startsAt.getTime())
    return refuse("meeting_started", {
      zh: `请假须在会议开始（${formatLocalDateTime(meeting.startsAt, "zh")}）前提出，会议已开始。`,
      en: `Leave must be asked before the meeting starts (${formatLocalDateTime(meeting.startsAt, "en")}); it has started.`,
    });
  if (!department)
    return refuse("department_not_required", {
      zh: "该单位不在本次会议的应参会单位之列，无需请假。",
      en: "This department is not required at this meeting, so no leave is needed.",
    });
  if (!department.headSlackUserId)
    return refuse("no_registered_head", {
      zh: `${department.nameZh}尚未登记主要负责人，无法请假。请联系安委办登记主要负责人。`,
      en: `${department.nameEn} has no registered principal head, so there is nobody to excuse. Please ask the safety office to register one.`,
    });
  if (!input.isMember)
    return refuse("not_a_member", {
      zh: `您不是${department.nameZh}的登记人员，不能为该单位请假。`,
      en: `You are not registered with ${department.nameEn}, so you cannot ask leave for it.`,
    });
  if (input.headSignedIn)
    return refuse("head_signed_in", {
      zh: "主要负责人已本人签到，无需请假。",
      en: "The principal head has already signed in in person: no leave is needed.",
    });
  // A refused leave may be asked again (with a new reason or substitute) until the meeting starts.
  if (existing && existing.status !== "refused")
    return refuse("already_asked", {
      zh: `本单位已于${formatLocalDateTime(existing.requestedAt, "zh")}提交请假（${existing.status === "approved" ? "已批准" : "待安委办审批"}），无需重复提交。`,
      en: `Your department asked leave on ${formatLocalDateTime(existing.requestedAt, "en")} (${existing.status === "approved" ? "approved" : "awaiting the safety office"}); there is no need to ask again.`,
    });
  return { ok: true };
}

export type LeaveDecision = "approved" | "refused";

/** What a second decision on a leave is told: who decided first, and when. */
export function alreadyDecidedMessage(leave: Pick<LeaveRecord, "status" | "decidedAt" | "decidedBy">): Bilingual {
  const when = (lang: "zh" | "en") => (leave.decidedAt ? formatLocalDateTime(leave.decidedAt, lang) : "");
  const by = leave.decidedBy ? `<@${leave.decidedBy}>` : "";
  return leave.status === "approved"
    ? { zh: `该请假已由 ${by} 于 ${when("zh")} 批准，无需重复处理。`, en: `This leave was already approved by ${by} on ${when("en")}.` }
    : { zh: `该请假已由 ${by} 于 ${when("zh")} 驳回，无需重复处理。`, en: `This leave was already refused by ${by} on ${when("en")}.` };
}

/** The longest reason kept (it is shown to the office and in the report). */
export const MAX_LEAVE_REASON = 300;
