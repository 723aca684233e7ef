import type { Db } from "../db/client.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { briefingsToOpen } from "../domain/meetings/briefings-to-open.ts";
import { isUniqueViolation } from "../lib/errors.ts";
import { buildBriefingMessage, type BriefingView } from "../messages/meetings/briefing-message.ts";
import { buildReportMessage } from "../messages/meetings/report-message.ts";
import { briefingDueAt } from "../domain/meetings/briefing-schedule.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { loadAttendance, type MeetingAttendance } from "./load-meeting.ts";
import { refreshNotices } from "./notices.ts";
import { officeChannelId } from "../directory/office.ts";
import { dmKey, reachPeople } from "../delivery/reach-people.ts";

/** Who closed a meeting when nobody did by hand: its sign-in window ran out. */
export const CLOSED_BY_SCHEDULE = "schedule";

/**
 * Closes sign-in. Only the caller whose conditional update moves the meeting from scheduled to closed goes on to
 * report, so two ticks, two replicas, or the office's command racing the tick produce one report.
 */
export async function claimClose(db: Db, meetingId: string, closedBy: string, now: Date): Promise<boolean> {
  const claimed = await db.meeting.updateMany({
    where: { id: meetingId, status: "scheduled" },
    data: { status: "closed", closedAt: now, closedBy },
  });
  return claimed.count === 1;
}

/** Opens a briefing follow-up for every department whose head did not attend in person; existing ones stay as they are. */
async function openBriefings(db: Db, attendance: MeetingAttendance, closedAt: Date, zone: string): Promise<void> {
  const { meeting, report } = attendance;
  const dueAt = briefingDueAt(closedAt, meeting.briefingDueWorkingDays, zone);
  for (const b of briefingsToOpen(report)) {
    try {
      await db.briefing.create({
        data: {
          meetingId: b.meetingId,
          departmentId: b.departmentId,
          headSlackUserId: b.head?.slackUserId ?? null,
          headName: b.head?.name ?? null,
          deputySlackUserId: b.deputy?.slackUserId ?? null,
          deputyName: b.deputy?.name ?? null,
          dueAt,
        },
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
}

export async function loadBriefingViews(db: Db, attendance: MeetingAttendance): Promise<BriefingView[]> {
  const rows = await db.briefing.findMany({ where: { meetingId: attendance.meeting.info.id } });
  return rows.map((b) => {
    const d = attendance.meeting.departments.find((x) => x.departmentId === b.departmentId);
    return { ...b, nameZh: d?.nameZh ?? b.departmentId, nameEn: d?.nameEn ?? b.departmentId };
  });
}

/**
 * Everything that follows a close, each step safe to repeat until it has happened once: briefing rows, the
 * attendance report to the office channel, a confirmation message in each affected department's channel, and the
 * notices updated to say sign-in is over.
 */
export async function followUpClosedMeeting(deps: SweepDeps, meetingId: string, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const attendance = await loadAttendance(db, meetingId);
  const { meeting, report } = attendance;
  if (meeting.info.status !== "closed" || !meeting.closedAt) return result;
  const closedAt = meeting.closedAt;

  if (meeting.info.headMustAttend) await openBriefings(db, attendance, closedAt, config.zone);
  const briefings = await loadBriefingViews(db, attendance);

  const office = await officeChannelId(db, config);
  if (!office) {
    result.failed++;
    logger.error({ meeting: meetingId }, "no safety-office channel configured: the attendance report waits until one is");
  } else {
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.report(meetingId),
        kind: MEETING_DISPATCH_KINDS.report,
        channel: office,
        message: () =>
          buildReportMessage({
            report,
            closedAt,
            closedBy: meeting.closedBy === CLOSED_BY_SCHEDULE ? null : meeting.closedBy,
            briefingDueAt: briefings[0]?.dueAt ?? null,
            lang: config.lang,
          }),
      });
      if (posted) {
        result.sent++;
        logger.info({ meeting: meetingId, totals: report.totals }, "attendance report posted");
      }
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId }, "attendance report failed");
    }
  }

  for (const briefing of briefings) {
    const channel = meeting.departments.find((d) => d.departmentId === briefing.departmentId)?.channelId ?? null;
    // The head and the attendee each confirm for themselves: whoever is not in the channel gets it by DM.
    const people = [
      ...(briefing.headSlackUserId && !briefing.headConfirmedAt ? [briefing.headSlackUserId] : []),
      ...(briefing.deputySlackUserId && !briefing.deputyConfirmedAt ? [briefing.deputySlackUserId] : []),
    ];
    const reached = await reachPeople(deps, {
      channel,
      people,
      key: (user) => dmKey(meetingKeys.briefing(meetingId, briefing.departmentId), user),
      kind: MEETING_DISPATCH_KINDS.briefing,
      message: () => buildBriefingMessage({ meeting: meeting.info, briefing, now, lang: config.lang }),
    });
    result.sent += reached.sent;
    result.failed += reached.failed;
    if (!channel) continue;
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.briefing(meetingId, briefing.departmentId),
        kind: MEETING_DISPATCH_KINDS.briefing,
        channel,
        message: () => buildBriefingMessage({ meeting: meeting.info, briefing, now, lang: config.lang }),
      });
      if (posted) result.sent++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId, department: briefing.departmentId }, "briefing confirmation failed");
    }
  }
  return result;
}

/** Closes one meeting now and follows up (the office's "close" command); false when it was closed already. */
export async function closeMeetingNow(
  deps: SweepDeps,
  meetingId: string,
  closedBy: string,
  now: Date,
  closedAt: Date = now,
): Promise<{ closed: boolean; result: SweepResult }> {
  const closed = await claimClose(deps.db, meetingId, closedBy, closedAt);
  if (!closed) return { closed, result: { sent: 0, failed: 0 } };
  deps.logger.info({ meeting: meetingId, closedBy }, "meeting closed");
  const result = await followUpClosedMeeting(deps, meetingId, now);
  await refreshAllNotices(deps, meetingId, now);
  return { closed, result };
}

async function refreshAllNotices(deps: SweepDeps, meetingId: string, now: Date): Promise<void> {
  const { meeting } = await loadAttendance(deps.db, meetingId);
  await refreshNotices(
    deps,
    meeting,
    meeting.departments.map((d) => d.departmentId),
    now,
  );
}

/** How long after closing a meeting's follow-up is still retried when a step failed. */
const FOLLOW_UP_DAYS = 14;

/**
 * The close sweep: closes every meeting whose sign-in window has run out, then retries follow-ups that did not
 * complete (the report or a confirmation failed to post, or the process stopped between close and report).
 */
export async function closeDueMeetings(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const due = await db.meeting.findMany({
    where: { status: "scheduled", signInClosesAt: { lte: now } },
    select: { id: true, signInClosesAt: true },
  });
  for (const { id, signInClosesAt } of due) {
    try {
      // The window ended at its own time, however late this sweep runs (after downtime): the report and the briefing
      // deadlines count from there, not from the tick that noticed.
      const { result: r } = await closeMeetingNow(deps, id, CLOSED_BY_SCHEDULE, now, signInClosesAt);
      result.sent += r.sent;
      result.failed += r.failed;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: id }, "closing a meeting failed");
    }
  }
  const justClosed = new Set(due.map((m) => m.id));
  for (const id of (await unfinishedFollowUps(db, now)).filter((m) => !justClosed.has(m))) {
    try {
      const r = await followUpClosedMeeting(deps, id, now);
      result.sent += r.sent;
      result.failed += r.failed;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: id }, "meeting follow-up failed");
    }
  }
  return result;
}

/** Recently closed meetings whose report, or one of whose confirmation messages, has not been posted (claimed counts as posted). */
async function unfinishedFollowUps(db: Db, now: Date): Promise<string[]> {
  const closed = await db.meeting.findMany({
    where: { status: "closed", closedAt: { gte: new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000) } },
    select: { id: true, departments: { select: { departmentId: true, channelId: true } }, briefings: { select: { departmentId: true } } },
  });
  if (closed.length === 0) return [];
  const expected = closed.map((m) => ({
    id: m.id,
    keys: [
      meetingKeys.report(m.id),
      ...m.briefings
        .filter((b) => m.departments.some((d) => d.departmentId === b.departmentId && d.channelId))
        .map((b) => meetingKeys.briefing(m.id, b.departmentId)),
    ],
  }));
  const done = await keysNotToAttempt(db, { key: { in: expected.flatMap((e) => e.keys) } });
  return expected.filter((e) => e.keys.some((k) => !done.has(k))).map((e) => e.id);
}
