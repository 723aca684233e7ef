import type { Db } from "../db/client.ts";
import { buildEducationSummary } from "../domain/campaigns/build-education-summary.ts";
import { dueNow } from "../domain/reminders/due-now.ts";
import { officeChannelId } from "../directory/office.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { buildEducationSummaryMessage } from "../messages/campaigns/education-summary-message.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { buildEscalationMessage, buildReminderMessage } from "../messages/campaigns/reminder-message.ts";
import { CAMPAIGN_DISPATCH_KINDS, campaignKeys } from "./keys.ts";
import { loadRunningBoards } from "./load-boards.ts";
import { mayAttempt } from "../delivery/retry-policy.ts";
import { SendQueue } from "../delivery/fan-out.ts";
import { reminderSettingsOf, scheduleOf } from "./settings.ts";
import { hasWorkLeft, runningDueTasks } from "./work-left.ts";

/** Keys of this campaign not to send now: sent, being sent (a live claim), or failed and not due for another try yet. */
async function takenKeys(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db.dispatch.findMany({
    where: { key: { startsWith: campaignKeys.prefix(campaignId) } },
    select: { key: true, status: true, attempts: true, claimedAt: true, leaseUntil: true },
  });
  const wallNow = new Date();
  return new Set(rows.filter((r) => r.status === "sent" || !mayAttempt(r, wallNow)).map((r) => r.key));
}

/**
 * Running campaigns with a task that has a reminder, an escalation or a summary slot due at `now` that is not sent yet
 * to everyone it is for: read from the campaigns and their tasks, then checked in SQL (`hasWorkLeft`), so a tick loads
 * no board (targets, completions, departments) for a campaign with nothing due or with everything due already sent.
 */
export async function campaignsWithSomethingDue(db: Db, now: Date, zone: string): Promise<string[]> {
  const ids: string[] = [];
  for (const c of await runningDueTasks(db, now, zone)) {
    if (c.tasks.length > 0 && (await hasWorkLeft(db, c.id, c.tasks))) ids.push(c.id);
  }
  return ids;
}

/**
 * One pass over every running campaign at `now`. Per task, the pure schedule says which slot is due (the latest one,
 * so after downtime a department gets one reminder, not one per missed slot); each (task, department, slot) is then
 * claimed in the database before it is posted, so overlapping ticks and replicas post it once:
 * - reminders and education-window nudges to target departments that have not completed the task (a pledge signed on
 *   an older text counts as not signed) and have their launch post;
 * - escalation once per department, mentioning its principal head, when overdue by N working days (the office's
 *   overdue list is its own sweep: src/office/overdue-list.ts);
 * - when an education window closes, its summary to the office channel.
 */
export async function sendCampaignReminders(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const { db, delivery, config, logger } = deps;
  const zone = config.zone;
  const lang = config.lang;
  const result: SweepResult = { sent: 0, failed: 0 };
  const due = await campaignsWithSomethingDue(db, now, zone);
  if (due.length === 0) return result;
  const boards = await loadRunningBoards(db, now, zone, due);
  const office = await officeChannelId(db, config);
  const sends = new SendQueue();

  const send = async (key: string, kind: string, channel: string, build: () => SlackMessage, ids: Record<string, unknown>): Promise<void> =>
    // Queued, not awaited: sends run concurrently under the process's rate limiter, each channel's in order.
    sends.add(channel, async () => {
      try {
        const posted = await delivery.postOnce({ key, kind, channel, message: build });
        if (posted) {
          result.sent++;
          logger.info({ ...ids, key, channel }, "campaign message posted");
        }
      } catch (e) {
        result.failed++;
        logger.error({ ...ids, err: e, key, channel }, "campaign message failed; will retry next tick");
      }
    });

  for (const board of boards) {
    const campaignId = board.campaign.id;
    const settings = reminderSettingsOf(board.definition);
    const taken = await takenKeys(db, campaignId);
    const launchPosts = new Map(board.targets.map((t) => [t.departmentId, t]));

    for (const [i, { task }] of board.tasks.entries()) {
      const due = dueNow({ opensAt: task.opensAt, dueAt: task.dueAt, schedule: scheduleOf(task.kind) }, settings, zone, now);
      for (const row of board.rows) {
        const cell = row.cells[i]!;
        const target = launchPosts.get(row.department.id);
        // Nobody is reminded of a task before its launch message reached them, nor after completing it.
        if (cell.state === "done" || !target?.messageTs) continue;
        const department = row.department;
        const completion = cell.stalePledge?.completion;
        const ids = { campaign: campaignId, task: task.key, department: department.id };
        if (due.reminder && due.reminder.kind !== "escalate" && due.reminder.kind !== "summary") {
          const slot = { kind: due.reminder.kind };
          const key = campaignKeys.reminder(campaignId, task.key, department.id, due.reminder.key);
          if (!taken.has(key)) {
            await send(
              key,
              CAMPAIGN_DISPATCH_KINDS.reminder,
              target.channelId,
              () => buildReminderMessage({ campaign: board.campaign, task, department, slot, completion, now, zone, lang }),
              {
                ...ids,
                slot: due.reminder.key,
              },
            );
          }
        }
        if (due.escalation) {
          const key = campaignKeys.escalation(campaignId, task.key, department.id);
          if (!taken.has(key)) {
            await send(
              key,
              CAMPAIGN_DISPATCH_KINDS.escalation,
              target.channelId,
              () => buildEscalationMessage({ campaign: board.campaign, task, department, completion, now, zone, lang }),
              ids,
            );
          }
        }
      }

      if (due.summary) {
        const key = campaignKeys.summary(campaignId, task.key);
        if (!taken.has(key)) {
          if (!office)
            logger.warn({ campaign: campaignId, task: task.key }, "no safety-office channel configured; education summary waits");
          else {
            const completions = board.rows.flatMap((r) => r.cells[i]!.completion ?? []);
            const summary = buildEducationSummary(
              task,
              board.rows.map((r) => r.department),
              completions,
            );
            await send(
              key,
              CAMPAIGN_DISPATCH_KINDS.summary,
              office,
              () => buildEducationSummaryMessage({ campaign: board.campaign, summary, now, zone, lang }),
              { campaign: campaignId, task: task.key },
            );
          }
        }
      }
    }
  }
  await sends.drain();
  return result;
}
