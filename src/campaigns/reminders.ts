import type { Db } from "../db/client.ts";
import { buildEducationSummary } from "../domain/campaigns/build-education-summary.ts";
import { dueNow } from "../domain/reminders/due-now.ts";
import { officeChannelId } from "../directory/office.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { buildEducationSummaryMessage } from "../messages/campaigns/education-summary-message.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { BUNDLE_ITEM_BUDGET, buildReminderBundleMessage, type BundleItemInput } from "../messages/campaigns/reminder-bundle-message.ts";
import { mergeSameTask, planBundles, type BundleItem } from "../domain/reminders/bundle.ts";
import type { CampaignDepartment, CampaignInfo } from "../domain/campaigns/types.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { Lang } from "../lib/i18n.ts";
import { bundlesCovering, recordBundles } from "./reminder-bundles.ts";
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
 * so after downtime a department gets one reminder, not one per missed slot). What is due for departments goes out as
 * one morning bundle per department (`sendBundles`), written to the database with the items it covers before it is
 * posted, so overlapping ticks and replicas post each item once:
 * - reminders and education-window nudges to target departments that have not completed the task (a pledge signed on
 *   an older text counts as not signed) and have their launch post;
 * - escalation once per department, mentioning its principal head, when overdue by N working days (the office's
 *   overdue list is its own sweep: src/office/overdue-list.ts);
 * - when an education window closes, its summary to the office channel (a post of its own).
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
  const items: BundleItem<DuePayload>[] = [];

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
        const item = { departmentId: department.id, channelId: target.channelId, campaignId, taskKey: task.key };
        if (due.reminder && due.reminder.kind !== "escalate" && due.reminder.kind !== "summary") {
          const key = campaignKeys.reminder(campaignId, task.key, department.id, due.reminder.key);
          const payload: BundleItemInput = { kind: "reminder", task, slot: { kind: due.reminder.kind }, completion };
          if (!taken.has(key))
            items.push({ ...item, key, kind: "reminder", payload: { campaign: board.campaign, department, item: payload } });
        }
        if (due.escalation) {
          const key = campaignKeys.escalation(campaignId, task.key, department.id);
          const payload: BundleItemInput = { kind: "escalation", task, completion };
          if (!taken.has(key))
            items.push({ ...item, key, kind: "escalation", payload: { campaign: board.campaign, department, item: payload } });
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
  await sendBundles(deps, items, now, sends, result);
  await sends.drain();
  return result;
}

/** What rendering one item of a bundle needs: its campaign, the department (with its head) and the item's sentence input. */
interface DuePayload {
  campaign: CampaignInfo;
  department: CampaignDepartment;
  item: BundleItemInput;
}

/** A bundle's message from its items still due now: merged per task, each campaign's under its title. */
function renderBundle(
  items: readonly BundleItem<DuePayload>[],
  part: { index: number; count: number },
  now: Date,
  zone: string,
  lang: Lang,
): SlackMessage {
  const entries = mergeSameTask(items);
  const campaigns = [...new Set(entries.map((e) => e.campaignId))].map((id) => {
    const mine = entries.filter((e) => e.campaignId === id);
    return { campaign: mine[0]!.payload.campaign, items: mine.map((e) => e.payload.item) };
  });
  return buildReminderBundleMessage({ department: entries[0]!.payload.department, campaigns, part, now, zone, lang });
}

/**
 * The department side of a tick: every reminder and escalation due (`items`, one per per-item key not sent the old,
 * unbundled way) goes out in the department's morning bundle. First the bundles already on record that cover any of
 * them and are not sent (a crash after writing, a failed or killed post) are sent again through their own keys; then
 * the items no bundle covers are planned into new bundles, written with what they cover, and posted. Each bundle is
 * one `postOnce` under its own key, so a post of unknown outcome is reconciled with Slack, never repeated blind.
 */
async function sendBundles(
  deps: SweepDeps,
  items: readonly BundleItem<DuePayload>[],
  now: Date,
  sends: SendQueue,
  result: SweepResult,
): Promise<void> {
  if (items.length === 0) return;
  const { db, delivery, config, logger } = deps;
  const byKey = new Map(items.map((i) => [i.key, i]));
  const onRecord = await bundlesCovering(db, [...byKey.keys()]);
  const covered = new Set([...onRecord.values()].flatMap((b) => b.itemKeys));
  const fresh = items.filter((i) => !covered.has(i.key));
  const written = await recordBundles(db, localDay(now, config.zone), planBundles(fresh, BUNDLE_ITEM_BUDGET), logger);

  const toSend = [
    ...[...onRecord.values()].filter((b) => b.state === "attempt").map((b) => ({ ...b.bundle, itemKeys: b.itemKeys })),
    ...written,
  ];
  for (const bundle of toSend) {
    // Only what is still due now: an item done since the bundle was written, or superseded by a later slot, is left out.
    const live = bundle.itemKeys.flatMap((k) => byKey.get(k) ?? []);
    if (live.length === 0) continue;
    const ids = { department: bundle.departmentId, key: bundle.key, channel: bundle.channelId, items: live.length };
    await sends.add(bundle.channelId, async () => {
      try {
        const posted = await delivery.postOnce({
          key: bundle.key,
          kind: CAMPAIGN_DISPATCH_KINDS.reminderBundle,
          channel: bundle.channelId,
          message: () => renderBundle(live, { index: bundle.part, count: bundle.parts }, now, config.zone, config.lang),
        });
        if (posted) {
          result.sent++;
          logger.info(ids, "reminder bundle posted");
        }
      } catch (e) {
        result.failed++;
        logger.error({ ...ids, err: e }, "reminder bundle failed; will retry next tick");
      }
    });
  }
}
