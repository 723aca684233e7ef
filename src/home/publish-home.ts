import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Logger } from "../lib/logger.ts";
import { buildHomeView } from "../messages/home/home-view.ts";
import type { HazardSettings } from "../domain/hazards/settings.ts";
import { buildHazardHomeSection, hasHazardItems, withHazardSection } from "../messages/home/hazard-section.ts";
import { collectHazardHomeData } from "./hazard-home-data.ts";
import { collectHomeData } from "./home-data.ts";
import { buildRankingHomeSection, withRankingSection } from "../messages/home/ranking-section.ts";
import { collectRankingHomeData } from "./ranking-home-data.ts";

export interface HomeDeps {
  db: Db;
  delivery: Delivery;
  logger: Logger;
  zone: string;
  lang: "zh" | "en";
  /** The ledger's thresholds (colours in the hazard section); the defaults when not given. */
  hazardSettings?: HazardSettings;
}

/** Builds and publishes one person's Home tab as it stands at `now`. */
export async function publishHome(deps: HomeDeps, userId: string, now: Date): Promise<void> {
  const [data, hazards, ranking] = await Promise.all([
    collectHomeData(deps.db, userId, now, deps.zone),
    collectHazardHomeData(deps.db, userId, now, deps.zone, deps.hazardSettings),
    collectRankingHomeData(deps.db, userId, now, deps.zone),
  ]);
  const view = buildHomeView({ ...data, moreBelow: hasHazardItems(hazards) }, deps.lang);
  const withHazards = hazards ? withHazardSection(view, buildHazardHomeSection(hazards, deps.lang), deps.lang) : view;
  await deps.delivery.publishHome(
    userId,
    ranking ? withRankingSection(withHazards, buildRankingHomeSection(ranking, deps.lang)) : withHazards,
  );
}

/**
 * Re-publishes the Home tab of everyone who has opened it and whose view the change touches: members of the
 * changed departments, and the office. Called after acknowledgements, reports, pledges, sign-ins and briefings.
 * Failures are logged, never thrown: the change itself already happened.
 */
export async function refreshHomes(
  deps: HomeDeps,
  departmentIds: readonly string[],
  now: Date,
  alsoUserIds: readonly string[] = [],
): Promise<void> {
  try {
    const visitors = await deps.db.homeVisit.findMany({ select: { slackUserId: true } });
    if (!visitors.length) return;
    const ids = visitors.map((v) => v.slackUserId);
    const [heads, liaisons, office] = await Promise.all([
      deps.db.department.findMany({
        where: { id: { in: [...departmentIds] }, headSlackUserId: { in: ids } },
        select: { headSlackUserId: true },
      }),
      deps.db.liaison.findMany({
        where: { departmentId: { in: [...departmentIds] }, slackUserId: { in: ids } },
        select: { slackUserId: true },
      }),
      deps.db.department.findMany({
        where: { kind: "office" },
        select: { headSlackUserId: true, liaisons: { select: { slackUserId: true } } },
      }),
    ]);
    const officeIds = office.flatMap((d) => [d.headSlackUserId, ...d.liaisons.map((l) => l.slackUserId)]);
    const affected = new Set([
      ...heads.map((h) => h.headSlackUserId),
      ...liaisons.map((l) => l.slackUserId),
      ...officeIds.filter((id) => id && ids.includes(id)),
      ...alsoUserIds.filter((id) => ids.includes(id)),
    ]);
    for (const userId of affected) if (userId) await publishHome(deps, userId, now);
  } catch (e) {
    deps.logger.warn({ err: e, departmentIds }, "could not refresh Home tabs");
  }
}
