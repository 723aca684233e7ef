import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { officeChannelId } from "../directory/office.ts";
import { followUpReminderDue } from "../domain/accountability/follow-up.ts";
import { localClock, localDay } from "../domain/calendar/office-hours.ts";
import { workingDaysBetween } from "../domain/calendar/working-days.ts";
import { buildFollowUpReminder, type OpenAccident } from "../messages/accountability/follow-up-reminder.ts";
import { accountabilityKeys, ACCOUNTABILITY_DISPATCH_KINDS } from "./keys.ts";

/**
 * On each working day from 09:30, one list to the office channel of the accidents whose 四不放过 items are not all
 * closed. Claimed under the day's key, so restarts, late ticks and replicas post it once; nothing open, nothing sent.
 */
export async function sendFollowUpReminders(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const day = localDay(now, config.zone);
  if (!followUpReminderDue(day, localClock(now, config.zone))) return result;
  const key = accountabilityKeys.followUpReminder(day);
  const done = await db.dispatch.findUnique({ where: { key }, select: { status: true } });
  if (done?.status === "sent") return result;
  const open = await db.accident.findMany({
    where: { closedAt: null, createdAt: { lt: now } },
    include: { followUps: { where: { closedAt: null } } },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
  });
  if (open.length === 0) return result;
  const office = await officeChannelId(db, config);
  if (!office) {
    logger.error({ accidents: open.map((a) => a.id) }, "no safety-office channel configured: open 四不放过 items cannot be reminded");
    return result;
  }
  const names = new Map((await db.department.findMany({ select: { id: true, nameZh: true, nameEn: true } })).map((d) => [d.id, d]));
  const items: OpenAccident[] = open.map((a) => {
    const unit = names.get(a.departmentId);
    return {
      id: a.id,
      occurredOn: a.occurredOn,
      unitName: unit ? (config.lang === "zh" ? unit.nameZh : unit.nameEn) : a.departmentId,
      openItems: a.followUps.map((f) => f.item),
      workingDaysOpen: Math.max(0, workingDaysBetween(localDay(a.createdAt, config.zone), day)),
    };
  });
  try {
    const posted = await delivery.postOnce({
      key,
      kind: ACCOUNTABILITY_DISPATCH_KINDS.followUpReminder,
      channel: office,
      message: buildFollowUpReminder(items, day, config.lang),
    });
    if (posted) {
      result.sent++;
      logger.info({ day, accidents: items.length }, "四不放过 reminder posted");
    }
  } catch (e) {
    result.failed++;
    logger.error({ err: e, day }, "四不放过 reminder failed");
  }
  return result;
}
