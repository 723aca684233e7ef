import type { Button } from "@slack/types";
import type { LeaveRecord, MeetingInfo, RequiredDepartment, SignInRecord } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { NoticeKind } from "../../domain/meetings/notice-schedule.ts";
import type { MeetingChange } from "../../domain/meetings/meeting-changes.ts";
import { joinList } from "../../lib/i18n.ts";
import { MEETING_ACTIONS } from "./ids.ts";
import { context, deptName, escapeMrkdwn as esc, header, person, plain, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { encodeButtonValue } from "./refs.ts";
import { leaveButton, leaveStatusLine } from "./leave-message.ts";
import { clockOrDate, meetingTime, signInWindow } from "./time-text.ts";

export interface NoticeMessageInput {
  meeting: MeetingInfo;
  department: RequiredDepartment;
  kind: NoticeKind;
  /** This department's sign-ins; others are ignored. */
  signIns: readonly SignInRecord[];
  now: Date;
  lang: Lang;
  /** A "changed" notice: what the edit changed, with the names of the departments it adds or removes. */
  changes?: readonly MeetingChange[];
  names?: ReadonlyMap<string, { nameZh: string; nameEn: string }>;
  /** An edit took this department off the meeting: the notice says it need not attend. */
  removed?: boolean;
  /** Why the office cancelled (a cancelled meeting's notice shows it). */
  cancelReason?: string | null;
  /** This department's leave request (请假), if any: its state is shown, and the 请假 button goes once asked. */
  leave?: LeaveRecord | null;
}

const HEADINGS: Record<NoticeKind, { icon: string; zh: string; en: string }> = {
  "day-before": { icon: "📋", zh: "会议通知", en: "Meeting notice" },
  open: { icon: "🟢", zh: "会议签到已开始", en: "Sign-in is open" },
  "minutes-before": { icon: "⏰", zh: "会议 30 分钟后开始", en: "Meeting starts in 30 minutes" },
  changed: { icon: "📝", zh: "会议变更", en: "Meeting changed" },
};
const CANCELLED_HEADING = { icon: "🚫", zh: "会议已取消", en: "Meeting cancelled" };
const REMOVED_HEADING = { icon: "📝", zh: "会议变更：本单位无需参加", en: "Meeting changed: your department is not required" };

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
  const cancelled = meeting.status === "cancelled";
  const heading = cancelled
    ? CANCELLED_HEADING
    : input.removed
      ? REMOVED_HEADING
      : !open && kind !== "day-before"
        ? CLOSED_HEADING
        : HEADINGS[kind];
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
  if (cancelled || input.removed) {
    const why = input.cancelReason?.trim();
    const said = cancelled
      ? zh
        ? `本次会议已取消，不再召开，无需签到，不计入缺席记录。${why ? `\n取消原因：${esc(why)}` : ""}`
        : `This meeting has been called off: there is nothing to attend or sign in to, and it does not count in the absence record.${why ? `\nReason: ${esc(why)}` : ""}`
      : zh
        ? "会议变更后，本单位不再列为应参会单位，无需参加，也无需签到。"
        : "After a change to the meeting your department is no longer required: you need not attend or sign in.";
    const tag = cancelled ? "原定" : "";
    lines[2] = zh
      ? `${tag}会议时间：${meetingTime(meeting.startsAt, lang)}`
      : `${cancelled ? "Was to be held" : "Time"}: ${meetingTime(meeting.startsAt, lang)}`;
    lines.length = 3;
    const blocks: Block[] = [
      header(`${heading.icon} ${heading[lang]}${zh ? "：" : ": "}${meeting.title}`),
      section(lines.join("\n")),
      section(said, "sign_in_status"),
      context(zh ? `会议编号 ${meeting.id}` : `Meeting id ${meeting.id}`),
    ];
    return {
      text: zh
        ? `【${heading.zh}】${esc(meeting.title)} · ${tag}${meetingTime(meeting.startsAt, "zh")} · ${esc(department.nameZh)}`
        : `${heading.en}: ${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "en")} · ${esc(department.nameEn)}`,
      blocks,
    };
  }
  if (meeting.headMustAttend) {
    lines.push(
      zh
        ? `*须主要负责人本人参会*${head ? `（本单位登记的主要负责人：${head}）` : "（本单位尚未登记主要负责人，请联系安委办登记）"}。确实不能参会的，会前点击“请假”报安委办批准，代参会人签到并在会后向主要负责人原原本本传达会议精神。`
        : `*The principal head must attend in person*${head ? ` (registered head: ${head})` : " (no principal head is registered for this department; please ask the safety office to register one)"}. A head who cannot come asks leave ("Ask leave") before the meeting for the safety office to approve; whoever attends in their place signs in and afterwards briefs the head on the meeting in full.`,
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
  const leave = meeting.headMustAttend && input.leave ? `\n${leaveStatusLine(input.leave, lang)}` : "";
  // Asked once at a time: the button goes while a leave is pending or approved, and comes back after a refusal.
  const canAskLeave =
    open &&
    meeting.headMustAttend &&
    department.headSlackUserId !== null &&
    (!input.leave || input.leave.status === "refused") &&
    now < meeting.startsAt;

  const changed = kind === "changed" && input.changes?.length ? changeLines(input.changes, department.departmentId, input.names, lang) : [];
  const blocks: Block[] = [
    header(`${heading.icon} ${heading[lang]}${zh ? "：" : ": "}${meeting.title}`),
    ...(changed.length > 0 ? [section(`${zh ? "*变更内容*" : "*What changed*"}\n${changed.join("\n")}`, "meeting_changes")] : []),
    section(lines.join("\n")),
    section(`${status}${leave}${closing}`, "sign_in_status", open ? signInButton(meeting.id, department.departmentId, lang) : null),
    ...(canAskLeave
      ? [{ type: "actions" as const, block_id: "meeting_leave", elements: [leaveButton(meeting.id, department.departmentId, lang)] }]
      : []),
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

const at = (iso: string, lang: Lang) => meetingTime(new Date(iso), lang);

/** "• 会议时间：2026年5月29日（周五）15:00 → 2026年6月1日（周一）15:00", one line per change, from this department's side. */
export function changeLines(
  changes: readonly MeetingChange[],
  departmentId: string,
  names: ReadonlyMap<string, { nameZh: string; nameEn: string }> | undefined,
  lang: Lang,
): string[] {
  const zh = lang === "zh";
  const name = (id: string) => esc(zh ? (names?.get(id)?.nameZh ?? id) : (names?.get(id)?.nameEn ?? id));
  const lines: string[] = [];
  for (const c of changes) {
    switch (c.field) {
      case "title":
        lines.push(zh ? `• 会议名称：${esc(c.from)} → ${esc(c.to)}` : `• Title: ${esc(c.from)} → ${esc(c.to)}`);
        break;
      case "startsAt":
        lines.push(zh ? `• 会议时间：${at(c.from, lang)} → *${at(c.to, lang)}*` : `• Time: ${at(c.from, lang)} → *${at(c.to, lang)}*`);
        break;
      case "signIn": {
        const from = signInWindow(new Date(c.from[0]), new Date(c.from[1]), lang);
        const to = signInWindow(new Date(c.to[0]), new Date(c.to[1]), lang);
        lines.push(zh ? `• 签到时间：${from} → *${to}*` : `• Sign-in: ${from} → *${to}*`);
        break;
      }
      case "departments":
        if (c.added.includes(departmentId)) lines.push(zh ? "• 本单位新列为应参会单位" : "• Your department is now required to attend");
        else {
          const parts = [
            ...(c.added.length ? [zh ? `新增 ${joinList(c.added.map(name), "zh")}` : `added ${joinList(c.added.map(name), "en")}`] : []),
            ...(c.removed.length
              ? [zh ? `不再参加 ${joinList(c.removed.map(name), "zh")}` : `no longer required ${joinList(c.removed.map(name), "en")}`]
              : []),
          ];
          lines.push(zh ? `• 应参会单位：${parts.join("；")}` : `• Required departments: ${parts.join("; ")}`);
        }
        break;
      case "headMustAttend":
        lines.push(
          c.to
            ? zh
              ? "• 参会要求：须主要负责人本人参会"
              : "• Attendance: the principal head must now attend in person"
            : zh
              ? "• 参会要求：不再要求主要负责人本人参会"
              : "• Attendance: the principal head no longer has to attend in person",
        );
        break;
      case "briefingDueWorkingDays":
        lines.push(zh ? `• 传达确认期限：${c.from} → ${c.to} 个工作日` : `• Briefing deadline: ${c.from} → ${c.to} working days`);
        break;
    }
  }
  return lines;
}
