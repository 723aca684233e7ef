import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { deadlineStatus } from "../domain/hazards/colour.ts";
import { DEFAULT_HAZARD_SETTINGS, type HazardSettings } from "../domain/hazards/settings.ts";
import type { Hazard } from "../generated/prisma/client.ts";
import type { HazardCardData } from "../messages/hazards/hazard-card.ts";

/** A hazard with the names its card shows, and the colour as of `now` in the office's timezone. */
export async function loadHazardCard(
  db: Db,
  hazard: Hazard,
  now: Date,
  zone: string,
  settings: HazardSettings = DEFAULT_HAZARD_SETTINGS,
): Promise<HazardCardData> {
  const ids = [hazard.unitId, ...(hazard.leadDepartmentId ? [hazard.leadDepartmentId] : [])];
  const [departments, fileCount] = await Promise.all([
    db.department.findMany({ where: { id: { in: ids } } }),
    db.hazardFile.count({ where: { hazardId: hazard.id } }),
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const unit = byId.get(hazard.unitId)!;
  const lead = hazard.leadDepartmentId ? (byId.get(hazard.leadDepartmentId) ?? null) : null;
  return {
    id: hazard.id,
    number: hazard.number,
    state: hazard.state,
    level: hazard.level,
    listed: hazard.listed,
    unit,
    lead,
    territorial: unit.kind === "county_district" ? unit : null,
    placeName: hazard.placeName,
    placeAddress: hazard.placeAddress,
    description: hazard.description,
    deadlineDay: hazard.deadlineDay,
    status: deadlineStatus(
      {
        state: hazard.state,
        listed: hazard.listed,
        deadlineDay: hazard.deadlineDay,
        submittedDay: hazard.submittedAt ? localDay(hazard.submittedAt, zone) : null,
      },
      localDay(now, zone),
      settings,
    ),
    responsibleSlackUserId: hazard.responsibleSlackUserId,
    responsibleName: hazard.responsibleName,
    fileCount,
  };
}
