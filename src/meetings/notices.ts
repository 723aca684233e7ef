import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { buildNoticeMessage } from "../messages/meetings/notice-message.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, loadSignIns, meetingInfo, type LoadedMeeting } from "./load-meeting.ts";
import { noticeKindOfKey, noticeToSend } from "../domain/meetings/notice-schedule.ts";

/**
 * Posts the notice due at `now` to every required department of every open meeting (or of `meetingIds`). Each
 * (meeting, department, notice) is claimed once, so overlapping ticks and replicas post it once; a failed post stays
 * claimable and is tried again next tick.
 */
export async function postDueNotices(deps: SweepDeps, now: Date, meetingIds?: readonly string[]): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const open = await db.meeting.findMany({
    where: { status: "scheduled", signInClosesAt: { gt: now }, ...(meetingIds ? { id: { in: [...meetingIds] } } : {}) },
    select: { id: true, title: true, startsAt: true, signInOpensAt: true, signInClosesAt: true, headMustAttend: true, status: true },
  });
  for (const row of open) {
    const slot = noticeToSend(row, config.zone, now);
    if (!slot) continue;
    const taken = new Set(
      (
        await db.dispatch.findMany({
          where: { key: { startsWith: meetingKeys.noticePrefix(row.id) }, status: { in: ["sent", "claimed"] } },
          select: { key: true },
        })
      ).map((d) => d.key),
    );
    const meeting = await findMeeting(db, row.id);
    if (!meeting) continue;
    const pending = meeting.departments.filter((d) => d.channelId && !taken.has(meetingKeys.notice(row.id, d.departmentId, slot.key)));
    if (pending.length === 0) continue;
    const signIns = await loadSignIns(db, row.id);
    for (const department of pending) {
      const key = meetingKeys.notice(row.id, department.departmentId, slot.key);
      try {
        const posted = await delivery.postOnce({
          key,
          kind: MEETING_DISPATCH_KINDS.notice,
          channel: department.channelId!,
          message: () => buildNoticeMessage({ meeting: meetingInfo(row), department, kind: slot.kind, signIns, now, lang: config.lang }),
        });
        if (posted) {
          result.sent++;
          logger.info({ meeting: row.id, department: department.departmentId, notice: slot.key }, "meeting notice posted");
        }
      } catch (e) {
        result.failed++;
        logger.error({ err: e, meeting: row.id, department: department.departmentId, notice: slot.key }, "meeting notice failed");
      }
    }
  }
  return result;
}

/**
 * Renders a department's notices again from the database (chat.update), so the channel sees who signed in and,
 * once closed, that sign-in is over. A failed update is logged: the sign-in itself is already recorded.
 */
export async function refreshNotices(deps: SweepDeps, meeting: LoadedMeeting, departmentIds: readonly string[], now: Date): Promise<void> {
  const { db, delivery, config, logger } = deps;
  const rows = await db.dispatch.findMany({
    where: {
      OR: departmentIds.map((d) => ({ key: { startsWith: meetingKeys.departmentNoticePrefix(meeting.info.id, d) } })),
      status: "sent",
      messageTs: { not: null },
    },
    orderBy: { claimedAt: "asc" },
  });
  if (rows.length === 0) return;
  const signIns = await loadSignIns(db, meeting.info.id);
  for (const row of rows) {
    const [departmentId, slotKey] = row.key.slice(meetingKeys.noticePrefix(meeting.info.id).length).split(":");
    const department = meeting.departments.find((d) => d.departmentId === departmentId);
    if (!department || !slotKey || !row.channelId || !row.messageTs) continue;
    try {
      const message = buildNoticeMessage({
        meeting: meeting.info,
        department,
        kind: noticeKindOfKey(slotKey),
        signIns,
        now,
        lang: config.lang,
      });
      await delivery.update(row.channelId, row.messageTs, message);
    } catch (e) {
      logger.warn({ err: e, meeting: meeting.info.id, department: departmentId, key: row.key }, "could not update a meeting notice");
    }
  }
}
