import type { Db } from "../db/client.ts";
import { taskKindFromDb } from "../domain/campaigns/types.ts";
import { dueNow, type DueNow } from "../domain/reminders/due-now.ts";
import { campaignKeys } from "./keys.ts";
import { RUNNING_STATUSES } from "./load-boards.ts";
import { reminderSettingsOf, scheduleOf } from "./settings.ts";

/** A task of a running campaign with something due at this tick, as the schedule says (no board read yet). */
export interface DueTask {
  id: string;
  key: string;
  kind: string;
  pledgeVersion: number | null;
  due: DueNow;
}

/**
 * Every running campaign with the tasks that have a reminder, an escalation or a summary slot due at `now`, read from
 * the campaigns and their tasks only (no targets, completions or departments).
 */
export async function runningDueTasks(db: Db, now: Date, zone: string): Promise<{ id: string; tasks: DueTask[] }[]> {
  const campaigns = await db.campaign.findMany({
    where: { status: { in: RUNNING_STATUSES } },
    select: {
      id: true,
      definition: true,
      tasks: { select: { id: true, key: true, kind: true, pledgeVersion: true, opensAt: true, dueAt: true } },
    },
  });
  return campaigns.map((c) => {
    const settings = reminderSettingsOf(c.definition);
    const tasks: DueTask[] = c.tasks
      .map((t) => ({
        ...t,
        due: dueNow({ opensAt: t.opensAt, dueAt: t.dueAt, schedule: scheduleOf(taskKindFromDb(t.kind)) }, settings, zone, now),
      }))
      .filter(({ due }) => due.reminder !== null || due.escalation !== null || due.summary !== null);
    return { id: c.id, tasks };
  });
}

const HOLE = "\u0000";

/** A per-department dispatch key split around the department id, so SQL builds the same key the sweep claims. */
function keyAround(key: (departmentId: string) => string): [string, string] {
  const [before, after] = key(HOLE).split(HOLE) as [string, string];
  return [before, after];
}

/**
 * Departments that still count for `task`: their launch post is out, and they have no completion of the task (for a
 * pledge with a text version, none of that version). With `key` (an item's own key), only those for whom it is not
 * sent: neither in a sent morning bundle (through the bundle item's primary key) nor posted alone before bundles.
 */
async function anyOpen(db: Db, campaignId: string, task: DueTask, key?: (departmentId: string) => string): Promise<boolean> {
  const pledgeVersion = task.kind === "pledge" && task.pledgeVersion ? task.pledgeVersion : null;
  const [before, after] = key ? keyAround(key) : [null, null];
  const [row] = await db.$queryRaw<{ open: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "CampaignTarget" ct
      WHERE ct."campaignId" = ${campaignId} AND ct."messageTs" IS NOT NULL
        AND NOT EXISTS (
          SELECT 1 FROM "Completion" c
          WHERE c."taskId" = ${task.id} AND c."departmentId" = ct."departmentId"
            AND (${pledgeVersion}::int IS NULL OR c."pledgeVersion" = ${pledgeVersion}::int))
        AND (${before}::text IS NULL OR NOT EXISTS (
          SELECT 1 FROM "Dispatch" d WHERE d.key = ${before}::text || ct."departmentId" || ${after}::text AND d.status = 'sent'))
        AND (${before}::text IS NULL OR NOT EXISTS (
          SELECT 1 FROM "ReminderBundleItem" bi JOIN "Dispatch" d ON d.key = bi."bundleKey"
          WHERE bi."itemKey" = ${before}::text || ct."departmentId" || ${after}::text AND d.status = 'sent'))
    ) AS open`;
  return row?.open === true;
}

async function sent(db: Db, key: string): Promise<boolean> {
  return (await db.dispatch.count({ where: { key, status: "sent" } })) > 0;
}

/** Whether any due task has something unsent for some department (or its summary), probed per (task, department). */
async function probeWorkLeft(db: Db, campaignId: string, tasks: readonly DueTask[]): Promise<boolean> {
  for (const task of tasks) {
    const { reminder, escalation, summary } = task.due;
    if (reminder && reminder.kind !== "escalate" && reminder.kind !== "summary") {
      if (await anyOpen(db, campaignId, task, (d) => campaignKeys.reminder(campaignId, task.key, d, reminder.key))) return true;
    }
    if (escalation) {
      if (await anyOpen(db, campaignId, task, (d) => campaignKeys.escalation(campaignId, task.key, d))) return true;
    }
    if (summary && !(await sent(db, campaignKeys.summary(campaignId, task.key)))) return true;
  }
  return false;
}

/** What a "nothing left" mark is for: each due task (its kind and pledge version) with the slots the probe checked. */
export function dueSignature(tasks: readonly DueTask[]): string {
  return JSON.stringify(
    tasks.map((t) => [
      t.id,
      t.kind,
      t.pledgeVersion,
      t.due.reminder?.kind ?? null,
      t.due.reminder?.key ?? null,
      t.due.escalation?.key ?? null,
      t.due.summary?.key ?? null,
    ]),
  );
}

/**
 * Whether the sweep could have anything to send for this campaign at `now`, answered in SQL through the primary keys
 * of targets, completions, bundle items and dispatches — so a tick after the morning bundles went out loads no board. It
 * errs only towards "yes" (a failed or claimed send, a department the board would skip): the board then decides.
 *
 * A "no" is remembered in the database (`CampaignWork`): the due slots it was for, and the campaign's work version read
 * before probing. Every write that could make a "no" wrong raises that version in a trigger, in the writer's own
 * transaction (see the campaign_work migration), so while the slots and the version are unchanged the next tick
 * answers "no" from one primary-key read instead of probing each (task, department) again: the tick costs the same at
 * 1k and 100k open assignments. A write committed while the probe runs has raised the version past the one read, so the
 * mark it leaves is already stale; the mark is written only if the version has not moved.
 */
export async function hasWorkLeft(db: Db, campaignId: string, tasks: readonly DueTask[]): Promise<boolean> {
  const signature = dueSignature(tasks);
  const work = await db.campaignWork.findUnique({ where: { campaignId }, select: { version: true, settledFor: true, settledAt: true } });
  const version = work?.version ?? 0n;
  if (work && work.settledFor === signature && work.settledAt === version) return false;
  if (await probeWorkLeft(db, campaignId, tasks)) return true;
  await db.$executeRaw`
    INSERT INTO "CampaignWork" ("campaignId", "version", "settledFor", "settledAt") VALUES (${campaignId}, 0, ${signature}, 0)
    ON CONFLICT ("campaignId") DO UPDATE SET "settledFor" = EXCLUDED."settledFor", "settledAt" = "CampaignWork"."version"
    WHERE "CampaignWork"."version" = ${version}`;
  return false;
}

/**
 * Whether some department is past the escalation point of one of `tasks` and still has not done it: while that holds,
 * the office's overdue list has the campaign on it (src/office/overdue-list.ts).
 */
export async function escalationOpen(db: Db, campaignId: string, tasks: readonly DueTask[]): Promise<boolean> {
  for (const task of tasks) if (task.due.escalation && (await anyOpen(db, campaignId, task))) return true;
  return false;
}
