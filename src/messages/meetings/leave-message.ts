import type { ActionsBlock, Button, ModalView } from "@slack/types";
import { MAX_LEAVE_REASON } from "../../domain/meetings/check-leave.ts";
import type { LeaveRecord, MeetingInfo, RequiredDepartment } from "../../domain/meetings/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import {
  context,
  deptName,
  escapeMrkdwn as esc,
  header,
  mention,
  noticeBlocks,
  person,
  plain,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import { element, readStateValues, readText, type ModalParse } from "../modal-state.ts";
import { LEAVE_FIELDS, LEAVE_MODAL_CALLBACK, LEAVE_REFUSE_FIELDS, LEAVE_REFUSE_MODAL_CALLBACK, MEETING_ACTIONS } from "./ids.ts";
import { encodeButtonValue } from "./refs.ts";
import { formatLocalDateTime, meetingTime } from "./time-text.ts";

/** The 请假 button on a department's notice. */
export function leaveButton(meetingId: string, departmentId: string, lang: Lang): Button {
  return {
    type: "button",
    action_id: MEETING_ACTIONS.askLeave,
    text: plain(lang === "zh" ? "请假" : "Ask leave"),
    value: encodeButtonValue({ meetingId, departmentId }),
  };
}

/** The leave's state as the department's notice shows it. */
export function leaveStatusLine(leave: LeaveRecord, lang: Lang): string {
  const zh = lang === "zh";
  const who = esc(leave.substituteName);
  switch (leave.status) {
    case "pending":
      return zh
        ? `🕓 主要负责人请假申请待安委办审批（拟由 ${who} 代为参会）。`
        : `🕓 The principal head's leave awaits the safety office (${who} to attend instead).`;
    case "approved":
      return zh
        ? `🟦 主要负责人请假已获安委办批准，由 ${who} 代为参会（请其签到，会后原原本本传达）。`
        : `🟦 The principal head's leave was approved; ${who} attends instead (they sign in and brief the head afterwards).`;
    case "refused": {
      const why = leave.decisionNote ? (zh ? `理由：${esc(leave.decisionNote)}。` : ` Reason: ${esc(leave.decisionNote)}.`) : "";
      return zh
        ? `⛔ 主要负责人请假未获批准，须本人参会。${why}确有困难可在会前再次点击“请假”说明情况。`
        : `⛔ The principal head's leave was refused: the head must attend in person.${why} If it truly cannot be helped, ask again ("Ask leave") before the meeting.`;
    }
  }
}

export interface LeaveModalInput {
  meeting: MeetingInfo;
  department: RequiredDepartment;
  requester: { name: string };
  privateMetadata: string;
  lang: Lang;
}

/** The leave form: the reason, and who attends in the head's place. */
export function buildLeaveModal(input: LeaveModalInput): ModalView {
  const { meeting, department, lang } = input;
  const zh = lang === "zh";
  const head = person({ name: department.headName ?? department.headSlackUserId ?? "", title: department.headTitle }, lang);
  return {
    type: "modal",
    callback_id: LEAVE_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "主要负责人请假" : "Leave for the head"),
    submit: plain(zh ? "提交安委办审批" : "Send to the office"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks: [
      section(
        zh
          ? `*${esc(meeting.title)}*\n${meetingTime(meeting.startsAt, lang)}\n单位：*${deptName(department, lang)}*　请假人：*${head}*\n提交人：${esc(input.requester.name)}\n请假须经安委办批准；批准前，主要负责人仍须本人参会。`
          : `*${esc(meeting.title)}*\n${meetingTime(meeting.startsAt, lang)}\nDepartment: *${deptName(department, lang)}*　Leave for: *${head}*\nAsked by: ${esc(input.requester.name)}\nLeave needs the safety office's approval; until then the head must attend in person.`,
      ),
      {
        type: "input",
        block_id: LEAVE_FIELDS.reason.block,
        label: plain(zh ? "请假事由" : "Reason"),
        element: { type: "plain_text_input", action_id: LEAVE_FIELDS.reason.action, multiline: true, max_length: MAX_LEAVE_REASON },
      },
      {
        type: "input",
        block_id: LEAVE_FIELDS.substitute.block,
        optional: true,
        label: plain(zh ? "代参会人（在 Slack 中选择）" : "Who attends instead (pick in Slack)"),
        element: { type: "users_select", action_id: LEAVE_FIELDS.substitute.action },
      },
      {
        type: "input",
        block_id: LEAVE_FIELDS.substituteName.block,
        optional: true,
        label: plain(zh ? "代参会人姓名、职务（不在 Slack 中时填写）" : "Their name and title (when not in Slack)"),
        hint: plain(zh ? "例如：王副局长。两项至少填一项。" : "e.g. Deputy Director Wang. Give at least one of the two."),
        element: { type: "plain_text_input", action_id: LEAVE_FIELDS.substituteName.action, max_length: 80 },
      },
    ],
  };
}

export interface LeaveForm {
  reason: string;
  substituteSlackUserId: string | null;
  substituteName: string | null;
}

/** The form's answers, or the problems under their fields. */
export function parseLeaveSubmission(rawValues: unknown): ModalParse<LeaveForm> {
  const values = readStateValues(rawValues);
  const reason = readText(values, LEAVE_FIELDS.reason);
  const substituteSlackUserId = element(values, LEAVE_FIELDS.substitute)?.selected_user?.trim() || null;
  const substituteName = readText(values, LEAVE_FIELDS.substituteName, { singleLine: true });
  const errors: Record<string, { zh: string; en: string }> = {};
  if (!reason) errors[LEAVE_FIELDS.reason.block] = { zh: "请填写请假事由。", en: "Please give the reason." };
  else if ([...reason].length > MAX_LEAVE_REASON)
    errors[LEAVE_FIELDS.reason.block] = {
      zh: `事由不能超过 ${MAX_LEAVE_REASON} 个字。`,
      en: `The reason cannot be longer than ${MAX_LEAVE_REASON} characters.`,
    };
  if (!substituteSlackUserId && !substituteName)
    errors[LEAVE_FIELDS.substituteName.block] = { zh: "请选择或填写代参会人。", en: "Please pick or name who attends instead." };
  else if (substituteSlackUserId && !/^[UW][A-Z0-9]{2,}$/.test(substituteSlackUserId))
    errors[LEAVE_FIELDS.substitute.block] = { zh: "请重新选择代参会人。", en: "Please pick the person again." };
  else if (substituteName && [...substituteName].length > 80)
    errors[LEAVE_FIELDS.substituteName.block] = { zh: "姓名、职务不能超过 80 个字。", en: "The name cannot be longer than 80 characters." };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { reason: reason!, substituteSlackUserId, substituteName } };
}

export interface LeaveMessageInput {
  meeting: MeetingInfo;
  department: RequiredDepartment;
  leave: LeaveRecord;
  lang: Lang;
}

function leaveFacts(input: LeaveMessageInput): string {
  const { meeting, department, leave, lang } = input;
  const zh = lang === "zh";
  const head = department.headSlackUserId
    ? person({ name: department.headName ?? department.headSlackUserId, title: department.headTitle }, lang)
    : "";
  const substitute = `${esc(leave.substituteName)}${leave.substituteSlackUserId ? ` ${mention(leave.substituteSlackUserId)}` : ""}`;
  return zh
    ? [
        `*${esc(meeting.title)}*　${meetingTime(meeting.startsAt, lang)}`,
        `单位：*${deptName(department, lang)}*　请假人：主要负责人 *${head}*`,
        `事由：${esc(leave.reason)}`,
        `代参会人：${substitute}`,
        `提交：${esc(leave.name)}，${formatLocalDateTime(leave.requestedAt, lang)}`,
      ].join("\n")
    : [
        `*${esc(meeting.title)}*　${meetingTime(meeting.startsAt, lang)}`,
        `Department: *${deptName(department, lang)}*　Leave for: principal head *${head}*`,
        `Reason: ${esc(leave.reason)}`,
        `Attending instead: ${substitute}`,
        `Asked by ${esc(leave.name)}, ${formatLocalDateTime(leave.requestedAt, lang)}`,
      ].join("\n");
}

function decisionText(leave: LeaveRecord, lang: Lang): string {
  const zh = lang === "zh";
  const by = leave.decidedBy ? mention(leave.decidedBy) : "";
  const at = leave.decidedAt ? formatLocalDateTime(leave.decidedAt, lang) : "";
  if (leave.status === "approved") return zh ? `✅ 已批准 · ${by} · ${at}` : `✅ Approved by ${by} · ${at}`;
  if (leave.status === "refused") {
    const why = leave.decisionNote ? (zh ? `\n理由：${esc(leave.decisionNote)}` : `\nReason: ${esc(leave.decisionNote)}`) : "";
    return zh ? `⛔ 不批准 · ${by} · ${at}${why}` : `⛔ Refused by ${by} · ${at}${why}`;
  }
  return zh ? "待审批" : "Awaiting a decision";
}

/**
 * The request in the office channel: the facts and 批准 / 不批准 while pending; once decided, rendered again with the
 * decision in place of the buttons (so a second click has nothing to press, and the server refuses it anyway).
 */
export function buildLeaveRequestMessage(input: LeaveMessageInput): SlackMessage {
  const { meeting, department, leave, lang } = input;
  const zh = lang === "zh";
  const value = encodeButtonValue({ meetingId: meeting.id, departmentId: department.departmentId });
  const round = leave.round ?? 1;
  const again =
    round > 1 ? (zh ? `（第 ${round} 次申请，此前未获批准）` : ` (asked again: request ${round}, the earlier one refused)`) : "";
  const blocks: Block[] = [
    header(zh ? `🙋 请假申请：${department.nameZh}${again}` : `🙋 Leave request: ${department.nameEn}${again}`),
    section(leaveFacts(input)),
  ];
  if (leave.status === "pending") {
    const actions: ActionsBlock = {
      type: "actions",
      block_id: "leave_decision",
      elements: [
        { type: "button", action_id: MEETING_ACTIONS.approveLeave, style: "primary", text: plain(zh ? "批准" : "Approve"), value },
        // Opens a form for the reason, which is the confirmation too.
        { type: "button", action_id: MEETING_ACTIONS.refuseLeave, style: "danger", text: plain(zh ? "不批准…" : "Refuse…"), value },
      ],
    };
    blocks.push(actions);
  } else blocks.push(section(decisionText(leave, lang), "leave_decision"));
  blocks.push(
    context(
      zh
        ? `批准后，该主要负责人在签到情况和缺席记录中记为“请假”，不计入约谈；代参会人会后仍须原原本本传达。会议编号 ${meeting.id}`
        : `Once approved, the head shows as "on leave" in the attendance report and the absence record, not toward a summons; the substitute still briefs the head afterwards. Meeting id ${meeting.id}`,
    ),
  );
  const state = leave.status === "pending" ? "" : zh ? `（${leave.status === "approved" ? "已批准" : "不批准"}）` : ` (${leave.status})`;
  return {
    text: zh
      ? `【请假申请】${esc(department.nameZh)} 主要负责人 ${esc(department.headName ?? "")} · ${esc(meeting.title)}${state}`
      : `Leave request: ${esc(department.nameEn)}, principal head ${esc(department.headName ?? "")} · ${esc(meeting.title)}${state}`,
    blocks,
  };
}

/** The decision in the department's channel, addressed to whoever asked (and the substitute, who must now sign in). */
export function buildLeaveDecisionMessage(input: LeaveMessageInput): SlackMessage {
  const { meeting, department, leave, lang } = input;
  const zh = lang === "zh";
  const approved = leave.status === "approved";
  const to = [
    leave.slackUserId,
    ...(department.headSlackUserId && department.headSlackUserId !== leave.slackUserId ? [department.headSlackUserId] : []),
  ]
    .map(mention)
    .join(" ");
  const sub = `${esc(leave.substituteName)}${leave.substituteSlackUserId ? `（${mention(leave.substituteSlackUserId)}）` : ""}`;
  const body = approved
    ? zh
      ? `${to} 安委办已批准主要负责人请假。请代参会人 ${sub} 按时参会并签到（选择“代主要负责人参会”），会后向主要负责人原原本本传达会议精神。`
      : `${to} The safety office approved the principal head's leave. ${sub} attends instead: sign in on time ("attending for the head") and brief the head in full afterwards.`
    : zh
      ? `${to} 安委办未批准主要负责人请假，*主要负责人须本人参会*并签到。\n理由：${esc(leave.decisionNote ?? "")}\n如确实无法参会，可在会议开始（${meetingTime(meeting.startsAt, "zh")}）前在会议通知中再次点击“请假”，说明情况后重新提交。`
      : `${to} The safety office refused the principal head's leave: *the head must attend in person* and sign in.\nReason: ${esc(leave.decisionNote ?? "")}\nIf the head truly cannot attend, ask again with "Ask leave" on the meeting notice before it starts (${meetingTime(meeting.startsAt, "en")}), explaining why.`;
  const title = zh ? (approved ? "✅ 请假已批准" : "⛔ 请假未获批准") : approved ? "✅ Leave approved" : "⛔ Leave refused";
  return {
    text: zh
      ? `【${approved ? "请假已批准" : "请假未获批准"}】${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "zh")} · ${esc(department.nameZh)}`
      : `${approved ? "Leave approved" : "Leave refused"}: ${esc(meeting.title)} · ${meetingTime(meeting.startsAt, "en")} · ${esc(department.nameEn)}`,
    blocks: [
      header(`${title}${zh ? "：" : ": "}${meeting.title}`),
      section(body),
      section(leaveFacts(input)),
      context(`${decisionText(leave, lang)}　${zh ? "会议编号" : "Meeting id"} ${meeting.id}`),
    ],
  };
}

/** 不批准… on a leave request: the office writes why (required, the head sees it); submitting it refuses the leave. */
export function buildLeaveRefusalModal(input: LeaveMessageInput & { privateMetadata: string }): ModalView {
  const zh = input.lang === "zh";
  return {
    type: "modal",
    callback_id: LEAVE_REFUSE_MODAL_CALLBACK,
    private_metadata: input.privateMetadata,
    title: plain(zh ? "不批准请假" : "Refuse the leave"),
    submit: plain(zh ? "不批准" : "Refuse"),
    close: plain(zh ? "返回" : "Back"),
    blocks: [
      section(leaveFacts(input)),
      {
        type: "input",
        block_id: LEAVE_REFUSE_FIELDS.reason.block,
        label: plain(zh ? "不批准的理由（主要负责人会看到）" : "Why it is refused (the head sees this)"),
        element: {
          type: "plain_text_input",
          action_id: LEAVE_REFUSE_FIELDS.reason.action,
          multiline: true,
          max_length: MAX_LEAVE_REASON,
        },
      },
      context(
        zh
          ? "不批准后主要负责人须本人参会；会议开始前，单位可说明情况再次请假。"
          : "Once refused the head must attend in person; before the meeting starts the department may ask again, explaining why.",
      ),
    ],
  };
}

/** The refusal's reason, or the problem under its field. */
export function parseLeaveRefusalSubmission(rawValues: unknown): ModalParse<{ reason: string }> {
  const reason = readText(readStateValues(rawValues), LEAVE_REFUSE_FIELDS.reason);
  const block = LEAVE_REFUSE_FIELDS.reason.block;
  if (!reason) return { ok: false, errors: { [block]: { zh: "请写明不批准的理由。", en: "Please say why the leave is refused." } } };
  if ([...reason].length > MAX_LEAVE_REASON)
    return {
      ok: false,
      errors: {
        [block]: { zh: `理由不能超过 ${MAX_LEAVE_REASON} 个字。`, en: `The reason cannot be longer than ${MAX_LEAVE_REASON} characters.` },
      },
    };
  return { ok: true, data: { reason } };
}

/** What the office member who decided is told: the decision, and that the department was told (or will be). */
export function buildLeaveDecidedNotice(
  decision: "approved" | "refused",
  department: { nameZh: string; nameEn: string },
  delayed: boolean,
  lang: Lang,
): SlackMessage {
  const zh = lang === "zh";
  const failed = delayed ? (zh ? "（通知发送失败，将自动重试）" : " (the notice failed and will be retried)") : "";
  return noticeBlocks(
    decision === "approved"
      ? zh
        ? `✅ 已批准${esc(department.nameZh)}主要负责人请假，已通知该单位${failed}。`
        : `✅ Leave approved for ${esc(department.nameEn)}'s head; the department was told${failed}.`
      : zh
        ? `⛔ 已不批准${esc(department.nameZh)}主要负责人请假，已通知该单位${failed}。`
        : `⛔ Leave refused for ${esc(department.nameEn)}'s head; the department was told${failed}.`,
  );
}
