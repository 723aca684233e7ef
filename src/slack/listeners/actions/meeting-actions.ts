import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { alreadySignedInMessage } from "../../../domain/meetings/already-signed-in-message.ts";
import { signInRefusalError } from "../../../domain/meetings/sign-in-refusal-error.ts";
import { refreshHomes } from "../../../home/publish-home.ts";
import { confirmBriefing, refreshBriefingMessage, type BriefingSide } from "../../../meetings/briefings.ts";
import { toSignInRecord } from "../../../meetings/load-meeting.ts";
import { checkSignInAttempt } from "../../../meetings/sign-in.ts";
import { noticeBlocks } from "../../../messages/mrkdwn.ts";
import { MEETING_ACTIONS } from "../../../messages/meetings/ids.ts";
import { encodeSignInMetadata, parseButtonValue, parseCancelValue } from "../../../messages/meetings/refs.ts";
import { requireOffice } from "../../../directory/office.ts";
import { cancelMeeting } from "../../../meetings/cancel-meeting.ts";
import { escapeMrkdwn } from "../../../messages/mrkdwn.ts";
import { buildSignInModal } from "../../../messages/meetings/sign-in-modal.ts";
import { checkLeaveAttempt, decideLeave, followUpLeaveDecision, pendingLeave } from "../../../meetings/leave.ts";
import { buildLeaveDecidedNotice, buildLeaveModal, buildLeaveRefusalModal } from "../../../messages/meetings/leave-message.ts";
import { AppError, ErrorCode } from "../../../lib/errors.ts";
import type { AppDeps } from "../../deps.ts";
import { replyWithError } from "../../reply-error.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * 签到 pressed in a department's channel: refuse at once what the form cannot change (outside the window, not this
 * department's member, already signed in), otherwise open the sign-in form for the person who pressed it.
 */
export function signInButton(deps: AppDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseButtonValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      const existing = await deps.db.signIn.findUnique({
        where: { meetingId_slackUserId: { meetingId: ref.meetingId, slackUserId: body.user.id } },
      });
      if (existing) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          ...noticeBlocks(`ℹ️ ${alreadySignedInMessage(toSignInRecord(existing))[lang]}`),
        });
        return;
      }
      const attempt = await checkSignInAttempt(deps.db, deps.delivery, {
        ...ref,
        slackUserId: body.user.id,
        claim: { role: "deputy", title: "-" },
        now: deps.now(),
      });
      if (!attempt.check.ok) throw signInRefusalError(attempt.check);
      const department = attempt.department!;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildSignInModal({
          meeting: attempt.meeting.info,
          department,
          signer: { name: attempt.person.name, title: attempt.person.title },
          isRegisteredHead: department.headSlackUserId === body.user.id,
          privateMetadata: encodeSignInMetadata({ ...ref, channelId: body.channel?.id, messageTs: body.message?.ts, lang }),
          lang,
        }),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

/** One side of a briefing confirmation; only the person the button names may press it. */
export function briefingButton(deps: AppDeps, side: BriefingSide) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id, side };
    const reply = body.response_url ? respond : undefined;
    try {
      const ref = parseButtonValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      const now = deps.now();
      const { meeting, briefing } = await confirmBriefing(deps.db, { ...ref, side, slackUserId: body.user.id, now });
      deps.logger.info({ ...ids, meeting: ref.meetingId, department: ref.departmentId }, "briefing confirmed");
      await refreshBriefingMessage(deps, meeting, briefing, now);
      await refreshHomes(
        { db: deps.db, delivery: deps.delivery, logger: deps.logger, zone: deps.config.zone, lang },
        [ref.departmentId],
        now,
      );
      // A click in the Home tab has no response_url: the re-published Home tab is the answer.
      if (!body.response_url) return;
      const text =
        side === "deputy"
          ? { zh: "✅ 已记录：您已向主要负责人原原本本传达会议精神。", en: "✅ Recorded: you briefed the principal head in full." }
          : briefing.deputySlackUserId
            ? { zh: "✅ 已记录：您已听取会议精神传达。", en: "✅ Recorded: you have been briefed on the meeting." }
            : { zh: "✅ 已记录：您已组织传达学习会议精神。", en: "✅ Recorded: you had the meeting's content briefed." };
      await respond({ response_type: "ephemeral", replace_original: false, ...noticeBlocks(text[lang]) });
    } catch (e) {
      await replyWithError(reply, e, lang, deps, ids, { delivery: deps.delivery, userId: body.user.id });
    }
  };
}

/** 确认取消会议 pressed on the office's private question: checked again on the server, then cancelled once. */
export function cancelButton(deps: AppDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseCancelValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId });
      await requireOffice(deps.db, body.user.id, { zh: "取消会议", en: "cancel meetings" });
      const { meeting, result } = await cancelMeeting(deps, {
        meetingId: ref.meetingId,
        cancelledBy: body.user.id,
        reason: ref.reason,
        now: deps.now(),
      });
      const failed =
        result.failed > 0
          ? lang === "zh"
            ? `，其中 ${result.failed} 条发送失败，将自动重试`
            : `; ${result.failed} failed and will be retried`
          : "";
      await respond({
        response_type: "ephemeral",
        replace_original: true,
        ...noticeBlocks(
          lang === "zh"
            ? `✅ 已取消「${escapeMrkdwn(meeting.info.title)}」，已通知 ${meeting.departments.length} 个单位${failed}。该会议不计入缺席记录。`
            : `✅ "${escapeMrkdwn(meeting.info.title)}" is cancelled; ${meeting.departments.length} departments were told${failed}. It does not count in the absence record.`,
        ),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

/** 请假 pressed on a department's notice: refuse at once what the form cannot change, otherwise open the leave form. */
export function leaveButton(deps: AppDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseButtonValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      const attempt = await checkLeaveAttempt(deps.db, deps.delivery, { ...ref, slackUserId: body.user.id, now: deps.now() });
      if (!attempt.check.ok) {
        Object.assign(ids, { refusal: attempt.check.code });
        throw new AppError(attempt.check.code === "not_a_member" ? ErrorCode.Forbidden : ErrorCode.Conflict, attempt.check.message);
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildLeaveModal({
          meeting: attempt.meeting.info,
          department: attempt.department!,
          requester: attempt.person,
          privateMetadata: encodeSignInMetadata({ ...ref, channelId: body.channel?.id, lang }),
          lang,
        }),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

/**
 * 批准 pressed on a leave request in the office channel: office staff only (checked on the server), decided once by a
 * conditional update; the later click is told who decided. The winner's follow-up updates the request and tells the
 * department.
 */
export function approveLeaveButton(deps: AppDeps) {
  const decision = "approved" as const;
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseButtonValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      await requireOffice(deps.db, body.user.id, { zh: "审批请假", en: "decide leave" });
      const now = deps.now();
      const { leave, department } = await decideLeave(deps.db, { ...ref, decision, decidedBy: body.user.id, now });
      deps.logger.info({ ...ids, leave: leave.id, decision }, "leave decided");
      const result = await followUpLeaveDecision(deps, ref.meetingId, ref.departmentId, now);
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        ...buildLeaveDecidedNotice(decision, department, result.failed > 0, lang),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

/**
 * 不批准… pressed on a leave request: office staff only, and the leave still undecided (else who decided is said); opens
 * the form for the reason, whose submission refuses it (see the view listener).
 */
export function refuseLeaveButton(deps: AppDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const lang = deps.config.lang;
    const ids: Record<string, unknown> = { action: action.action_id, user: body.user.id, channel: body.channel?.id };
    try {
      const ref = parseButtonValue(action.value);
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      await requireOffice(deps.db, body.user.id, { zh: "审批请假", en: "decide leave" });
      const { meeting, leave, department } = await pendingLeave(deps.db, ref.meetingId, ref.departmentId);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildLeaveRefusalModal({
          meeting: meeting.info,
          department,
          leave,
          lang,
          privateMetadata: encodeSignInMetadata({ ...ref, channelId: body.channel?.id, lang }),
        }),
      });
    } catch (e) {
      await replyWithError(respond, e, lang, deps, ids);
    }
  };
}

export function registerMeetingActions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(MEETING_ACTIONS.askLeave, leaveButton(deps));
  app.action<BlockButtonAction>(MEETING_ACTIONS.approveLeave, approveLeaveButton(deps));
  app.action<BlockButtonAction>(MEETING_ACTIONS.refuseLeave, refuseLeaveButton(deps));
  app.action<BlockButtonAction>(MEETING_ACTIONS.confirmCancel, cancelButton(deps));
  app.action<BlockButtonAction>(MEETING_ACTIONS.signIn, signInButton(deps));
  app.action<BlockButtonAction>(MEETING_ACTIONS.confirmDeputy, briefingButton(deps, "deputy"));
  app.action<BlockButtonAction>(MEETING_ACTIONS.confirmHead, briefingButton(deps, "head"));
}
