import type { Bilingual } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { formatWindow } from "./local-time.ts";
import type { MeetingInfo, RequiredDepartment, SignInRole } from "./types.ts";

/** How a person is tied to a department: its liaison, its registered head, or a member of its channel. */
export type MembershipKind = "liaison" | "head" | "channel_member";

export interface SignInPerson {
  slackUserId: string;
  name: string;
  memberships: readonly { departmentId: string; as: MembershipKind }[];
}

/** What the sign-in form asks: am I the principal head, or attending for them (and my title)? */
export type SignInClaim = { role: "head" } | { role: "deputy"; title: string };

export interface CheckSignInInput {
  meeting: Pick<MeetingInfo, "signInOpensAt" | "signInClosesAt" | "status">;
  requiredDepartments: readonly RequiredDepartment[];
  person: SignInPerson;
  /** The department whose channel the button was pressed in. Omitted: inferred from the person's memberships. */
  departmentId?: string;
  claim: SignInClaim;
  now: Date;
}

/** The row to insert. Role and title are normalised: a registered head is always recorded as head. */
export interface AcceptedSignIn {
  departmentId: string;
  slackUserId: string;
  name: string;
  role: SignInRole;
  title: string | null;
}

export type SignInRefusalCode =
  | "meeting_closed"
  | "meeting_cancelled"
  | "not_open_yet"
  | "window_closed"
  | "department_not_required"
  | "department_ambiguous"
  | "not_a_member"
  | "not_registered_head"
  | "no_registered_head"
  | "deputy_title_missing";

export type SignInCheck = { ok: true; signIn: AcceptedSignIn } | { ok: false; code: SignInRefusalCode; message: Bilingual };

function refuse(code: SignInRefusalCode, message: Bilingual): Extract<SignInCheck, { ok: false }> {
  return { ok: false, code, message };
}

function isMember(person: SignInPerson, dept: RequiredDepartment): boolean {
  return dept.headSlackUserId === person.slackUserId || person.memberships.some((m) => m.departmentId === dept.departmentId);
}

/** The department being signed in for: the channel's, or the one required department the person belongs to. */
function resolveDepartment(input: CheckSignInInput): RequiredDepartment | Extract<SignInCheck, { ok: false }> {
  const { requiredDepartments, person, claim } = input;
  if (input.departmentId !== undefined) {
    const dept = requiredDepartments.find((d) => d.departmentId === input.departmentId);
    return (
      dept ??
      refuse("department_not_required", {
        zh: "该单位不在本次会议的应参会单位之列，无需签到。",
        en: "This department is not required at this meeting, so there is nothing to sign in for.",
      })
    );
  }
  const candidates = requiredDepartments.filter((d) => isMember(person, d));
  // Someone tied to two required departments who claims head means the one they head.
  const headed = claim.role === "head" ? candidates.filter((d) => d.headSlackUserId === person.slackUserId) : [];
  const only = headed.length === 1 ? headed[0] : candidates.length === 1 ? candidates[0] : undefined;
  if (only) return only;
  if (candidates.length > 1) {
    return refuse("department_ambiguous", {
      zh: `您登记在多个应参会单位（${joinList(
        candidates.map((d) => d.nameZh),
        "zh",
      )}），请在本单位的频道中点击签到按钮。`,
      en: `You are registered with several required departments (${joinList(
        candidates.map((d) => d.nameEn),
        "en",
      )}). Please sign in from your own department's channel.`,
    });
  }
  return refuse("department_not_required", {
    zh: "您所在的单位不在本次会议的应参会单位之列。如有疑问请联系安委办。",
    en: "Your department is not required at this meeting. Please contact the safety office if you think it should be.",
  });
}

/**
 * The sign-in rules for one button press. The window is half-open: sign-in is accepted from
 * `signInOpensAt` itself up to, but not at, `signInClosesAt` — the same instant the close sweep takes.
 *
 * A second sign-in by the same person is not checked here: the SignIn table's unique key
 * (meetingId, slackUserId) decides it, so two replicas or a double click still record exactly once.
 * The service treats that unique violation as "already signed in" (see `alreadySignedInMessage`).
 */
export function checkSignIn(input: CheckSignInInput): SignInCheck {
  const { meeting, requiredDepartments, person, claim, now } = input;
  const window: Bilingual = {
    zh: formatWindow(meeting.signInOpensAt, meeting.signInClosesAt, "zh"),
    en: formatWindow(meeting.signInOpensAt, meeting.signInClosesAt, "en"),
  };

  if (meeting.status === "cancelled") {
    return refuse("meeting_cancelled", {
      zh: "本次会议已取消，无需签到。",
      en: "This meeting has been cancelled; there is nothing to sign in to.",
    });
  }
  if (meeting.status === "closed") {
    return refuse("meeting_closed", {
      zh: `本次会议签到已结束（签到时间：${window.zh}）。`,
      en: `Sign-in for this meeting is closed (the window was ${window.en}).`,
    });
  }
  if (now.getTime() < meeting.signInOpensAt.getTime()) {
    return refuse("not_open_yet", {
      zh: `签到尚未开始。签到时间：${window.zh}。`,
      en: `Sign-in has not opened yet. Sign-in window: ${window.en}.`,
    });
  }
  if (now.getTime() >= meeting.signInClosesAt.getTime()) {
    return refuse("window_closed", {
      zh: `签到时间已过。签到时间为${window.zh}。`,
      en: `Sign-in has closed. The window was ${window.en}.`,
    });
  }

  const resolved = resolveDepartment(input);
  if ("ok" in resolved) return resolved;
  const dept = resolved;

  if (!isMember(person, dept)) {
    return refuse("not_a_member", {
      zh: `您不是${dept.nameZh}的登记人员，不能为该单位签到。每人只能为本单位签到。`,
      en: `You are not registered with ${dept.nameEn}, so you cannot sign in for it. Everyone signs in for their own department only.`,
    });
  }

  const isRegisteredHead = dept.headSlackUserId !== null && dept.headSlackUserId === person.slackUserId;
  if (isRegisteredHead) {
    // The head is in the room whatever they ticked; recording them as their own deputy would report them absent.
    return {
      ok: true,
      signIn: { departmentId: dept.departmentId, slackUserId: person.slackUserId, name: person.name, role: "head", title: dept.headTitle },
    };
  }

  if (claim.role === "head") {
    if (dept.headSlackUserId === null) {
      return refuse("no_registered_head", {
        zh: `${dept.nameZh}尚未登记主要负责人，无法确认主要负责人本人签到。请以代参会身份签到，或联系安委办登记主要负责人。`,
        en: `${dept.nameEn} has no registered principal head, so a head's sign-in cannot be confirmed. Please sign in as attending for the head, or ask the safety office to register the head.`,
      });
    }
    const head = dept.headName ?? dept.headSlackUserId;
    return refuse("not_registered_head", {
      zh: `${dept.nameZh}登记的主要负责人是${head}，只有其本人可以以主要负责人身份签到。如您代为参会，请选择“代主要负责人参会”并填写职务。`,
      en: `${head} is the registered principal head of ${dept.nameEn}; only they can sign in as principal head. If you are attending in their place, choose "attending for the head" and give your title.`,
    });
  }

  const title = claim.title.replace(/\s+/g, " ").trim();
  if (title === "") {
    return refuse("deputy_title_missing", {
      zh: "代主要负责人参会，请填写您的职务。",
      en: "Please give your title when attending for the principal head.",
    });
  }
  return {
    ok: true,
    signIn: { departmentId: dept.departmentId, slackUserId: person.slackUserId, name: person.name, role: "deputy", title },
  };
}
