import { recordAudit } from "../audit/record-audit.ts";
import type { Db } from "../db/client.ts";
import type { MaybeSlackDeps, SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { officeChannelId } from "../directory/office.ts";
import { keysNotToAttempt, mayAttempt } from "../delivery/retry-policy.ts";
import { buildClosingNotice, buildFinalTallyMessage } from "../messages/campaigns/close-messages.ts";
import { CAMPAIGN_DISPATCH_KINDS, campaignKeys } from "./keys.ts";
import { refreshLaunchMessages } from "./launch-messages.ts";
import { loadStatusBoard } from "./load-boards.ts";

export interface CloseFollowUp extends SweepResult {
  /** Department channels told, or told before (their closing notice is sent). */
  notified: number;
  /** Target departments with a launch post, each of which gets a closing notice. */
  targets: number;
  /** The office channel has the final tally (posted now or before); false without an office channel or on a failure. */
  officeTally: boolean;
}

/**
 * The database half of closing: one conditional update from open to closed (two closers, a double submit or the CLI
 * and Slack at once close it once), audited in the same transaction. False when it was already closed.
 */
export async function claimClose(db: Db, campaignId: string, closedBy: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const res = await tx.campaign.updateMany({
      where: { id: campaignId, status: { not: "closed" } },
      data: { status: "closed", closedAt: now },
    });
    if (res.count === 1)
      await recordAudit(tx, { actor: closedBy, action: "campaign.close", outcome: "ok", subject: `campaign:${campaignId}`, at: now });
    return res.count === 1;
  });
}

/**
 * Closes a campaign: no more reminders, no more submissions; then (with Slack) every launch message loses its
 * buttons, each department's channel gets a closing notice with what it did, and the office channel the final
 * tally — each post claimed under its own key, so a retry, a crash in between or a second replica posts it once.
 * Without Slack (the CLI with no token) the bot's tick sends them (`followUp` null). `closed` false: it already was.
 */
export async function closeCampaign(
  deps: MaybeSlackDeps,
  campaignId: string,
  closedBy: string,
  now: Date,
): Promise<{ closed: false } | { closed: true; followUp: CloseFollowUp | null }> {
  if (!(await claimClose(deps.db, campaignId, closedBy, now))) return { closed: false };
  deps.logger.info({ campaign: campaignId, by: closedBy }, "campaign closed");
  const followUp = deps.delivery ? await followUpClosedCampaign({ ...deps, delivery: deps.delivery }, campaignId, now) : null;
  return { closed: true, followUp };
}

/**
 * What follows a close, each step safe to repeat: launch messages re-rendered, closing notices, the office's tally.
 * As a retry (the tick), a post that failed waits out its back-off, and the launch messages are re-rendered only if
 * no follow-up ever ran (a crash right after closing, the CLI without Slack).
 */
export async function followUpClosedCampaign(
  deps: SweepDeps,
  campaignId: string,
  now: Date,
  options: { retry?: boolean } = {},
): Promise<CloseFollowUp> {
  const { db, delivery, config, logger } = deps;
  const result: CloseFollowUp = { sent: 0, failed: 0, notified: 0, targets: 0, officeTally: false };
  const row = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true, closedAt: true } });
  if (row?.status !== "closed") return result;
  const closedAt = row.closedAt ?? now;
  // The board as it stood when it closed: the same tally however late the follow-up runs.
  const board = await loadStatusBoard(db, campaignId, closedAt, config.zone);
  if (!board) return result;
  const office = await officeChannelId(db, config);
  const keys = [
    ...board.targets.filter((t) => t.messageTs).map((t) => campaignKeys.closing(campaignId, t.departmentId)),
    ...(office ? [campaignKeys.closedOffice(campaignId)] : []),
  ];
  const rows = options.retry ? await db.dispatch.findMany({ where: { key: { in: keys } } }) : [];
  const wallNow = new Date();
  const waiting = new Set(rows.filter((r) => r.status !== "sent" && !mayAttempt(r, wallNow)).map((r) => r.key));
  if (rows.length === 0) await refreshLaunchMessages(deps, campaignId, now);
  for (const target of board.targets) {
    // A department the launch never reached has nothing to close.
    if (!target.messageTs) continue;
    const department = board.rows.find((r) => r.department.id === target.departmentId)?.department;
    if (!department) continue;
    result.targets++;
    const key = campaignKeys.closing(campaignId, target.departmentId);
    if (waiting.has(key)) {
      result.failed++;
      continue;
    }
    try {
      const posted = await delivery.postOnce({
        key,
        kind: CAMPAIGN_DISPATCH_KINDS.closing,
        channel: target.channelId,
        message: () => buildClosingNotice({ board, department, closedAt, lang: config.lang }),
      });
      if (posted) result.sent++;
      if (posted || (await isSent(db, key))) result.notified++;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, campaign: campaignId, department: target.departmentId }, "campaign closing notice failed; will retry");
    }
  }
  if (office && waiting.has(campaignKeys.closedOffice(campaignId))) result.failed++;
  else if (office) {
    const key = campaignKeys.closedOffice(campaignId);
    try {
      const posted = await delivery.postOnce({
        key,
        kind: CAMPAIGN_DISPATCH_KINDS.closing,
        channel: office,
        message: () => buildFinalTallyMessage(board, closedAt, config.lang),
      });
      if (posted) result.sent++;
      result.officeTally = Boolean(posted) || (await isSent(db, key));
    } catch (e) {
      result.failed++;
      logger.error({ err: e, campaign: campaignId }, "campaign final tally to the office failed; will retry");
    }
  }
  return result;
}

async function isSent(db: Db, key: string): Promise<boolean> {
  return (await db.dispatch.count({ where: { key, status: "sent" } })) === 1;
}

/** How long after a close its posts are still retried when one failed. */
const FOLLOW_UP_DAYS = 14;

/** The tick's part: recent closes whose posts did not all go out (a failure, a stop in between, the CLI without Slack). */
export async function retryClosings(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, logger } = deps;
  const result: SweepResult = { sent: 0, failed: 0 };
  const recent = await db.campaign.findMany({
    where: { status: "closed", closedAt: { gte: new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000) } },
    select: { id: true, targets: { where: { messageTs: { not: null } }, select: { departmentId: true } } },
  });
  for (const c of recent) {
    const keys = [campaignKeys.closedOffice(c.id), ...c.targets.map((t) => campaignKeys.closing(c.id, t.departmentId))];
    // Sent, claimed under a live lease, or failed and backing off: an expired claim (its process died) is tried again.
    const done = (await keysNotToAttempt(db, { key: { in: keys } })).size;
    // Every post out (an office without a channel leaves its key unclaimed: one cheap follow-up a tick, no post).
    if (done >= keys.length || (done === keys.length - 1 && !(await officeChannelId(db, deps.config)))) continue;
    try {
      const r = await followUpClosedCampaign(deps, c.id, now, { retry: true });
      result.sent += r.sent;
      result.failed += r.failed;
    } catch (e) {
      result.failed++;
      logger.error({ err: e, campaign: c.id }, "campaign close follow-up failed");
    }
  }
  return result;
}
