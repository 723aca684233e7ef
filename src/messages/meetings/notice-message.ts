import type { Button } from "@slack/types";
import type { MeetingInfo, RequiredDepartment, SignInRecord } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { NoticeKind } from "../../domain/meetings/notice-schedule.ts";
import { MEETING_ACTIONS } from "./ids.ts";
import { context, deptName, escapeMrkdwn as esc, header, person, plain, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { encodeButtonValue } from "./refs.ts";
import { clockOrDate, meetingTime, signInWindow } from "./time-text.ts";

export interface NoticeMessageInput {
  meeting: MeetingInfo;
  department: RequiredDepartment;
  kind: NoticeKind;
  /** This department's sign-ins; others are ignored. */
  signIns: readonly SignInRecord[];
  now: Date;
  lang: Lang;
}

const HEADINGS: Record<NoticeKind, { icon: string; zh: string; en: string }> = {
  "day-before": { icon: "📋", zh: "会议通知", en: "Meeting notice" },
  open: { icon: "🟢", zh: "会议签到已开始", en: "Sign-in is open" },
  "minutes-before": { icon: "⏰", zh: "会议 30 分钟后开始", en: "Meeting starts in 30 minutes" },
};

/** Once sign-in is over, a notice that announced the opening or the start no longer says so. */
const CLOSED_HEADING = { icon: "⏹", zh: "会议签到已结束", en: "Sign-in has closed" };

export function signInButton(meetingId: string, departmentId: string, lang: Lang): Button {
  return {
    type: "button",
    action_id: MEETING_ACTIONS.signIn,
    style: "primary",
    text: plain(lang === "zh" ? "签到" : "Sign in"),
    value: encodeButtonValue({ meetingId, departmentId }),
  };
}

/**
 * The notice in a required department's channel, with its 签到 button. Rendered again from the database after
 * every sign-in (chat.update), so the channel sees who has signed in; once sign-in closes the button goes.
 */
export function buildNoticeMessage(input: NoticeMessageInput): SlackMessage {
  const { meeting, department, kind, now, lang } = input;
  const zh = lang === "zh";
  const mine = input.signIns.filter((s) => s.departmentId === department.departmentId);
  const open = meeting.status === "scheduled" && now < meeting.signInClosesAt;
  const title = esc(meeting.title);
  const heading = !open && kind !== "day-before" ? CLOSED_HEADING : HEADINGS[kind];
  const head = department.headSlackUserId
    ? person({ name: department.headName ?? department.headSlackUserId, title: department.headTitle }, lang)
    : null;

  const lines = [
    zh ? `*致：${deptName(department, lang)}*` : `*To: ${deptName(department, lang)}*`,
    `*${title}*`,
    zh ? `会议时间：${meetingTime(meeting.startsAt, lang)}` : `Time: ${meetingTime(meeting.startsAt, lang)}`,
    zh
      ? `签到时间：${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}`
      : `Sign-in: ${signInWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang)}`,
  ];
  if (meeting.headMustAttend) {
    lines.push(
      zh
        ? `*须主要负责人本人参会*${head ? `（本单位登记的主要负责人：${head}）` : "（本单位尚未登记主要负责人，请联系安委办登记）"}。确实不能参会的，代参会人签到并在会后向主要负责人原原本本传达会议精神。`
        : `*The principal head must attend in person*${head ? ` (registered head: ${head})` : " (no principal head is registered for this department; please ask the safety office to register one)"}. Whoever attends in their place signs in and afterwards briefs the head on the meeting in full.`,
    );
  }

  const signedIn = mine.map((s) => {
    const as =
      s.role === "head" ? (zh ? "主要负责人本人" : "principal head in person") : zh ? "代主要负责人参会" : "attending for the head";
    return `✅ ${person(s, lang)} · ${as} · ${clockOrDate(s.signedInAt, meeting.startsAt, lang)}`;
  });
  const status =
    signedIn.length > 0 ? `${zh ? "*已签到*" : "*Signed in*"}\n${signedIn.join("\n")}` : zh ? "尚无人签到。" : "Nobody has signed in yet.";
  const closing = open ? "" : zh ? "\n签到已结束。" : "\nSign-in has closed.";

  const blocks: Block[] = [
    header(`${heading.icon} ${heading[lang]}${zh ? "：" : ": "}${meeting.title}`),
    section(lines.join("\n")),
    section(`${status}${closing}`, "sign_in_status", open ? signInButton(meeting.id, department.departmentId, lang) : null),
    context(
      zh
        ? `点击“签到”后选择身份：主要负责人本人，或代主要负责人参会（须填写职务）。每人只能为本单位签到一次。会议编号 ${meeting.id}`
        : `Press "Sign in" and say whether you are the principal head or attending for them (with your title). Everyone signs in once, for their own department. Meeting id ${meeting.id}`,
    ),
  ];
  const count = zh ? `已签到 ${mine.length} 人` : `${mine.length} signed in`;
  return {
    text: zh
      ? `【${heading.zh}】${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "zh")} · ${esc(department.nameZh)} · ${count}`
      : `${heading.en}: ${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "en")} · ${esc(department.nameEn)} · ${count}`,
    blocks,
  };
}
