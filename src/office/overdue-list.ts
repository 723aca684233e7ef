import { escalationOpen, runningDueTasks } from "../campaigns/work-left.ts";
import { CAMPAIGN_DISPATCH_KINDS, campaignKeys } from "../campaigns/keys.ts";
import { loadRunningBoards } from "../campaigns/load-boards.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { keysNotToAttempt } from "../delivery/retry-policy.ts";
import { officeChannelId } from "../directory/office.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { buildOverdueListMessage } from "../messages/campaigns/overdue-list-message.ts";

/**
 * The safety office's overdue lists: while a campaign has a department past a task's escalation point and still not
 * done, one list of the campaign's overdue items per local day in the office channel, claimed under a key of the
 * campaign and the day, so overlapping ticks and replicas post it once. The escalation itself (to the department's
 * principal head) is the reminder sweep's.
 */
export async function sendOverdueLists(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const zone = config.zone;
  const result: SweepResult = { sent: 0, failed: 0 };
  const day = localDay(now, zone);
  const running = (await runningDueTasks(db, now, zone)).filter((c) => c.tasks.some((t) => t.due.escalation));
  if (running.length === 0) return result;
  const taken = await keysNotToAttempt(db, { key: { in: running.map((c) => campaignKeys.overdueList(c.id, day)) } });
  const escalating: string[] = [];
  for (const c of running) {
    if (!taken.has(campaignKeys.overdueList(c.id, day)) && (await escalationOpen(db, c.id, c.tasks))) escalating.push(c.id);
  }
  if (escalating.length === 0) return result;
  const office = await officeChannelId(db, config);
  if (!office) {
    logger.warn({ campaigns: escalating }, "no safety-office channel configured; overdue list not posted");
    return result;
  }
  for (const board of await loadRunningBoards(db, now, zone, escalating)) {
    if (board.overdue.length === 0) continue;
    const key = campaignKeys.overdueList(board.campaign.id, day);
    try {
      const posted = await delivery.postOnce({
        key,
        kind: CAMPAIGN_DISPATCH_KINDS.overdueList,
        channel: office,
        message: () => buildOverdueListMessage({ campaign: board.campaign, items: board.overdue, now, zone, lang: config.lang }),
      });
      if (posted) {
        result.sent++;
        logger.info({ campaign: board.campaign.id, key, channel: office }, "overdue list posted");
      }
    } catch (e) {
      result.failed++;
      logger.error({ campaign: board.campaign.id, err: e, key, channel: office }, "overdue list failed; will retry next tick");
    }
  }
  return result;
}
