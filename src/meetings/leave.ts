import { recordAudit } from "../audit/record-audit.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";
import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Person } from "../delivery/people.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { departmentRole } from "../directory/membership.ts";
import { officeChannelId } from "../directory/office.ts";
import { dmKey, reachPeople } from "../delivery/reach-people.ts";
import { alreadyDecidedMessage, checkLeaveRequest, type LeaveCheck, type LeaveDecision } from "../domain/meetings/check-leave.ts";
import type { LeaveRecord } from "../domain/meetings/types.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { buildLeaveDecisionMessage, buildLeaveRequestMessage, type LeaveForm } from "../messages/meetings/leave-message.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, loadMeeting, toLeaveRecord, type LoadedMeeting, type MeetingDepartmentRow } from "./load-meeting.ts";
import { refreshNotices } from "./notices.ts";

export interface LeaveAttempt {
  meeting: LoadedMeeting;
  department: MeetingDepartmentRow | undefined;
  person: Person;
  check: LeaveCheck;
  /** The department's leave as it stood when checked (a refused one is asked again as its next round). */
  existing: LeaveRecord | null;
}

/** Whether `slackUserId` may ask leave for the department's head now: checked on the server for the button and the form. */
export async function checkLeaveAttempt(
  db: Db,
  slack: Delivery,
  args: { meetingId: string; departmentId: string; slackUserId: string; now: Date },
): Promise<LeaveAttempt> {
  const meeting = await loadMeeting(db, args.meetingId);
  const department = meeting.departments.find((d) => d.departmentId === args.departmentId);
  const [person, role, existing, headSignIn] = await Promise.all([
    slack.lookUpPerson(args.slackUserId),
    departmentRole(db, slack, args.slackUserId, args.departmentId),
    db.meetingLeave.findUnique({ where: { meetingId_departmentId: { meetingId: args.meetingId, departmentId: args.departmentId } } }),
    department?.headSlackUserId
      ? db.signIn.findUnique({ where: { meetingId_slackUserId: { meetingId: args.meetingId, slackUserId: department.headSlackUserId } } })
      : null,
  ]);
  const leave = existing ? toLeaveRecord(existing) : null;
  const check = checkLeaveRequest({
    meeting: meeting.info,
    department,
    isMember: role !== null || department?.headSlackUserId === args.slackUserId,
    headSignedIn: headSignIn !== null && headSignIn.departmentId === args.departmentId,
    existing: leave,
    now: args.now,
  });
  return { meeting, department, person, check, existing: leave };
}

/**
 * Stores a leave request. The (meeting, department) key decides a second one — a double submit, two replicas, two
 * people of the unit at once — so the first stands. The insert holds the meeting's row lock, as sign-in and close do.
 * A refused leave asked again becomes the next round of the same row, by a conditional update from that refused
 * round (so of two askings at once one lands); the refused round's reason and decision stay in the audit log.
 */
export async function saveLeave(
  db: Db,
  attempt: LeaveAttempt & { department: MeetingDepartmentRow },
  form: LeaveForm,
  substitute: Person | null,
  now: Date,
): Promise<{ saved: true; leave: LeaveRecord } | { saved: false; leave: LeaveRecord | null }> {
  const { meeting, department, person } = attempt;
  const substituteName =
    form.substituteName ?? (substitute ? (substitute.title ? `${substitute.name}（${substitute.title}）` : substitute.name) : "");
  const refused = attempt.existing?.status === "refused" ? attempt.existing : null;
  const asked = {
    slackUserId: person.slackUserId,
    name: person.name,
    reason: form.reason,
    substituteName,
    substituteSlackUserId: form.substituteSlackUserId,
    requestedAt: now,
  };
  try {
    const row = await db.$transaction(async (tx) => {
      const open = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Meeting" WHERE id = ${meeting.info.id} AND status = 'scheduled' FOR UPDATE`;
      if (open.length === 0) return null;
      let saved;
      if (refused) {
        const round = (refused.round ?? 1) + 1;
        const again = await tx.meetingLeave.updateMany({
          where: { id: refused.id, status: "refused", round: refused.round ?? 1 },
          data: { ...asked, status: "pending", decidedAt: null, decidedBy: null, decisionNote: null, round },
        });
        if (again.count !== 1) return "taken" as const;
        saved = await tx.meetingLeave.findUniqueOrThrow({ where: { id: refused.id } });
      } else {
        saved = await tx.meetingLeave.create({ data: { meetingId: meeting.info.id, departmentId: department.departmentId, ...asked } });
      }
      await recordAudit(tx, {
        actor: person.slackUserId,
        action: "meeting.leave-request",
        outcome: "ok",
        subject: `meeting:${meeting.info.id}`,
        departmentId: department.departmentId,
        detail: {
          leave: saved.id,
          round: saved.round,
          reason: form.reason,
          substitute: substituteName,
          substituteSlackUserId: form.substituteSlackUserId,
        },
        at: now,
      });
      return saved;
    });
    if (row === "taken") {
      const current = await db.meetingLeave.findUnique({ where: { id: refused!.id } });
      return { saved: false, leave: current ? toLeaveRecord(current) : null };
    }
    if (!row) return { saved: false, leave: null };
    return { saved: true, leave: toLeaveRecord(row) };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const existing = await db.meetingLeave.findUnique({
    where: { meetingId_departmentId: { meetingId: meeting.info.id, departmentId: department.departmentId } },
  });
  return { saved: false, leave: existing ? toLeaveRecord(existing) : null };
}

/** The leave of a department at a meeting, with the meeting; NotFound when there is none. */
async function loadLeave(
  db: Db,
  meetingId: string,
  departmentId: string,
): Promise<{ meeting: LoadedMeeting; leave: LeaveRecord; department: MeetingDepartmentRow }> {
  const meeting = await loadMeeting(db, meetingId);
  const row = await db.meetingLeave.findUnique({ where: { meetingId_departmentId: { meetingId, departmentId } } });
  const department = meeting.departments.find((d) => d.departmentId === departmentId);
  if (!row || !department)
    throw new AppError(ErrorCode.NotFound, {
      zh: "找不到这条请假申请，可能该单位已不在应参会单位之列。",
      en: "This leave request no longer exists; the department may no longer be required at the meeting.",
    });
  return { meeting, leave: toLeaveRecord(row), department };
}

/**
 * The office decides a leave once: a conditional update from pending, so two clicks, two office members or two
 * replicas decide it once; the later one is told who decided and when. A cancelled meeting's leave is not decided.
 */
export async function decideLeave(
  db: Db,
  args: { meetingId: string; departmentId: string; decision: LeaveDecision; decidedBy: string; now: Date; note?: string },
): Promise<{ meeting: LoadedMeeting; leave: LeaveRecord; department: MeetingDepartmentRow }> {
  const note = args.note?.trim() ?? "";
  if (args.decision === "refused" && !note)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "不批准请假须写明理由，主要负责人会看到。",
      en: "Refusing a leave needs a reason; the head will see it.",
    });
  const before = await pendingLeave(db, args.meetingId, args.departmentId);
  const decided = await db.$transaction(async (tx) => {
    const claimed = await tx.meetingLeave.updateMany({
      where: { id: before.leave.id, status: "pending", round: before.leave.round ?? 1 },
      data: { status: args.decision, decidedAt: args.now, decidedBy: args.decidedBy, decisionNote: note || null },
    });
    if (claimed.count !== 1) return false;
    await recordAudit(tx, {
      actor: args.decidedBy,
      action: args.decision === "approved" ? "meeting.leave-approve" : "meeting.leave-refuse",
      outcome: "ok",
      subject: `meeting:${args.meetingId}`,
      departmentId: args.departmentId,
      detail: { leave: before.leave.id, round: before.leave.round ?? 1, ...(note ? { note } : {}) },
      at: args.now,
    });
    return true;
  });
  const after = await loadLeave(db, args.meetingId, args.departmentId);
  if (!decided) throw new AppError(ErrorCode.Conflict, alreadyDecidedMessage(after.leave), { namesPeople: true });
  return after;
}

/**
 * The leave as it stands, to be decided: a cancelled meeting's leave is not decided, and one already decided is
 * answered with who decided and when (the office's request may still show buttons that have been used).
 */
export async function pendingLeave(
  db: Db,
  meetingId: string,
  departmentId: string,
): Promise<{ meeting: LoadedMeeting; leave: LeaveRecord; department: MeetingDepartmentRow }> {
  const found = await loadLeave(db, meetingId, departmentId);
  if (found.meeting.info.status === "cancelled")
    throw new AppError(ErrorCode.Conflict, {
      zh: "会议已取消，无需审批请假。",
      en: "The meeting was cancelled: there is no leave to decide.",
    });
  if (found.leave.status !== "pending") throw new AppError(ErrorCode.Conflict, alreadyDecidedMessage(found.leave), { namesPeople: true });
  return found;
}

/** Posts a leave's request to the office channel, once per (meeting, department, round). */
export async function postLeaveRequest(
  deps: SweepDeps,
  meeting: LoadedMeeting,
  department: MeetingDepartmentRow,
  leave: LeaveRecord,
): Promise<boolean> {
  const office = await officeChannelId(deps.db, deps.config);
  if (!office) {
    deps.logger.error(
      { meeting: meeting.info.id, department: department.departmentId },
      "no safety-office channel: the leave request waits",
    );
    return false;
  }
  const posted = await deps.delivery.postOnce({
    key: meetingKeys.leaveRequest(meeting.info.id, department.departmentId, leave.round),
    kind: MEETING_DISPATCH_KINDS.leaveRequest,
    channel: office,
    message: () => buildLeaveRequestMessage({ meeting: meeting.info, department, leave, lang: deps.config.lang }),
  });
  return posted !== null;
}

/**
 * What follows a decision, each step safe to repeat: the office's request rendered again with the decision instead
 * of the buttons, the decision posted once in the department's channel, the department's notices showing it.
 */
export async function followUpLeaveDecision(deps: SweepDeps, meetingId: string, departmentId: string, now: Date): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, failed: 0 };
  const { meeting, leave, department } = await loadLeave(deps.db, meetingId, departmentId);
  if (leave.status === "pending") return result;
  const lang = deps.config.lang;
  const request = await deps.db.dispatch.findUnique({ where: { key: meetingKeys.leaveRequest(meetingId, departmentId, leave.round) } });
  if (request?.status === "sent" && request.channelId && request.messageTs) {
    await deps.delivery
      .update(request.channelId, request.messageTs, buildLeaveRequestMessage({ meeting: meeting.info, department, leave, lang }))
      .catch((e: unknown) =>
        deps.logger.warn({ err: e, meeting: meetingId, department: departmentId }, "could not update the leave request"),
      );
  }
  // Whoever asked, and the head, hear the decision by DM when they are not in the department's channel.
  const reached = await reachPeople(deps, {
    channel: department.channelId,
    people: [leave.slackUserId, ...(department.headSlackUserId ? [department.headSlackUserId] : [])],
    key: (user) => dmKey(meetingKeys.leaveDecision(meetingId, departmentId, leave.round), user),
    kind: MEETING_DISPATCH_KINDS.leaveDecision,
    message: () => buildLeaveDecisionMessage({ meeting: meeting.info, department, leave, lang }),
  });
  result.sent += reached.sent;
  result.failed += reached.failed;
  if (department.channelId) {
    try {
      const posted = await deps.delivery.postOnce({
        key: meetingKeys.leaveDecision(meetingId, departmentId, leave.round),
        kind: MEETING_DISPATCH_KINDS.leaveDecision,
        channel: department.channelId,
        message: () => buildLeaveDecisionMessage({ meeting: meeting.info, department, leave, lang }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      deps.logger.error({ err: e, meeting: meetingId, department: departmentId }, "leave decision failed to post");
    }
  }
  await refreshNotices(deps, meeting, [departmentId], now);
  return result;
}

/** How long after its meeting a leave's posts are still retried. */
const RETRY_DAYS = 7;

/**
 * The retry sweep: a request not yet in the office channel, or a decision not yet in the department's channel (the
 * post failed, or the process stopped between the database and Slack), is posted now. Claims make it once.
 */
export async function retryLeavePosts(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, failed: 0 };
  const leaves = await deps.db.meetingLeave.findMany({
    where: { meeting: { status: { not: "cancelled" }, startsAt: { gte: new Date(now.getTime() - RETRY_DAYS * 86_400_000) } } },
    select: { meetingId: true, departmentId: true, status: true, round: true },
  });
  if (leaves.length === 0) return result;
  // A decision goes to the department's channel; a department without one has nothing to retry.
  const channels = new Set(
    (
      await deps.db.meetingDepartment.findMany({
        where: { meetingId: { in: [...new Set(leaves.map((l) => l.meetingId))] }, channelId: { not: null } },
        select: { meetingId: true, departmentId: true },
      })
    ).map((d) => `${d.meetingId}\u0000${d.departmentId}`),
  );
  const keys = leaves.map((l) =>
    l.status === "pending"
      ? meetingKeys.leaveRequest(l.meetingId, l.departmentId, l.round)
      : meetingKeys.leaveDecision(l.meetingId, l.departmentId, l.round),
  );
  const done = await keysNotToAttempt(deps.db, { key: { in: keys } });
  for (const [i, l] of leaves.entries()) {
    if (done.has(keys[i]!)) continue;
    if (l.status !== "pending" && !channels.has(`${l.meetingId}\u0000${l.departmentId}`)) continue;
    try {
      if (l.status === "pending") {
        const meeting = await findMeeting(deps.db, l.meetingId);
        const department = meeting?.departments.find((d) => d.departmentId === l.departmentId);
        const row = await deps.db.meetingLeave.findUnique({
          where: { meetingId_departmentId: { meetingId: l.meetingId, departmentId: l.departmentId } },
        });
        if (meeting && department && row && (await postLeaveRequest(deps, meeting, department, toLeaveRecord(row)))) result.sent++;
      } else {
        const r = await followUpLeaveDecision(deps, l.meetingId, l.departmentId, now);
        result.sent += r.sent;
        result.failed += r.failed;
      }
    } catch (e) {
      result.failed++;
      deps.logger.error({ err: e, meeting: l.meetingId, department: l.departmentId }, "leave post retry failed");
    }
  }
  return result;
}
