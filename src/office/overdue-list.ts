import { loadRunningBoards } from "../campaigns/load-boards.ts";
import { escalationOpen, runningDueTasks } from "../campaigns/work-left.ts";
import type { Db } from "../db/client.ts";
import { contentHash, keepPosted } from "../delivery/kept-message.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { officeChannelId } from "../directory/office.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { hazardSettings } from "../domain/hazards/settings.ts";
import { overdueListSettings, selectOverdueList, type OverdueListSettings } from "../domain/office/overdue-list.ts";
import { redHazards, type RedHazard } from "../hazards/red-hazards.ts";
import { buildOfficeOverdueList } from "../messages/office/overdue-list-message.ts";
import { OFFICE_DISPATCH_KINDS, officeKeys } from "./keys.ts";

/** Running campaigns with a department past a task's escalation point and still not done: the list's campaigns. */
async function escalatingCampaigns(db: Db, now: Date, zone: string): Promise<string[]> {
  const ids: string[] = [];
  for (const c of await runningDueTasks(db, now, zone)) {
    if (c.tasks.some((t) => t.due.escalation) && (await escalationOpen(db, c.id, c.tasks))) ids.push(c.id);
  }
  return ids;
}

/**
 * A fingerprint of everything the list is rendered from, in a few counts and maxima (no board is loaded): the
 * campaigns on it and their completions and launch posts, the red hazards and their versions, the directory's last
 * change, the settings and language. While it stays the same, a tick renders nothing.
 */
async function sourceMark(db: Db, campaigns: string[], hazards: RedHazard[], settings: OverdueListSettings, lang: string): Promise<string> {
  const [completions, targets, directory] = await Promise.all([
    db.completion.aggregate({ where: { task: { campaignId: { in: campaigns } } }, _count: { _all: true }, _max: { id: true } }),
    db.campaignTarget.count({ where: { campaignId: { in: campaigns }, messageTs: { not: null } } }),
    db.department.aggregate({ _max: { updatedAt: true } }),
  ]);
  return contentHash({
    campaigns,
    completions: [completions._count._all, completions._max.id],
    targets,
    hazards: hazards.map((h) => [h.id, h.version, h.overdueWorkingDays]),
    directory: directory._max.updatedAt?.toISOString() ?? null,
    settings,
    lang,
  });
}

/**
 * The safety office's one overdue list per local day: the overdue items of every campaign that has a department past
 * an escalation point, and the red hazards still being rectified. Posted once (when it has at least `minItems` items),
 * then kept up to date in place through the day: an item that gets done drops off, one that falls due is added. The
 * Dispatch row of the day's key holds the message; `keepPosted` makes sure replicas and retries never post a second
 * list, and a failed update is tried again at the next tick. The escalations themselves (to each unit's principal
 * head) are the reminder sweeps'.
 */
export async function sendOverdueList(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const { zone, lang } = config;
  const result: SweepResult = { sent: 0, failed: 0 };
  const day = localDay(now, zone);
  const key = officeKeys.overdueList(day);
  const settings = overdueListSettings(config.overdueList);
  const [campaigns, hazards] = await Promise.all([
    escalatingCampaigns(db, now, zone),
    redHazards(db, now, zone, hazardSettings(config.hazards)),
  ]);
  // Nothing to list and no list of today's to bring up to date: the usual tick, answered by the key alone.
  if (campaigns.length === 0 && hazards.length === 0 && !(await db.dispatch.findUnique({ where: { key }, select: { key: true } })))
    return result;
  const office = await officeChannelId(db, config);
  if (!office) {
    logger.warn({ key }, "no safety-office channel configured; overdue list not posted");
    return result;
  }

  const render = async () => {
    const boards = await loadRunningBoards(db, now, zone, campaigns);
    const list = selectOverdueList({ campaigns: boards.map((b) => ({ campaign: b.campaign, items: b.overdue })), hazards }, settings);
    const input = { day, list, settings, now, zone, lang };
    return {
      message: buildOfficeOverdueList({ ...input, asOf: now }),
      stable: buildOfficeOverdueList(input),
      worthPosting: list.count >= settings.minItems,
    };
  };
  try {
    const outcome = await keepPosted(db, delivery, {
      key,
      kind: OFFICE_DISPATCH_KINDS.overdueList,
      channel: office,
      sourceMark: await sourceMark(db, campaigns, hazards, settings, lang),
      render,
    });
    if (outcome === "posted" || outcome === "updated") {
      result.sent++;
      logger.info({ key, channel: office, outcome }, "office overdue list " + outcome);
    }
  } catch (e) {
    result.failed++;
    logger.error({ err: e, key, channel: office }, "office overdue list failed; the next tick tries again");
  }
  return result;
}
