import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { officeChannelId } from "../directory/office.ts";
import { meetingChanges, signInsVoidedBy, type MeetingChange } from "../domain/meetings/meeting-changes.ts";
import { planMeeting, type MeetingDraft } from "../domain/meetings/plan-meeting.ts";
import type { SignInRecord } from "../domain/meetings/types.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { buildChangedOfficeMessage } from "../messages/meetings/cancelled-message.ts";
import { buildNoticeMessage } from "../messages/meetings/notice-message.ts";
import { meetingProblemsError } from "./create-meeting.ts";
import { loadDirectory } from "./directory.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, loadSignIns, meetingNotFound, type LoadedMeeting } from "./load-meeting.ts";
import { namesInChanges, refreshNotices, revisionChanges } from "./notices.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";

const MINUTE = 60_000;

/** A meeting as its edit form and the reschedule command start from: the draft that would recreate it. */
export function draftOf(meeting: LoadedMeeting): MeetingDraft {
  const { info } = meeting;
  return {
    id: info.id,
    title: info.title,
    startsAt: info.startsAt,
    opensMinutesBefore: Math.round((info.startsAt.getTime() - info.signInOpensAt.getTime()) / MINUTE),
    closesMinutesAfter: Math.round((info.signInClosesAt.getTime() - info.startsAt.getTime()) / MINUTE),
    departments: { groups: [], ids: meeting.departments.map((d) => d.departmentId), except: [] },
    headMustAttend: info.headMustAttend,
    briefingDueWorkingDays: meeting.briefingDueWorkingDays,
  };
}

export interface EditedMeeting {
  meeting: LoadedMeeting;
  revision: number;
  changes: MeetingChange[];
  voided: SignInRecord[];
  result: SweepResult;
}

function notEditable(meeting: LoadedMeeting): AppError {
  return new AppError(
    ErrorCode.Conflict,
    meeting.info.status === "cancelled"
      ? { zh: `会议 ${meeting.info.id} 已取消，不能再修改。`, en: `Meeting ${meeting.info.id} was cancelled; it cannot be changed.` }
      : {
          zh: `会议 ${meeting.info.id} 的签到已经结束，不能再修改；如会议并未召开，可取消该会议。`,
          en: `Sign-in for ${meeting.info.id} has closed, so it cannot be changed; if it never took place, cancel it.`,
        },
  );
}

/**
 * Changes a scheduled meeting (time, sign-in window, required departments, title, attendance rule, briefing days)
 * and tells everyone affected. The update is conditional on the revision the editor saw, so two editors, or a
 * double submit, change it once and the second is told to look again; the revision row records what changed.
 * Sign-ins the change makes meaningless (outside the new window, or of a department no longer required) are
 * removed in the same transaction and audited; each department then gets a "changed" notice at once, and the
 * later notices (the 30-minute one, sign-in opening) follow at their new times under the new revision.
 */
export async function editMeeting(deps: SweepDeps, args: EditArgs): Promise<EditedMeeting> {
  const saved = await saveMeetingEdit(deps, args);
  const result = await postChangedNotices(deps, saved.meeting.info.id, saved.revision, args.now, saved.previousDepartmentIds, saved.voided);
  return { ...saved, result };
}

export interface EditArgs {
  meetingId: string;
  draft: MeetingDraft;
  /** The revision the editor saw; the change is refused if the meeting moved on since. */
  expectedRevision?: number;
  editedBy: string;
  now: Date;
}

/** The database half of an edit (a form must be answered within 3 seconds; the posts follow with `postChangedNotices`). */
export async function saveMeetingEdit(
  deps: Pick<SweepDeps, "db" | "logger">,
  args: EditArgs,
): Promise<Omit<EditedMeeting, "result"> & { previousDepartmentIds: string[] }> {
  const { db } = deps;
  const before = await findMeeting(db, args.meetingId);
  if (!before) throw meetingNotFound(args.meetingId);
  if (before.info.status !== "scheduled") throw notEditable(before);
  const planned = planMeeting({ ...args.draft, id: before.info.id }, await loadDirectory(db), args.now);
  if (!planned.ok) throw meetingProblemsError(planned.problems);
  const { plan } = planned;
  const afterIds = plan.departments.map((d) => d.id);
  const changes = meetingChanges(
    { ...before.info, briefingDueWorkingDays: before.briefingDueWorkingDays, departmentIds: before.departments.map((d) => d.departmentId) },
    { ...plan, departmentIds: afterIds },
  );
  if (changes.length === 0)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "没有任何改动，会议保持原样，未重新发通知。",
      en: "Nothing was changed; the meeting stays as it was and no notice was posted.",
    });
  const expected = args.expectedRevision ?? before.revision;
  const revision = expected + 1;
  const signIns = await loadSignIns(db, before.info.id);
  const voided = signInsVoidedBy(signIns, { ...plan, departmentIds: afterIds });

  await db.$transaction(async (tx) => {
    const claimed = await tx.meeting.updateMany({
      where: { id: before.info.id, status: "scheduled", revision: expected },
      data: {
        title: plan.title,
        startsAt: plan.startsAt,
        signInOpensAt: plan.signInOpensAt,
        signInClosesAt: plan.signInClosesAt,
        headMustAttend: plan.headMustAttend,
        briefingDueWorkingDays: plan.briefingDueWorkingDays,
        revision,
      },
    });
    if (claimed.count !== 1)
      throw new AppError(ErrorCode.Conflict, {
        zh: "会议刚被他人修改、结束或取消，本次修改未保存。请重新打开会议后再改。",
        en: "Someone else changed, closed or cancelled the meeting a moment ago; this change was not saved. Open it again and redo the change.",
      });
    await tx.meetingRevision.create({
      data: {
        meetingId: before.info.id,
        revision,
        changedAt: args.now,
        changedBy: args.editedBy,
        changes: changes as unknown as Prisma.InputJsonValue,
      },
    });
    const removed = before.departments.filter((d) => !afterIds.includes(d.departmentId)).map((d) => d.departmentId);
    if (removed.length > 0) await tx.meetingDepartment.deleteMany({ where: { meetingId: before.info.id, departmentId: { in: removed } } });
    const added = plan.departments.filter((d) => !before.departments.some((b) => b.departmentId === d.id));
    if (added.length > 0)
      await tx.meetingDepartment.createMany({
        data: added.map((d) => ({
          meetingId: before.info.id,
          departmentId: d.id,
          channelId: d.slackChannelId,
          headSlackUserId: d.headSlackUserId,
          headName: d.headName,
          headTitle: d.headTitle,
        })),
      });
    if (voided.length > 0)
      await tx.signIn.deleteMany({
        where: { meetingId: before.info.id, slackUserId: { in: voided.map((s) => s.slackUserId) } },
      });
    await recordAudit(tx, {
      actor: args.editedBy,
      action: "meeting.edit",
      outcome: "ok",
      subject: `meeting:${before.info.id}`,
      detail: { revision, changes, voidedSignIns: voided },
      at: args.now,
    });
  });
  deps.logger.info({ meeting: before.info.id, revision, changes: changes.map((c) => c.field), voided: voided.length }, "meeting changed");
  const meeting = (await findMeeting(db, before.info.id))!;
  return { meeting, revision, changes, voided, previousDepartmentIds: before.departments.map((d) => d.departmentId) };
}

/**
 * The notices of a change, each under a key built from the meeting, the revision and the department: a "changed"
 * notice to every department still required (with the sign-in button while the window is open), one telling each
 * department taken off that it need not come, the office's record, and every earlier notice rendered again with the
 * new details. Safe to run again: what was posted is not posted twice.
 */
export async function postChangedNotices(
  deps: SweepDeps,
  meetingId: string,
  revision: number,
  now: Date,
  previousDepartmentIds: readonly string[],
  voidedSignIns: readonly { name: string }[] = [],
): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return result;
  const changes = await revisionChanges(db, meetingId, revision);
  const names = await namesInChanges(db, changes);
  const signIns = await loadSignIns(db, meetingId);
  const removedIds = changes.flatMap((c) => (c.field === "departments" ? c.removed : []));
  const removed = (await db.department.findMany({ where: { id: { in: removedIds } } })).map((d) => ({
    departmentId: d.id,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    kind: d.kind,
    headSlackUserId: null,
    headName: null,
    headTitle: null,
    channelId: d.slackChannelId,
  }));
  const targets = [...meeting.departments.map((d) => ({ d, removed: false })), ...removed.map((d) => ({ d, removed: true }))];
  for (const { d, removed: gone } of targets) {
    if (!d.channelId) continue;
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.notice(meetingId, d.departmentId, `changed@r${revision}`),
        kind: MEETING_DISPATCH_KINDS.notice,
        channel: d.channelId,
        message: () =>
          buildNoticeMessage({
            meeting: meeting.info,
            department: d,
            kind: "changed",
            signIns,
            now,
            lang: config.lang,
            changes,
            names,
            removed: gone,
          }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId, department: d.departmentId, revision }, "change notice failed");
    }
  }
  const office = await officeChannelId(db, config);
  const rev = await db.meetingRevision.findUnique({ where: { meetingId_revision: { meetingId, revision } } });
  if (office && rev) {
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.changedOffice(meetingId, revision),
        kind: MEETING_DISPATCH_KINDS.changed,
        channel: office,
        message: () =>
          buildChangedOfficeMessage({
            meeting: meeting.info,
            revision,
            changedBy: rev.changedBy,
            changes,
            names,
            voidedSignIns,
            departments: targets.length,
            lang: config.lang,
          }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId, revision }, "change record to the office failed");
    }
  }
  await refreshNotices(deps, meeting, [...new Set([...previousDepartmentIds, ...meeting.departments.map((d) => d.departmentId)])], now);
  return result;
}

/**
 * The sweep's part: a change whose notices did not all go out (a failed post, or a stop right after the edit) is
 * posted again for open meetings; the claims keep what went out from going out twice.
 */
export async function retryChangeNotices(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const edited = await db.meeting.findMany({
    where: { status: "scheduled", revision: { gt: 0 }, signInClosesAt: { gt: now } },
    select: { id: true, revision: true, departments: { select: { departmentId: true, channelId: true } } },
  });
  for (const m of edited) {
    const keys = [
      meetingKeys.changedOffice(m.id, m.revision),
      ...m.departments.filter((d) => d.channelId).map((d) => meetingKeys.notice(m.id, d.departmentId, `changed@r${m.revision}`)),
    ];
    // Sent, claimed under a live lease, or failed and backing off: an expired claim (its process died) is tried again.
    const done = (await keysNotToAttempt(db, { key: { in: keys } })).size;
    if (done >= keys.length) continue;
    try {
      const r = await postChangedNotices(deps, m.id, m.revision, now, []);
      result.sent += r.sent;
      result.failed += r.failed;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: m.id }, "change notices failed again");
    }
  }
  return result;
}
