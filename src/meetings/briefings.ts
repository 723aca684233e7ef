import type { Db } from "../db/client.ts";
import { mayAttempt } from "../delivery/retry-policy.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { formatLocalDateTime } from "../domain/meetings/local-time.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import {
  buildBriefingMessage,
  buildBriefingReminder,
  briefingButtonLabel,
  type BriefingView,
} from "../messages/meetings/briefing-message.ts";
import { buildOverdueBriefingsMessage } from "../messages/meetings/overdue-message.ts";
import { briefingDueNow } from "../domain/meetings/briefing-schedule.ts";
import { meetingKeys, MEETING_DISPATCH_KINDS } from "./keys.ts";
import { findMeeting, meetingInfo, type LoadedMeeting } from "./load-meeting.ts";
import { officeChannelId } from "../directory/office.ts";
import { dmKey, reachPeople } from "../delivery/reach-people.ts";

export type BriefingSide = "deputy" | "head";

async function briefingView(db: Db, meeting: LoadedMeeting, departmentId: string): Promise<BriefingView | null> {
  const row = await db.briefing.findUnique({ where: { meetingId_departmentId: { meetingId: meeting.info.id, departmentId } } });
  if (!row) return null;
  const d = meeting.departments.find((x) => x.departmentId === departmentId);
  return { ...row, nameZh: d?.nameZh ?? departmentId, nameEn: d?.nameEn ?? departmentId };
}

/** Every briefing of a meeting, with the names its message shows. */
export async function loadBriefingViewsOf(db: Db, meeting: LoadedMeeting): Promise<BriefingView[]> {
  const rows = await db.briefing.findMany({ where: { meetingId: meeting.info.id }, orderBy: { departmentId: "asc" } });
  return rows.map((row) => {
    const d = meeting.departments.find((x) => x.departmentId === row.departmentId);
    return { ...row, nameZh: d?.nameZh ?? row.departmentId, nameEn: d?.nameEn ?? row.departmentId };
  });
}

/**
 * One side of a briefing confirmed by the person it names — the attendee that they briefed the head in full, the
 * head that they were briefed. Anyone else is refused with who may press it; a second press is told when it was
 * confirmed. The conditional update makes a double click record once.
 */
export async function confirmBriefing(
  db: Db,
  args: { meetingId: string; departmentId: string; side: BriefingSide; slackUserId: string; now: Date },
): Promise<{ meeting: LoadedMeeting; briefing: BriefingView; confirmedNow: boolean }> {
  const meeting = await findMeeting(db, args.meetingId);
  const briefing = meeting ? await briefingView(db, meeting, args.departmentId) : null;
  if (!meeting || !briefing) {
    throw new AppError(ErrorCode.NotFound, {
      zh: "找不到这项传达确认，可能已被删除。",
      en: "This briefing confirmation no longer exists.",
    });
  }
  if (meeting.info.status === "cancelled") {
    throw new AppError(ErrorCode.Conflict, {
      zh: "该会议已取消，无需传达确认。",
      en: "This meeting was cancelled; no briefing confirmation is needed.",
    });
  }
  const label = briefingButtonLabel(args.side, briefing);
  const allowedId = args.side === "deputy" ? briefing.deputySlackUserId : briefing.headSlackUserId;
  const allowedName = args.side === "deputy" ? briefing.deputyName : briefing.headName;
  if (!allowedId || allowedId !== args.slackUserId) {
    const who = allowedName ?? allowedId ?? "";
    throw new AppError(
      ErrorCode.Forbidden,
      args.side === "deputy"
        ? { zh: `只有代参会人 ${who} 本人可以点击“${label.zh}”。`, en: `Only ${who}, who attended the meeting, can press "${label.en}".` }
        : { zh: `只有主要负责人 ${who} 本人可以点击“${label.zh}”。`, en: `Only the principal head, ${who}, can press "${label.en}".` },
      { details: { meeting: args.meetingId, department: args.departmentId, side: args.side, user: args.slackUserId, allowed: allowedId } },
    );
  }
  const field = args.side === "deputy" ? "deputyConfirmedAt" : "headConfirmedAt";
  const updated = await db.briefing.updateMany({
    where: { meetingId: args.meetingId, departmentId: args.departmentId, [field]: null },
    data: { [field]: args.now },
  });
  const fresh = (await briefingView(db, meeting, args.departmentId))!;
  if (updated.count === 0) {
    const at = fresh[field]!;
    throw new AppError(ErrorCode.Conflict, {
      zh: `您已于${formatLocalDateTime(at, "zh")}确认过，无需重复确认。`,
      en: `You already confirmed this at ${formatLocalDateTime(at, "en")}; it is recorded once.`,
    });
  }
  return { meeting, briefing: fresh, confirmedNow: true };
}

/** Renders the confirmation message again (chat.update) from the database: in the channel and every DM copy. */
export async function refreshBriefingMessage(deps: SweepDeps, meeting: LoadedMeeting, briefing: BriefingView, now: Date): Promise<void> {
  const key = meetingKeys.briefing(meeting.info.id, briefing.departmentId);
  const rows = await deps.db.dispatch.findMany({
    where: { OR: [{ key }, { key: { startsWith: dmKey(key, "") } }], status: "sent", messageTs: { not: null } },
  });
  for (const row of rows) {
    if (!row.channelId || !row.messageTs) continue;
    try {
      await deps.delivery.update(
        row.channelId,
        row.messageTs,
        buildBriefingMessage({ meeting: meeting.info, briefing, now, lang: deps.config.lang }),
      );
    } catch (e) {
      deps.logger.warn({ err: e, meeting: meeting.info.id, department: briefing.departmentId }, "could not update a briefing confirmation");
    }
  }
}

/** Unconfirmed briefings are looked at for this long after their deadline (the office list goes out the next working morning). */
const OVERDUE_LOOKBACK_DAYS = 30;

/**
 * The reminder sweep for briefing follow-ups, on the campaign reminder schedule: the working day before and the
 * morning of the deadline, in the thread of the confirmation and naming only who has not confirmed; then, the next
 * working morning after the deadline, one list of the unconfirmed to the safety office. Every send is claimed first.
 */
export async function sendBriefingReminders(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const open = await db.briefing.findMany({
    where: {
      dueAt: { gte: new Date(now.getTime() - OVERDUE_LOOKBACK_DAYS * 86_400_000) },
      meeting: { status: "closed" },
      OR: [
        { deputySlackUserId: { not: null }, deputyConfirmedAt: null },
        { headSlackUserId: { not: null }, headConfirmedAt: null },
      ],
    },
    include: { meeting: true },
    orderBy: [{ meetingId: "asc" }, { departmentId: "asc" }],
  });
  if (open.length === 0) return result;

  const candidates = open.flatMap((b) => {
    const openedAt = b.meeting.closedAt ?? b.meeting.signInClosesAt;
    const due = briefingDueNow(openedAt, b.dueAt, config.zone, now);
    return due.reminder || due.listToOffice ? [{ row: b, ...due }] : [];
  });
  if (candidates.length === 0) return result;
  const keys = candidates.flatMap((c) => [
    meetingKeys.overdueList(c.row.meetingId),
    meetingKeys.briefing(c.row.meetingId, c.row.departmentId),
    ...(c.reminder ? [meetingKeys.briefingReminder(c.row.meetingId, c.row.departmentId, c.reminder.key)] : []),
  ]);
  const dispatched = new Map((await db.dispatch.findMany({ where: { key: { in: keys } } })).map((d) => [d.key, d]));
  const wallNow = new Date();
  // Sent, in flight under a live lease, or failed and backing off (mayAttempt): the same rule as every other sweep.
  const taken = (key: string) => {
    const d = dispatched.get(key);
    return !!d && (d.status === "sent" || !mayAttempt(d, wallNow));
  };

  const meetings = new Map<string, LoadedMeeting>();
  const meetingOf = async (id: string) => {
    if (!meetings.has(id)) {
      const m = await findMeeting(db, id);
      if (m) meetings.set(id, m);
    }
    return meetings.get(id);
  };
  const view = (meeting: LoadedMeeting, row: (typeof open)[number]): BriefingView => {
    const d = meeting.departments.find((x) => x.departmentId === row.departmentId);
    const { meeting: _m, ...b } = row;
    return { ...b, nameZh: d?.nameZh ?? row.departmentId, nameEn: d?.nameEn ?? row.departmentId };
  };

  for (const c of candidates) {
    if (!c.reminder || (c.reminder.kind !== "before" && c.reminder.kind !== "due")) continue;
    const key = meetingKeys.briefingReminder(c.row.meetingId, c.row.departmentId, c.reminder.key);
    if (taken(key)) continue;
    const meeting = await meetingOf(c.row.meetingId);
    const parent = dispatched.get(meetingKeys.briefing(c.row.meetingId, c.row.departmentId));
    const channel = parent?.channelId ?? meeting?.departments.find((d) => d.departmentId === c.row.departmentId)?.channelId;
    if (!meeting || !channel) continue;
    const kind = c.reminder.kind;
    const b = c.row;
    const reached = await reachPeople(deps, {
      channel,
      people: [
        ...(b.headSlackUserId && !b.headConfirmedAt ? [b.headSlackUserId] : []),
        ...(b.deputySlackUserId && !b.deputyConfirmedAt ? [b.deputySlackUserId] : []),
      ],
      key: (user) => dmKey(key, user),
      kind: MEETING_DISPATCH_KINDS.briefingReminder,
      message: () => buildBriefingReminder({ meeting: meeting.info, briefing: view(meeting, c.row), kind, lang: config.lang }),
    });
    result.sent += reached.sent;
    result.failed += reached.failed;
    try {
      // In the confirmation's thread, broadcast to the channel: the buttons are one scroll away.
      const posted = await delivery.postOnce({
        key,
        kind: MEETING_DISPATCH_KINDS.briefingReminder,
        channel,
        message: () => buildBriefingReminder({ meeting: meeting.info, briefing: view(meeting, c.row), kind, lang: config.lang }),
        ...(parent?.messageTs ? { threadTs: parent.messageTs, broadcast: true } : {}),
      });
      if (posted) {
        result.sent++;
        logger.info({ meeting: c.row.meetingId, department: c.row.departmentId, slot: c.reminder.key }, "briefing reminder posted");
      }
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: c.row.meetingId, department: c.row.departmentId, slot: c.reminder.key }, "briefing reminder failed");
    }
  }

  const overdueByMeeting = new Map<string, typeof candidates>();
  for (const c of candidates) {
    if (!c.listToOffice || taken(meetingKeys.overdueList(c.row.meetingId))) continue;
    overdueByMeeting.set(c.row.meetingId, [...(overdueByMeeting.get(c.row.meetingId) ?? []), c]);
  }
  if (overdueByMeeting.size === 0) return result;
  const office = await officeChannelId(db, config);
  if (!office) {
    logger.error({ meetings: [...overdueByMeeting.keys()] }, "no safety-office channel configured: overdue briefings cannot be listed");
    return { ...result, failed: result.failed + overdueByMeeting.size };
  }
  for (const [meetingId, list] of overdueByMeeting) {
    const meeting = await meetingOf(meetingId);
    if (!meeting) continue;
    try {
      const posted = await delivery.postOnce({
        key: meetingKeys.overdueList(meetingId),
        kind: MEETING_DISPATCH_KINDS.overdueList,
        channel: office,
        message: () =>
          buildOverdueBriefingsMessage({
            meeting: meetingInfo(list[0]!.row.meeting),
            overdue: list.map((c) => view(meeting, c.row)),
            lang: config.lang,
          }),
      });
      if (posted) {
        result.sent++;
        logger.info({ meeting: meetingId, overdue: list.length }, "overdue briefings listed to the office");
      }
    } catch (e) {
      result.failed++;
      logger.error({ err: e, meeting: meetingId }, "overdue briefing list failed");
    }
  }
  return result;
}
