import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { atLocalTime } from "../../../domain/calendar/office-hours.ts";
import type { Lang } from "../../../lib/i18n.ts";
import { createMeeting } from "../../../meetings/create-meeting.ts";
import { loadDirectory } from "../../../meetings/directory.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "../../../meetings/keys.ts";
import { noticeSlots } from "../../../domain/meetings/notice-schedule.ts";
import { postDueNotices, refreshNotices } from "../../../meetings/notices.ts";
import { isOfficeMember } from "../../../directory/membership.ts";
import { officeChannelId } from "../../../directory/office.ts";
import { planMeeting, type MeetingDraft, type MeetingProblem } from "../../../domain/meetings/plan-meeting.ts";
import { checkSignInAttempt, recordSignIn } from "../../../meetings/sign-in.ts";
import { FIELD_BLOCKS, parseCreateMeetingSubmission } from "../../../messages/meetings/create-modal.ts";
import { buildCreatedMessage } from "../../../messages/meetings/created-message.ts";
import {
  CREATE_FIELDS,
  CREATE_MODAL_CALLBACK,
  EDIT_MODAL_CALLBACK,
  SIGN_IN_FIELDS,
  SIGN_IN_MODAL_CALLBACK,
  LEAVE_FIELDS,
  LEAVE_MODAL_CALLBACK,
  LEAVE_REFUSE_FIELDS,
  LEAVE_REFUSE_MODAL_CALLBACK,
} from "../../../messages/meetings/ids.ts";
import { checkLeaveAttempt, decideLeave, followUpLeaveDecision, postLeaveRequest, saveLeave } from "../../../meetings/leave.ts";
import { checkLeaveRequest } from "../../../domain/meetings/check-leave.ts";
import { buildLeaveDecidedNotice, parseLeaveRefusalSubmission, parseLeaveSubmission } from "../../../messages/meetings/leave-message.ts";
import { postChangedNotices, saveMeetingEdit } from "../../../meetings/edit-meeting.ts";
import { namesInChanges } from "../../../meetings/notices.ts";
import { editedSummary } from "../../commands/meeting-commands.ts";
import { responseErrors, type FieldErrors } from "../../../messages/modal-state.ts";
import { parseCreateMetadata, parseEditMetadata, parseSignInMetadata } from "../../../messages/meetings/refs.ts";
import { parseSignInSubmission } from "../../../messages/meetings/sign-in-modal.ts";
import { signInWindow } from "../../../messages/meetings/time-text.ts";
import type { AppDeps } from "../../deps.ts";
import { formErrorResponse, formRefusal } from "../../reply-error.ts";
import { escapeMrkdwn, noticeBlocks } from "../../../messages/mrkdwn.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The sign-in form submitted: the rules again on the server (the window may have closed while the form was open),
 * the row stored under the (meeting, person) key, the department's notices updated to show who signed in.
 */
export function signInSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const ref = parseSignInMetadata(view.private_metadata);
      lang = ref.lang;
      const form = parseSignInSubmission(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const now = deps.now();
      const attempt = await checkSignInAttempt(deps.db, deps.delivery, {
        meetingId: ref.meetingId,
        departmentId: ref.departmentId,
        slackUserId: body.user.id,
        claim: form.data,
        now,
      });
      if (!attempt.check.ok) {
        const block = attempt.check.code === "deputy_title_missing" ? SIGN_IN_FIELDS.title.block : SIGN_IN_FIELDS.role.block;
        deps.logger.info({ ...ids, meeting: ref.meetingId, department: ref.departmentId, refusal: attempt.check.code }, "sign-in refused");
        const where = { ...ids, meeting: ref.meetingId, department: ref.departmentId };
        await ack(formRefusal({ [block]: attempt.check.message }, lang, deps, where, attempt.check.code));
        return;
      }
      const recorded = await recordSignIn(deps.db, ref.meetingId, attempt.check.signIn, now);
      if ("closed" in recorded) {
        const { info } = attempt.meeting;
        const window = {
          zh: signInWindow(info.signInOpensAt, info.signInClosesAt, "zh"),
          en: signInWindow(info.signInOpensAt, info.signInClosesAt, "en"),
        };
        await ack(
          formRefusal(
            {
              [SIGN_IN_FIELDS.role.block]: {
                zh: `本次会议签到已结束（签到时间：${window.zh}）。`,
                en: `Sign-in for this meeting is closed (the window was ${window.en}).`,
              },
            },
            lang,
            deps,
            { ...ids, meeting: ref.meetingId, department: ref.departmentId },
            "sign_in_closed",
          ),
        );
        return;
      }
      await ack();
      const channel = ref.channelId;
      if (recorded.recorded) {
        deps.logger.info({ ...ids, meeting: ref.meetingId, department: ref.departmentId, role: recorded.signIn.role }, "signed in");
        await refreshNotices(deps, attempt.meeting, [ref.departmentId], now);
      }
      if (channel) {
        const text = recorded.recorded
          ? lang === "zh"
            ? `✅ 签到成功：${escapeMrkdwn(recorded.signIn.name)}（${recorded.signIn.role === "head" ? "主要负责人本人" : `代主要负责人参会，${escapeMrkdwn(recorded.signIn.title ?? "")}`}）`
            : `✅ Signed in: ${escapeMrkdwn(recorded.signIn.name)} (${recorded.signIn.role === "head" ? "principal head in person" : `attending for the head, ${escapeMrkdwn(recorded.signIn.title ?? "")}`})`
          : `ℹ️ ${recorded.message[lang]}`;
        await deps.delivery
          .ephemeral(channel, body.user.id, noticeBlocks(text))
          .catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm the sign-in"));
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(SIGN_IN_FIELDS.role.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "sign-in follow-up failed after the form was closed");
    }
  };
}

/**
 * The create/edit form read and planned against the directory: the field errors to show in the form, or the
 * draft the rules accept (an edit keeps the meeting's id, so the rules judge the change, not a new meeting).
 */
async function plannedDraft(
  deps: AppDeps,
  values: unknown,
  now: Date,
  meetingId?: string,
): Promise<{ ok: false; errors: FieldErrors } | { ok: true; draft: MeetingDraft }> {
  const form = parseCreateMeetingSubmission(values);
  if (!form.ok) return { ok: false, errors: form.errors };
  const f = form.data;
  const draft: MeetingDraft = {
    ...(meetingId ? { id: meetingId } : {}),
    title: f.title,
    startsAt: atLocalTime(f.day, f.time, deps.config.zone),
    opensMinutesBefore: f.opensMinutesBefore,
    closesMinutesAfter: f.closesMinutesAfter,
    departments: f.departments,
    headMustAttend: f.headMustAttend,
    briefingDueWorkingDays: f.briefingDueWorkingDays,
  };
  const planned = planMeeting(draft, await loadDirectory(deps.db), now);
  return planned.ok ? { ok: true, draft } : { ok: false, errors: problemsToErrors(planned.problems) };
}

function problemsToErrors(problems: readonly MeetingProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const block = FIELD_BLOCKS[p.field];
    const seen = errors[block];
    errors[block] = seen ? { zh: `${seen.zh} ${p.message.zh}`, en: `${seen.en} ${p.message.en}` } : p.message;
  }
  return errors;
}

/**
 * The create-meeting form submitted by the office: checked field by field, then against the directory and the
 * clock; any problem is shown under its field and nothing is saved. A saved meeting is announced in the office
 * channel, and a notice already due (a meeting called at short notice) goes out at once.
 */
export function createSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const meta = parseCreateMetadata(view.private_metadata);
      lang = meta.lang;
      if (!(await isOfficeMember(deps.db, body.user.id))) {
        deps.logger.info(ids, "create-meeting refused: not safety-office staff");
        await ack(
          formRefusal(
            {
              [CREATE_FIELDS.title.block]: { zh: "只有安委办工作人员可以创建会议。", en: "Only safety-office staff can create meetings." },
            },
            lang,
            deps,
            ids,
            "forbidden",
          ),
        );
        return;
      }
      const now = deps.now();
      const read = await plannedDraft(deps, view.state.values, now);
      if (!read.ok) {
        await ack(responseErrors(read.errors, lang));
        return;
      }
      const { draft } = read;
      const created = await createMeeting(deps.db, draft, { createdBy: body.user.id, now, zone: deps.config.zone });
      await ack();
      deps.logger.info({ ...ids, meeting: created.id, departments: created.plan.departments.length }, "meeting created");

      const message = buildCreatedMessage({
        meeting: { id: created.id, ...created.plan },
        departments: created.plan.departments,
        createdBy: body.user.id,
        notices: noticeSlots(created.plan, deps.config.zone).filter((s) => s.at > now),
        warnings: created.plan.warnings,
        lang,
      });
      const office = await officeChannelId(deps.db, deps.config);
      if (office) {
        await deps.delivery.postOnce({
          key: meetingKeys.created(created.id),
          kind: MEETING_DISPATCH_KINDS.created,
          channel: office,
          message,
        });
      }
      if (meta.channelId && meta.channelId !== office) {
        await deps.delivery
          .ephemeral(meta.channelId, body.user.id, message)
          .catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm to the creator"));
      }
      await postDueNotices(deps, now, [created.id]);
    } catch (e) {
      if (!acked) await ack(formErrorResponse(CREATE_FIELDS.title.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "announcing a created meeting failed after the form was closed");
    }
  };
}

/**
 * The edit form submitted: the same field checks as creating, then the change saved against the revision the form
 * showed (a change made meanwhile is refused, not overwritten), the notices posted again with what changed.
 */
export function editSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const meta = parseEditMetadata(view.private_metadata);
      lang = meta.lang;
      Object.assign(ids, { meeting: meta.meetingId });
      if (!(await isOfficeMember(deps.db, body.user.id))) {
        await ack(
          formRefusal(
            {
              [CREATE_FIELDS.title.block]: { zh: "只有安委办工作人员可以修改会议。", en: "Only safety-office staff can change meetings." },
            },
            lang,
            deps,
            ids,
            "forbidden",
          ),
        );
        return;
      }
      const now = deps.now();
      const read = await plannedDraft(deps, view.state.values, now, meta.meetingId);
      if (!read.ok) {
        await ack(responseErrors(read.errors, lang));
        return;
      }
      const { draft } = read;
      const saved = await saveMeetingEdit(deps, {
        meetingId: meta.meetingId,
        draft,
        expectedRevision: meta.revision,
        editedBy: body.user.id,
        now,
      });
      await ack();
      const result = await postChangedNotices(deps, meta.meetingId, saved.revision, now, saved.previousDepartmentIds, saved.voided);
      if (meta.channelId) {
        const summary = editedSummary({ ...saved, result }, await namesInChanges(deps.db, saved.changes), lang);
        await deps.delivery
          .ephemeral(meta.channelId, body.user.id, noticeBlocks(summary))
          .catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm the change to the editor"));
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(CREATE_FIELDS.title.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "a meeting change failed after the form was closed");
    }
  };
}

/**
 * The leave form submitted: the rules again on the server (the meeting may have started, or someone else of the unit
 * asked meanwhile), the row stored under the (meeting, department) key, the request posted to the office once.
 */
export function leaveSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids: Record<string, unknown> = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    try {
      const ref = parseSignInMetadata(view.private_metadata);
      lang = ref.lang;
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      const form = parseLeaveSubmission(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const now = deps.now();
      const attempt = await checkLeaveAttempt(deps.db, deps.delivery, { ...ref, slackUserId: body.user.id, now });
      if (!attempt.check.ok) {
        await ack(formRefusal({ [LEAVE_FIELDS.reason.block]: attempt.check.message }, lang, deps, ids, attempt.check.code));
        return;
      }
      const department = attempt.department!;
      if (form.data.substituteSlackUserId && form.data.substituteSlackUserId === department.headSlackUserId) {
        await ack(
          responseErrors(
            {
              [LEAVE_FIELDS.substitute.block]: {
                zh: "代参会人不能是请假的主要负责人本人。",
                en: "The substitute cannot be the head on leave.",
              },
            },
            lang,
          ),
        );
        return;
      }
      const substitute =
        form.data.substituteSlackUserId && !form.data.substituteName
          ? await deps.delivery.lookUpPerson(form.data.substituteSlackUserId)
          : null;
      const saved = await saveLeave(deps.db, { ...attempt, department }, form.data, substitute, now);
      if (!saved.saved) {
        const message = saved.leave
          ? checkLeaveRequest({
              meeting: attempt.meeting.info,
              department,
              isMember: true,
              headSignedIn: false,
              existing: saved.leave,
              now,
            })
          : null;
        await ack(
          formRefusal(
            {
              [LEAVE_FIELDS.reason.block]:
                message && !message.ok
                  ? message.message
                  : { zh: "本次会议签到已结束，不能再请假。", en: "Sign-in for this meeting is over; leave can no longer be asked." },
            },
            lang,
            deps,
            ids,
            saved.leave ? "already_asked" : "meeting_not_open",
          ),
        );
        return;
      }
      await ack();
      deps.logger.info({ ...ids, leave: saved.leave.id }, "leave asked");
      let posted = true;
      try {
        await postLeaveRequest(deps, attempt.meeting, department, saved.leave);
      } catch (e) {
        posted = false;
        deps.logger.error({ ...ids, err: e }, "leave request failed to post; the sweep retries it");
      }
      await refreshNotices(deps, attempt.meeting, [ref.departmentId], now);
      if (ref.channelId) {
        const zh = lang === "zh";
        const text = zh
          ? `✅ 请假申请已提交安委办审批${posted ? "" : "（发送稍有延迟，将自动重试）"}。批准前，主要负责人仍须本人参会；审批结果将在本频道通知。`
          : `✅ The leave request was sent to the safety office${posted ? "" : " (delayed; it will be retried)"}. Until it is approved the head must attend in person; the decision is posted in this channel.`;
        await deps.delivery
          .ephemeral(ref.channelId, body.user.id, noticeBlocks(text))
          .catch((e: unknown) => deps.logger.warn({ ...ids, err: e }, "could not confirm the leave request"));
      }
    } catch (e) {
      if (!acked) await ack(formErrorResponse(LEAVE_FIELDS.reason.block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "leave follow-up failed after the form was closed");
    }
  };
}

/**
 * The office's reason for refusing a leave submitted: office staff only (again), the reason required, the leave
 * decided once by the conditional update (a leave someone decided meanwhile is refused under the field, naming who);
 * then the request re-rendered, the department and the head told with the reason, the notice showing it.
 */
export function leaveRefusalSubmission(deps: AppDeps) {
  return async ({ ack: slackAck, body, view }: ViewArgs): Promise<void> => {
    const ids: Record<string, unknown> = { callback: view.callback_id, user: body.user.id };
    let lang: Lang = deps.config.lang;
    let acked = false;
    const ack: typeof slackAck = (response) => ((acked = true), slackAck(response));
    const block = LEAVE_REFUSE_FIELDS.reason.block;
    try {
      const ref = parseSignInMetadata(view.private_metadata);
      lang = ref.lang;
      Object.assign(ids, { meeting: ref.meetingId, department: ref.departmentId });
      if (!(await isOfficeMember(deps.db, body.user.id))) {
        const refusal = { zh: "只有安委办工作人员可以审批请假。", en: "Only safety-office staff can decide leave." };
        await ack(formRefusal({ [block]: refusal }, lang, deps, ids, "forbidden"));
        return;
      }
      const form = parseLeaveRefusalSubmission(view.state.values);
      if (!form.ok) {
        await ack(responseErrors(form.errors, lang));
        return;
      }
      const now = deps.now();
      const { leave, department } = await decideLeave(deps.db, {
        ...ref,
        decision: "refused",
        decidedBy: body.user.id,
        now,
        note: form.data.reason,
      });
      await ack();
      deps.logger.info({ ...ids, leave: leave.id, decision: "refused" }, "leave decided");
      const result = await followUpLeaveDecision(deps, ref.meetingId, ref.departmentId, now);
      const notice = buildLeaveDecidedNotice("refused", department, result.failed > 0, lang);
      const told = ref.channelId
        ? await deps.delivery.ephemeral(ref.channelId, body.user.id, notice).then(
            () => true,
            () => false,
          )
        : false;
      if (!told) await deps.delivery.dm(body.user.id, notice);
    } catch (e) {
      if (!acked) await ack(formErrorResponse(block, e, lang, deps, ids));
      else deps.logger.error({ ...ids, err: e }, "leave refusal follow-up failed after the form was closed");
    }
  };
}

export function registerMeetingViews(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(LEAVE_MODAL_CALLBACK, leaveSubmission(deps));
  app.view<ViewSubmitAction>(LEAVE_REFUSE_MODAL_CALLBACK, leaveRefusalSubmission(deps));
  app.view<ViewSubmitAction>(EDIT_MODAL_CALLBACK, editSubmission(deps));
  app.view<ViewSubmitAction>(SIGN_IN_MODAL_CALLBACK, signInSubmission(deps));
  app.view<ViewSubmitAction>(CREATE_MODAL_CALLBACK, createSubmission(deps));
}
