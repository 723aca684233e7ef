import { DateTime } from "luxon";
import { sendOnce } from "../delivery/dispatch.ts";
import { weeklyMomentDue } from "../domain/calendar/weekly-moment.ts";
import { officeChannelId } from "../directory/office.ts";
import type { Sweep, SweepDeps } from "../delivery/sweep.ts";
import { buildDigestMessage } from "../messages/digest/digest-message.ts";
import { collectDigestData } from "./digest-data.ts";
import { digestBoard } from "./digest-board.ts";
import { renderBoard } from "./render/render-board.ts";

/**
 * Posts the digest to `channelId`: the text, then the departments × tasks picture (PNG, files.uploadV2) in its
 * thread. The picture is left out when no campaign is running.
 */
export async function postDigest(deps: SweepDeps, channelId: string, now: Date): Promise<{ channelId: string; messageTs?: string }> {
  const { config } = deps;
  const data = await collectDigestData(deps.db, now, config.zone, config.lang);
  const posted = await deps.delivery.post({ channel: channelId, message: buildDigestMessage(data, config.lang) });
  if (data.boards.length) {
    const png = await renderBoard(digestBoard(data.boards, now, config.zone, config.lang), config.lang, { logger: deps.logger });
    const day = DateTime.fromJSDate(now, { zone: config.zone }).toISODate();
    await deps.delivery.upload({
      channel: channelId,
      threadTs: posted.messageTs,
      file: png,
      filename: `redline-board-${day}.png`,
      title: config.lang === "zh" ? `专项行动进展图 ${day}` : `Campaign board ${day}`,
    });
  }
  return posted;
}

/** Every week, on its first working day at the configured time, once across replicas and restarts. */
export const digestSweep: Sweep = {
  id: "weekly-digest",
  async run(deps, now) {
    if (!deps.config.digestAt) return { sent: 0, failed: 0 };
    const week = weeklyMomentDue(now, deps.config.zone, deps.config.digestAt);
    if (!week) return { sent: 0, failed: 0 };
    const channel = await officeChannelId(deps.db, deps.config);
    if (!channel) return { sent: 0, failed: 0 };
    try {
      const sent = await sendOnce(deps.db, `digest:${week}`, "weekly-digest", deps.config.instanceId, () => postDigest(deps, channel, now));
      return { sent: sent ? 1 : 0, failed: 0 };
    } catch (e) {
      deps.logger.error({ err: e, week }, "weekly digest failed; the next tick tries again");
      return { sent: 0, failed: 1 };
    }
  },
};
