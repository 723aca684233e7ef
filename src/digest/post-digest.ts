import { DateTime } from "luxon";
import { RUNNING_STATUSES } from "../campaigns/load-boards.ts";
import type { Db } from "../db/client.ts";
import { mayAttempt } from "../delivery/retry-policy.ts";
import { weeklyMomentDue } from "../domain/calendar/weekly-moment.ts";
import { officeChannelId } from "../directory/office.ts";
import type { Sweep, SweepDeps } from "../delivery/sweep.ts";
import { buildDigestMessage } from "../messages/digest/digest-message.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { collectDigestData } from "./digest-data.ts";
import { digestBoard } from "./digest-board.ts";
import { renderBoard } from "./render/render-board.ts";

interface DigestPicture {
  file: Buffer;
  filename: string;
  title: string;
}

/** The digest as of `now`: its message, and the departments × tasks picture to draw when a campaign is running. */
async function digestParts(deps: SweepDeps, now: Date): Promise<{ message: SlackMessage; picture: (() => Promise<DigestPicture>) | null }> {
  const { config } = deps;
  const data = await collectDigestData(deps.db, now, config.zone, config.lang);
  const day = DateTime.fromJSDate(now, { zone: config.zone }).toISODate();
  return {
    message: buildDigestMessage(data, config.lang),
    picture: data.boards.length
      ? async () => ({
          file: await renderBoard(digestBoard(data.boards, now, config.zone, config.lang), config.lang, { logger: deps.logger }),
          filename: `redline-board-${day}.png`,
          title: config.lang === "zh" ? `专项行动进展图 ${day}` : `Campaign board ${day}`,
        })
      : null,
  };
}

/**
 * Posts the digest to `channelId` now (asked for with `/redline 周报`): the text, then the departments × tasks picture
 * (PNG, files.uploadV2) in its thread. The picture is left out when no campaign is running.
 */
export async function postDigest(deps: SweepDeps, channelId: string, now: Date): Promise<{ channelId: string; messageTs?: string }> {
  const { message, picture } = await digestParts(deps, now);
  const posted = await deps.delivery.post({ channel: channelId, message });
  if (picture) await deps.delivery.upload({ channel: channelId, threadTs: posted.messageTs, ...(await picture()) });
  return posted;
}

/** The outbox keys of a week's digest: the text, and the picture in its thread. */
const digestKeys = {
  post: (week: string) => `digest:${week}`,
  picture: (week: string) => `digest:${week}:board`,
} as const;

/**
 * The week's digest, once across replicas, restarts and faults: the text under its own key, then the picture in its
 * thread under another, each through the outbox (claimed, posted with its key in the metadata, reconciled with the
 * channel after a 5xx or a dead process). So a text Slack posted but answered 500 for is found, not posted again, and
 * a failed upload is tried again on its own. True when this call posted the text.
 */
async function postWeeklyDigest(deps: SweepDeps, channel: string, week: string, now: Date): Promise<boolean> {
  const { message, picture } = await digestParts(deps, now);
  const posted = await deps.delivery.postOnce({ key: digestKeys.post(week), kind: "weekly-digest", channel, message });
  let threadTs = posted?.messageTs;
  if (!posted) {
    const row = await deps.db.dispatch.findUnique({ where: { key: digestKeys.post(week) }, select: { status: true, messageTs: true } });
    // Another replica holds the text's claim: the picture is its to send.
    if (row?.status !== "sent" || !row.messageTs) return false;
    threadTs = row.messageTs;
  }
  if (picture)
    await deps.delivery.uploadOnce({ key: digestKeys.picture(week), kind: "weekly-digest-board", channel, threadTs, ...(await picture()) });
  return posted !== null;
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

/**
 * Whether anything of the week's digest is left to send: the text, or — when a campaign was running as it went out —
 * the picture. Sends another process holds under a live claim, or failed ones waiting for their retry, are not.
 * Read from the two outbox rows (and one count), so a week whose digest is out costs a tick next to nothing.
 */
async function weeklyDigestLeft(db: Db, week: string): Promise<boolean> {
  const rows = await db.dispatch.findMany({
    where: { key: { in: [digestKeys.post(week), digestKeys.picture(week)] } },
    select: { key: true, status: true, attempts: true, claimedAt: true, leaseUntil: true, sentAt: true },
  });
  const text = rows.find((r) => r.key === digestKeys.post(week));
  const picture = rows.find((r) => r.key === digestKeys.picture(week));
  const wallNow = new Date();
  const open = (r: (typeof rows)[number] | undefined) => !r || (r.status !== "sent" && mayAttempt(r, wallNow));
  if (text?.status !== "sent") return open(text);
  if (picture) return open(picture);
  // The text is out and no picture was tried: one was due if a campaign was running when the text went out.
  return (await db.campaign.count({ where: { status: { in: RUNNING_STATUSES }, launchedAt: { lte: text.sentAt ?? wallNow } } })) > 0;
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
    // A week whose digest is out is seen in the outbox before anything is loaded. An empty digest (a first start with
    // nothing running, no meeting, no accident or target yet) is not posted: it goes out at the first tick with something in it.
    if (!(await weeklyDigestLeft(deps.db, week))) return { sent: 0, failed: 0 };
    if (!(await digestHasContent(deps.db, now, deps.config.zone))) return { sent: 0, failed: 0 };
    try {
      return { sent: (await postWeeklyDigest(deps, channel, week, now)) ? 1 : 0, failed: 0 };
    } catch (e) {
      deps.logger.error({ err: e, week }, "weekly digest failed; the next tick tries again");
      return { sent: 0, failed: 1 };
    }
  },
};
