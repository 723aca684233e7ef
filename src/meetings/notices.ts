import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";
import { buildNoticeMessage } from "../messages/meetings/notice-message.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, loadLeaves, loadSignIns, meetingInfo, type LoadedMeeting } from "./load-meeting.ts";
import { noticeToSend, parseSlotKey } from "../domain/meetings/notice-schedule.ts";
import { ZMeetingChanges, type MeetingChange } from "../domain/meetings/meeting-changes.ts";
import type { Db } from "../db/client.ts";
import type { RequiredDepartment } from "../domain/meetings/types.ts";

type Names = Map<string, { nameZh: string; nameEn: string; kind: RequiredDepartment["kind"] }>;

async function departmentNames(db: Db, ids: readonly string[]): Promise<Names> {
  if (ids.length === 0) return new Map();
  const rows = await db.department.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, nameZh: true, nameEn: true, kind: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

/** What revision `revision` of a meeting changed, as stored with it; empty for the meeting as created. */
export async function revisionChanges(db: Db, meetingId: string, revision: number): Promise<MeetingChange[]> {
  if (revision === 0) return [];
  const row = await db.meetingRevision.findUnique({ where: { meetingId_revision: { meetingId, revision } } });
  const parsed = ZMeetingChanges.safeParse(row?.changes);
  return parsed.success ? parsed.data : [];
}

/** The names of the departments a list of changes adds or removes. */
export async function namesInChanges(db: Db, changes: readonly MeetingChange[]): Promise<Names> {
  return departmentNames(
    db,
    changes.flatMap((c) => (c.field === "departments" ? [...c.added, ...c.removed] : [])),
  );
}

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
    select: {
      id: true,
      title: true,
      startsAt: true,
      signInOpensAt: true,
      signInClosesAt: true,
      headMustAttend: true,
      status: true,
      revision: true,
      revisions: { orderBy: { revision: "desc" }, take: 1, select: { revision: true, changedAt: true } },
    },
  });
  for (const row of open) {
    const last = row.revisions[0];
    const slot = noticeToSend(row, config.zone, now, undefined, last ? { number: last.revision, at: last.changedAt } : null);
    if (!slot) continue;
    const taken = await keysNotToAttempt(db, { key: { startsWith: meetingKeys.noticePrefix(row.id) } });
    const meeting = await findMeeting(db, row.id);
    if (!meeting) continue;
    const pending = meeting.departments.filter((d) => d.channelId && !taken.has(meetingKeys.notice(row.id, d.departmentId, slot.key)));
    if (pending.length === 0) continue;
    const [signIns, leaves] = await Promise.all([loadSignIns(db, row.id), loadLeaves(db, row.id)]);
    for (const department of pending) {
      const key = meetingKeys.notice(row.id, department.departmentId, slot.key);
      try {
        const posted = await delivery.postOnce({
          key,
          kind: MEETING_DISPATCH_KINDS.notice,
          channel: department.channelId!,
          message: () =>
            buildNoticeMessage({
              meeting: meetingInfo(row),
              department,
              kind: slot.kind,
              signIns,
              now,
              lang: config.lang,
              leave: leaves.find((l) => l.departmentId === department.departmentId) ?? null,
            }),
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
  const [signIns, leaves] = await Promise.all([loadSignIns(db, meeting.info.id), loadLeaves(db, meeting.info.id)]);
  const gone = await departmentNames(
    db,
    departmentIds.filter((id) => !meeting.departments.some((d) => d.departmentId === id)),
  );
  const changesOf = new Map<number, { changes: MeetingChange[]; names: Names }>();
  for (const row of rows) {
    const [departmentId, slotKey] = row.key.slice(meetingKeys.noticePrefix(meeting.info.id).length).split(":");
    if (!departmentId || !slotKey || !row.channelId || !row.messageTs) continue;
    const current = meeting.departments.find((d) => d.departmentId === departmentId);
    const removed = gone.get(departmentId);
    const department: RequiredDepartment | undefined =
      current ?? (removed && { departmentId, ...removed, headSlackUserId: null, headName: null, headTitle: null });
    if (!department) continue;
    const { kind, revision } = parseSlotKey(slotKey);
    try {
      if (kind === "changed" && !changesOf.has(revision)) {
        const changes = await revisionChanges(db, meeting.info.id, revision);
        changesOf.set(revision, { changes, names: await namesInChanges(db, changes) });
      }
      const message = buildNoticeMessage({
        meeting: meeting.info,
        department,
        kind,
        signIns,
        now,
        lang: config.lang,
        ...(kind === "changed" ? changesOf.get(revision) : {}),
        removed: !current,
        cancelReason: meeting.cancelReason,
        leave: leaves.find((l) => l.departmentId === departmentId) ?? null,
      });
      await delivery.update(row.channelId, row.messageTs, message);
    } catch (e) {
      logger.warn({ err: e, meeting: meeting.info.id, department: departmentId, key: row.key }, "could not update a meeting notice");
    }
  }
}
