import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";
import { officeChannelId } from "../directory/office.ts";
import { buildStartReportMessage } from "../messages/meetings/start-report-message.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { loadAttendance } from "./load-meeting.ts";

/**
 * The attendance when a meeting starts, to the office: once per meeting (and revision), claimed under its key so
 * replicas and overlapping ticks post it once. Only while sign-in is still open: after downtime past the window the
 * final report says it all, and a start-time report posted then would be stale.
 */
export async function postStartReports(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const due = await db.meeting.findMany({
    where: { status: "scheduled", startsAt: { lte: now }, signInClosesAt: { gt: now } },
    select: { id: true, revision: true },
  });
  if (due.length === 0) return result;
  const done = await keysNotToAttempt(db, { key: { in: due.map((m) => meetingKeys.startReport(m.id, m.revision)) } });
  const pending = due.filter((m) => !done.has(meetingKeys.startReport(m.id, m.revision)));
  if (pending.length === 0) return result;
  const office = await officeChannelId(db, config);
  if (!office) {
    logger.error({ meetings: pending.map((m) => m.id) }, "no safety-office channel: the start-time attendance waits");
    return { sent: 0, failed: pending.length };
  }
  for (const m of pending) {
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.startReport(m.id, m.revision),
        kind: MEETING_DISPATCH_KINDS.startReport,
        channel: office,
        message: async () => buildStartReportMessage({ report: (await loadAttendance(db, m.id)).report, lang: config.lang }),
      });
      if (posted) {
        result.sent++;
        logger.info({ meeting: m.id }, "start-time attendance posted");
      }
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: m.id }, "start-time attendance failed");
    }
  }
  return result;
}
