import type { Db } from "../db/client.ts";
import type { HazardSettings } from "../domain/hazards/settings.ts";
import type { Hazard } from "../generated/prisma/client.ts";
import type { HazardNoticeData } from "../messages/hazards/supervision-messages.ts";
import { loadHazardCard } from "./hazard-card-data.ts";

/** A hazard with what its supervision notices and reminders show: the card's data, the unit's principal head, the 五落实. */
export async function loadHazardNotice(db: Db, hazard: Hazard, now: Date, zone: string, settings: HazardSettings): Promise<HazardNoticeData> {
  const card = await loadHazardCard(db, hazard, now, zone, settings);
  const unit = await db.department.findUniqueOrThrow({
    where: { id: hazard.unitId },
    select: { headSlackUserId: true, headName: true, headTitle: true },
  });
  return {
    ...card,
    head: { slackUserId: unit.headSlackUserId, name: unit.headName, title: unit.headTitle },
    measures: hazard.measures,
    responsibility: hazard.responsibility,
    funding: hazard.funding,
    contingencyPlan: hazard.contingencyPlan,
  };
}
