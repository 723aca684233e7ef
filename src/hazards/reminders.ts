import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { SendQueue } from "../delivery/fan-out.ts";
import { mayAttempt } from "../delivery/retry-policy.ts";
import { officeChannelId } from "../directory/office.ts";
import { atLocalTime, localClock, localDay } from "../domain/calendar/office-hours.ts";
import { isWorkingDay, workingDaysBetween } from "../domain/calendar/working-days.ts";
import { acceptanceWaitCutoff, deadlineHorizon, hazardRemindersDue, type HazardReminder } from "../domain/hazards/reminders.ts";
import { hazardSettings } from "../domain/hazards/settings.ts";
import type { Hazard } from "../generated/prisma/client.ts";
import { buildHazardReminder } from "../messages/hazards/supervision-messages.ts";
import { HAZARD_DISPATCH_KINDS, hazardKeys } from "./keys.ts";
import { loadHazardNotice } from "./notice-data.ts";

type Audience = "unit" | "acceptor";
interface Send {
  hazard: Hazard;
  reminder: HazardReminder;
  audience: Audience;
  channel: string;
  key: string;
}

const OPEN = ["registered", "rectifying"] as const;

/**
 * The ledger's reminders at `now`, on working days from `remindAt`: deadline near (blue), due today, overdue (daily),
 * escalation to the unit's principal head once a hazard turns red (the office has it on its daily overdue list,
 * src/office/overdue-list.ts), the acceptor when a rectification has waited too long, and a listed hazard's weekly
 * progress report. Three indexed reads pick only hazards that can
 * have something due (deadline up to the horizon, submitted before the cutoff, listed), so a tick's cost follows what
 * is due, not the ledger's size. Every send is claimed under a key of the hazard's id and the slot, so overlapping
 * ticks, restarts and replicas post it once; a failed send stays claimable for the next tick.
 */
export async function sendHazardReminders(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const settings = hazardSettings(config.hazards);
  const zone = config.zone;
  const today = localDay(now, zone);
  if (!isWorkingDay(today) || localClock(now, zone) < settings.remindAt) return result;

  const cutoff = atLocalTime(acceptanceWaitCutoff(today, settings), "00:00", zone);
  const [nearOrLate, waiting, listed] = await Promise.all([
    db.hazard.findMany({ where: { state: { in: [...OPEN] }, deadlineDay: { lte: deadlineHorizon(today, settings) } } }),
    db.hazard.findMany({ where: { state: "awaiting_acceptance", submittedAt: { lt: cutoff } } }),
    db.hazard.findMany({ where: { listed: true, state: { in: [...OPEN] } } }),
  ]);
  const hazards = new Map<number, Hazard>();
  for (const h of [...nearOrLate, ...waiting, ...listed]) hazards.set(h.id, h);
  if (hazards.size === 0) return result;

  // The history entries the rules need: each waiting hazard's latest submission, each listed one's latest progress report.
  const [submissions, progress] = await Promise.all([
    waiting.length
      ? db.hazardEvent.findMany({
          where: { hazardId: { in: waiting.map((h) => h.id) }, action: "submit_rectification" },
          orderBy: { id: "desc" },
          select: { id: true, hazardId: true },
        })
      : [],
    listed.length
      ? db.hazardEvent.groupBy({
          by: ["hazardId"],
          where: { hazardId: { in: listed.map((h) => h.id) }, action: "progress_report" },
          _max: { at: true },
        })
      : [],
  ]);
  const submissionOf = new Map<number, bigint>();
  for (const s of submissions) if (!submissionOf.has(s.hazardId)) submissionOf.set(s.hazardId, s.id);
  const lastProgress = new Map(progress.map((p) => [p.hazardId, p._max.at ? localDay(p._max.at, zone) : null]));

  const unitIds = new Set<string>();
  for (const h of hazards.values()) {
    unitIds.add(h.unitId);
    if (h.leadDepartmentId) unitIds.add(h.leadDepartmentId);
  }
  const [channels, office] = await Promise.all([
    db.department.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, slackChannelId: true } }),
    officeChannelId(db, config),
  ]);
  const channelOf = new Map(channels.map((d) => [d.id, d.slackChannelId]));

  const sends: Send[] = [];
  for (const hazard of hazards.values()) {
    const due = hazardRemindersDue(
      {
        state: hazard.state,
        listed: hazard.listed,
        deadlineDay: hazard.deadlineDay,
        submittedDay: hazard.submittedAt ? localDay(hazard.submittedAt, zone) : null,
        submissionId: submissionOf.get(hazard.id)?.toString() ?? null,
        lastProgressDay: lastProgress.get(hazard.id) ?? null,
      },
      today,
      localClock(now, zone),
      settings,
    );
    for (const reminder of due) {
      const to: [Audience, string | null | undefined][] =
        reminder.kind === "acceptance"
            ? [["acceptor", !hazard.listed && hazard.routing === "matrix" && hazard.leadDepartmentId ? channelOf.get(hazard.leadDepartmentId) : office]]
            : [["unit", channelOf.get(hazard.unitId)]];
      for (const [audience, channel] of to) {
        if (!channel) {
          logger.warn({ hazard: hazard.number, reminder: reminder.slot, audience }, "no channel for a hazard reminder");
          continue;
        }
        sends.push({ hazard, reminder, audience, channel, key: hazardKeys.reminder(hazard.id, reminder.slot, audience) });
      }
    }
  }
  if (sends.length === 0) return result;

  // Keys already sent, being sent, or failed and not yet due again.
  const rows = await db.dispatch.findMany({
    where: { key: { in: sends.map((s) => s.key) } },
    select: { key: true, status: true, attempts: true, claimedAt: true, leaseUntil: true },
  });
  const wallNow = new Date();
  const taken = new Set(rows.filter((r) => r.status === "sent" || !mayAttempt(r, wallNow)).map((r) => r.key));

  const queue = new SendQueue();
  for (const s of sends) {
    if (taken.has(s.key)) continue;
    const ids = { hazard: s.hazard.number, department: s.hazard.unitId, reminder: s.reminder.slot, audience: s.audience };
    await queue.add(s.channel, async () => {
      try {
        const posted = await delivery.postOnce({
          key: s.key,
          kind: HAZARD_DISPATCH_KINDS.reminder,
          channel: s.channel,
          message: async () => {
            const data = await loadHazardNotice(db, s.hazard, now, zone, settings);
            const submittedDay = s.hazard.submittedAt ? localDay(s.hazard.submittedAt, zone) : null;
            return buildHazardReminder(
              data,
              {
                kind: s.reminder.kind,
                overdueWorkingDays: s.reminder.overdueWorkingDays,
                workingDaysLeft: s.reminder.workingDaysLeft,
                audience: s.audience,
                progressWeekday: settings.progressWeekday,
                submittedDay,
                waitedWorkingDays: submittedDay ? workingDaysBetween(submittedDay, today) : 0,
              },
              config.lang,
            );
          },
        });
        if (posted) {
          result.sent++;
          logger.info({ ...ids, key: s.key }, "hazard reminder posted");
        }
      } catch (e) {
        result.failed++;
        logger.error({ ...ids, err: e, key: s.key }, "hazard reminder failed; will retry next tick");
      }
    });
  }
  await queue.drain();
  return result;
}
