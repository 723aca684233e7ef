import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { hazardSettings } from "../../../domain/hazards/settings.ts";
import { publishHome } from "../../../home/publish-home.ts";
import type { AppDeps } from "../../deps.ts";

/** Opening the Home tab publishes the person's view and remembers them, so later changes refresh it. */
export function appHomeOpened(deps: AppDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const now = deps.now();
    await deps.db.homeVisit.upsert({
      where: { slackUserId: event.user },
      create: { slackUserId: event.user, lastOpenedAt: now },
      update: { lastOpenedAt: now },
    });
    await publishHome(
      {
        db: deps.db,
        delivery: deps.delivery,
        logger: deps.logger,
        zone: deps.config.zone,
        lang: deps.config.lang,
        hazardSettings: hazardSettings(deps.config.hazards),
      },
      event.user,
      now,
    );
  };
}
