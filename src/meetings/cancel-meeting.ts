import type { Db } from "../db/client.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { formatLocalDateTime as formatAt } from "../domain/meetings/local-time.ts";
import { officeChannelId } from "../directory/office.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { buildNoticeMessage } from "../messages/meetings/notice-message.ts";
import { buildCancelledOfficeMessage } from "../messages/meetings/cancelled-message.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, meetingNotFound, type LoadedMeeting } from "./load-meeting.ts";
import { refreshNotices } from "./notices.ts";
import { refreshBriefingMessage, loadBriefingViewsOf } from "./briefings.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";

/** The longest cancellation reason kept (it is shown in every department's channel). */
export const MAX_CANCEL_REASON = 300;

/**
 * Calls a meeting off. One conditional update moves it from scheduled (or closed, when the office learns afterwards
 * that it never took place) to cancelled, so two clicks or two replicas cancel once; the follow-up posts are claimed
 * under keys built from ids. A cancelled meeting has no report, no briefings and is not in the absence record.
 */
export async function cancelMeeting(deps: SweepDeps, args: CancelArgs): Promise<{ meeting: LoadedMeeting; result: SweepResult }> {
  await claimCancel(deps.db, args);
  deps.logger.info({ meeting: args.meetingId, by: args.cancelledBy }, "meeting cancelled");
  const result = await followUpCancelledMeeting(deps, args.meetingId, args.now);
  return { meeting: (await findMeeting(deps.db, args.meetingId))!, result };
}

export interface CancelArgs {
  meetingId: string;
  cancelledBy: string;
  reason: string | null;
  now: Date;
}

/** The database half of a cancellation (the CLI without Slack stops here; the bot's sweep posts the rest). */
export async function claimCancel(db: Db, args: CancelArgs): Promise<void> {
  const reason = args.reason?.replace(/\s+/g, " ").trim().slice(0, MAX_CANCEL_REASON) || null;
  const before = await findMeeting(db, args.meetingId);
  if (!before) throw meetingNotFound(args.meetingId);
  const updated = await db.$transaction(async (tx) => {
    const claimed = await tx.meeting.updateMany({
      where: { id: args.meetingId, status: { in: ["scheduled", "closed"] } },
      data: { status: "cancelled", cancelledAt: args.now, cancelledBy: args.cancelledBy, cancelReason: reason },
    });
    if (claimed.count === 1)
      await recordAudit(tx, {
        actor: args.cancelledBy,
        action: "meeting.cancel",
        outcome: "ok",
        subject: `meeting:${args.meetingId}`,
        detail: { was: before.info.status, reason },
        at: args.now,
      });
    return claimed.count === 1;
  });
  if (!updated) {
    const now = await findMeeting(db, args.meetingId);
    throw new AppError(ErrorCode.Conflict, {
      zh: `会议 ${args.meetingId} 已于${now?.cancelledAt ? ` ${formatAt(now.cancelledAt, "zh")} ` : ""}取消，无需重复取消。`,
      en: `Meeting ${args.meetingId} was already cancelled${now?.cancelledAt ? ` at ${formatAt(now.cancelledAt, "en")}` : ""}.`,
    });
  }
}

/**
 * What follows a cancellation, each step safe to repeat: a cancellation in each required department's channel, one
 * to the office, the earlier notices and any briefing confirmations rendered again without their buttons.
 */
export async function followUpCancelledMeeting(deps: SweepDeps, meetingId: string, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const meeting = await findMeeting(db, meetingId);
  if (!meeting || meeting.info.status !== "cancelled") return result;
  for (const department of meeting.departments) {
    if (!department.channelId) continue;
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.cancelled(meetingId, department.departmentId),
        kind: MEETING_DISPATCH_KINDS.cancelled,
        channel: department.channelId,
        message: () =>
          buildNoticeMessage({
            meeting: meeting.info,
            department,
            kind: "day-before",
            signIns: [],
            now,
            lang: config.lang,
            cancelReason: meeting.cancelReason,
          }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId, department: department.departmentId }, "cancellation notice failed");
    }
  }
  const office = await officeChannelId(db, config);
  if (office) {
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.cancelledOffice(meetingId),
        kind: MEETING_DISPATCH_KINDS.cancelled,
        channel: office,
        message: () => buildCancelledOfficeMessage({ meeting, lang: config.lang }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId }, "cancellation to the office failed");
    }
  }
  await refreshNotices(
    deps,
    meeting,
    meeting.departments.map((d) => d.departmentId),
    now,
  );
  for (const briefing of await loadBriefingViewsOf(db, meeting)) await refreshBriefingMessage(deps, meeting, briefing, now);
  return result;
}

/** How long after a cancellation its posts are still retried when one failed. */
const FOLLOW_UP_DAYS = 14;

/** The sweep's part: recent cancellations whose posts did not all go out (a failure, or a stop in between) are tried again. */
export async function retryCancellations(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const recent = await db.meeting.findMany({
    where: { status: "cancelled", cancelledAt: { gte: new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000) } },
    select: { id: true, departments: { select: { departmentId: true, channelId: true } } },
  });
  for (const m of recent) {
    const keys = [
      meetingKeys.cancelledOffice(m.id),
      ...m.departments.filter((d) => d.channelId).map((d) => meetingKeys.cancelled(m.id, d.departmentId)),
    ];
    // Sent, claimed under a live lease, or failed and backing off: an expired claim (its process died) is tried again.
    const done = (await keysNotToAttempt(db, { key: { in: keys } })).size;
    if (done === keys.length) continue;
    try {
      const r = await followUpCancelledMeeting(deps, m.id, now);
      result.sent += r.sent;
      result.failed += r.failed;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: m.id }, "cancellation follow-up failed");
    }
  }
  return result;
}
