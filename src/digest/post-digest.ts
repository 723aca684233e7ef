import { DateTime } from "luxon";
import { RUNNING_STATUSES } from "../campaigns/load-boards.ts";
import type { Db } from "../db/client.ts";
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

/**
 * Whether the week's digest has anything to say: a running campaign, a mandatory meeting closed in the last week, a
 * late briefing, an accident this year or the year's control targets. A few counts, so a week with nothing yet can ask
 * at every tick without loading boards or scores.
 */
export async function digestHasContent(db: Db, now: Date, zone: string): Promise<boolean> {
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const year = Number(DateTime.fromJSDate(now, { zone }).toFormat("yyyy"));
  const counts = await Promise.all([
    db.campaign.count({ where: { status: { in: RUNNING_STATUSES } } }),
    db.meeting.count({ where: { status: "closed", headMustAttend: true, closedAt: { gte: week, lte: now } } }),
    db.briefing.count({
      where: {
        dueAt: { lt: now },
        meeting: { status: "closed" },
        OR: [{ deputyConfirmedAt: null, deputySlackUserId: { not: null } }, { headConfirmedAt: null }],
      },
    }),
    db.accident.count({ where: { year } }),
    db.controlTargetYear.count({ where: { year } }),
  ]);
  return counts.some((n) => n > 0);
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
    // An empty digest (a first start with nothing running, no meeting, no accident or target yet) is not posted: the week's digest
    // goes out at the first tick that has something in it. A sent week is seen by its key before anything is loaded.
    const done = await deps.db.dispatch.findUnique({ where: { key: `digest:${week}` }, select: { status: true } });
    if (done?.status === "sent") return { sent: 0, failed: 0 };
    if (!(await digestHasContent(deps.db, now, deps.config.zone))) return { sent: 0, failed: 0 };
    try {
      const sent = await sendOnce(deps.db, `digest:${week}`, "weekly-digest", deps.config.instanceId, () => postDigest(deps, channel, now));
      return { sent: sent ? 1 : 0, failed: 0 };
    } catch (e) {
      deps.logger.error({ err: e, week }, "weekly digest failed; the next tick tries again");
      return { sent: 0, failed: 1 };
    }
  },
};
