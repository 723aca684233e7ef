import type { Button } from "@slack/types";
import type { MeetingChange } from "../../domain/meetings/meeting-changes.ts";
import type { MeetingInfo } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, header, mention, plain, section, type SlackMessage } from "../mrkdwn.ts";
import { MEETING_ACTIONS } from "./ids.ts";
import { changeLines } from "./notice-message.ts";
import { formatLocalDateTime, meetingTime } from "./time-text.ts";

const who = (actor: string | null) => (!actor ? "" : /^[UW][A-Z0-9]+$/.test(actor) ? mention(actor) : esc(actor));

/** The office channel's record of a cancellation: which meeting, who called it off, why, and which departments were told. */
export function buildCancelledOfficeMessage(input: {
  meeting: {
    info: MeetingInfo;
    departments: readonly { nameZh: string; nameEn: string }[];
    cancelledBy: string | null;
    cancelledAt: Date | null;
    cancelReason: string | null;
  };
  lang: Lang;
}): SlackMessage {
  const { meeting, lang } = input;
  const zh = lang === "zh";
  const names = joinList(
    meeting.departments.map((d) => esc(zh ? d.nameZh : d.nameEn)),
    lang,
  );
  const at = meeting.cancelledAt ? formatLocalDateTime(meeting.cancelledAt, lang) : "";
  const reason = meeting.cancelReason ? (zh ? `\n取消原因：${esc(meeting.cancelReason)}` : `\nReason: ${esc(meeting.cancelReason)}`) : "";
  return {
    text: zh
      ? `【会议已取消】${esc(meeting.info.title)} · 原定${meetingTime(meeting.info.startsAt, "zh")}`
      : `Meeting cancelled: ${esc(meeting.info.title)} · was ${meetingTime(meeting.info.startsAt, "en")}`,
    blocks: [
      header(`${zh ? "🚫 会议已取消：" : "🚫 Meeting cancelled: "}${meeting.info.title}`),
      section(
        zh
          ? `原定会议时间：${meetingTime(meeting.info.startsAt, lang)}\n由 ${who(meeting.cancelledBy)} 于 ${at} 取消。${reason}\n已通知 ${meeting.departments.length} 个单位：${names}。不出签到情况，不开传达确认，不计入缺席记录。`
          : `Was to be held: ${meetingTime(meeting.info.startsAt, lang)}\nCancelled by ${who(meeting.cancelledBy)} at ${at}.${reason}\n${meeting.departments.length} departments were told: ${names}. No report, no briefings, and it does not count in the absence record.`,
      ),
      context(zh ? `会议编号 ${meeting.info.id}` : `Meeting id ${meeting.info.id}`),
    ],
  };
}

/** The office's private question before a cancellation goes out: the meeting, and a button to confirm. */
export function buildCancelConfirmation(input: {
  meeting: MeetingInfo;
  departments: number;
  signedIn: number;
  reason: string | null;
  lang: Lang;
}): SlackMessage {
  const { meeting, lang } = input;
  const zh = lang === "zh";
  const button: Button = {
    type: "button",
    action_id: MEETING_ACTIONS.confirmCancel,
    style: "danger",
    text: plain(zh ? "确认取消会议" : "Cancel the meeting"),
    value: JSON.stringify({ m: meeting.id, r: input.reason ?? "" }),
    confirm: {
      title: plain(zh ? "取消会议？" : "Cancel the meeting?"),
      text: plain(zh ? `将向 ${input.departments} 个单位发出取消通知。` : `A cancellation goes to ${input.departments} departments.`),
      confirm: plain(zh ? "取消会议" : "Cancel it"),
      deny: plain(zh ? "返回" : "Back"),
    },
  };
  const reason = input.reason ? (zh ? `\n取消原因：${esc(input.reason)}` : `\nReason: ${esc(input.reason)}`) : "";
  const state =
    meeting.status === "closed"
      ? zh
        ? "\n该会议签到已结束：取消后将从缺席记录中移除，传达确认不再需要。"
        : "\nSign-in has closed: cancelling removes it from the absence record and ends its briefings."
      : "";
  const text = zh
    ? `取消「${esc(meeting.title)}」（${meetingTime(meeting.startsAt, lang)}）？将通知 ${input.departments} 个应参会单位，已签到 ${input.signedIn} 人。${reason}${state}`
    : `Cancel "${esc(meeting.title)}" (${meetingTime(meeting.startsAt, lang)})? ${input.departments} required departments will be told; ${input.signedIn} signed in so far.${reason}${state}`;
  return { text, blocks: [section(text, "cancel_meeting", button)] };
}

/** The office channel's record of an edit: what changed, by whom, and that the departments were told. */
export function buildChangedOfficeMessage(input: {
  meeting: MeetingInfo;
  revision: number;
  changedBy: string;
  changes: readonly MeetingChange[];
  names: ReadonlyMap<string, { nameZh: string; nameEn: string }>;
  voidedSignIns: readonly { name: string }[];
  departments: number;
  lang: Lang;
}): SlackMessage {
  const { meeting, lang } = input;
  const zh = lang === "zh";
  const lines = changeLines(input.changes, "", input.names, lang);
  const voided = input.voidedSignIns.length
    ? zh
      ? `\n已作废的签到（不在新的签到时间内或单位不再参会）：${joinList(
          input.voidedSignIns.map((s) => esc(s.name)),
          "zh",
        )}`
      : `\nSign-ins voided (outside the new window, or the department is no longer required): ${joinList(
          input.voidedSignIns.map((s) => esc(s.name)),
          "en",
        )}`
    : "";
  return {
    text: zh
      ? `【会议变更】${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "zh")}`
      : `Meeting changed: ${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "en")}`,
    blocks: [
      header(`${zh ? "📝 会议变更：" : "📝 Meeting changed: "}${meeting.title}`),
      section(`${lines.join("\n")}${voided}`),
      section(
        zh
          ? `由 ${who(input.changedBy)} 修改（第 ${input.revision} 次变更）。已向 ${input.departments} 个单位重新发出通知。`
          : `Changed by ${who(input.changedBy)} (change ${input.revision}). The notices were posted again to ${input.departments} departments.`,
      ),
      context(zh ? `会议编号 ${meeting.id}` : `Meeting id ${meeting.id}`),
    ],
  };
}
