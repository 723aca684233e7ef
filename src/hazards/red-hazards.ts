import type { Db } from "../db/client.ts";
import { localClock, localDay } from "../domain/calendar/office-hours.ts";
import { isWorkingDay } from "../domain/calendar/working-days.ts";
import { deadlineStatus } from "../domain/hazards/colour.ts";
import type { HazardSettings } from "../domain/hazards/settings.ts";
import type { OverdueHazard } from "../domain/office/overdue-list.ts";

/** A red hazard for the office's list, with its `version` (bumped by every transition) for the list's fingerprint. */
export type RedHazard = OverdueHazard & { version: number };

/**
 * Hazards still being rectified that are red today (a listed one overdue, or overdue more than N working days): what
 * the office's daily overdue list shows, on working days from the ledger's reminder time — when the escalation to the
 * unit's principal head goes out. One indexed read of the open hazards past their deadline, one of their units.
 */
export async function redHazards(db: Db, now: Date, zone: string, settings: HazardSettings): Promise<RedHazard[]> {
  const today = localDay(now, zone);
  if (!isWorkingDay(today) || localClock(now, zone) < settings.remindAt) return [];
  const late = await db.hazard.findMany({
    where: { state: { in: ["registered", "rectifying"] }, deadlineDay: { lt: today } },
    select: { id: true, number: true, unitId: true, placeName: true, deadlineDay: true, listed: true, state: true, version: true },
    orderBy: { id: "asc" },
  });
  const red = late
    .map((h) => ({ h, status: deadlineStatus({ ...h, submittedDay: null }, today, settings) }))
    .filter(({ status }) => status.colour === "red");
  if (red.length === 0) return [];
  const units = new Map(
    (await db.department.findMany({ where: { id: { in: [...new Set(red.map(({ h }) => h.unitId))] } } })).map((d) => [d.id, d]),
  );
  return red.flatMap(({ h, status }) => {
    const unit = units.get(h.unitId);
    if (!unit) return [];
    return [
      {
        id: h.id,
        number: h.number,
        unit,
        placeName: h.placeName,
        deadlineDay: h.deadlineDay,
        overdueWorkingDays: status.overdueWorkingDays,
        listed: h.listed,
        version: h.version,
      },
    ];
  });
}
