import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { DueNow } from "../domain/reminders/due-now.ts";
import { campaignKeys } from "./keys.ts";

/** A task of a running campaign with something due at this tick, as the schedule says (no board read yet). */
export interface DueTask {
  id: string;
  key: string;
  kind: string;
  pledgeVersion: number | null;
  due: DueNow;
}

const HOLE = "\u0000";

/** A per-department dispatch key split around the department id, so SQL builds the same key the sweep claims. */
function keyAround(key: (departmentId: string) => string): [string, string] {
  const [before, after] = key(HOLE).split(HOLE) as [string, string];
  return [before, after];
}

/**
 * Departments that still count for `task`: their launch post is out, and they have no completion of the task (for a
 * pledge with a text version, none of that version). With `key`, only those whose dispatch row for it is not sent.
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
    ) AS open`;
  return row?.open === true;
}

async function sent(db: Db, key: string): Promise<boolean> {
  return (await db.dispatch.count({ where: { key, status: "sent" } })) > 0;
}

/**
 * Whether the sweep could have anything to send for this campaign at `now`, answered in SQL through the primary keys
 * of targets, completions and dispatches — so a tick after the morning's reminders went out loads no board. It errs
 * only towards "yes" (a failed or claimed send, a department the board would skip): the board then decides.
 */
export async function hasWorkLeft(db: Db, campaignId: string, tasks: readonly DueTask[], now: Date, zone: string): Promise<boolean> {
  let escalating = false;
  for (const task of tasks) {
    const { reminder, escalation, summary } = task.due;
    if (reminder && reminder.kind !== "escalate" && reminder.kind !== "summary") {
      if (await anyOpen(db, campaignId, task, (d) => campaignKeys.reminder(campaignId, task.key, d, reminder.key))) return true;
    }
    if (escalation) {
      if (await anyOpen(db, campaignId, task, (d) => campaignKeys.escalation(campaignId, task.key, d))) return true;
      escalating ||= await anyOpen(db, campaignId, task);
    }
    if (summary && !(await sent(db, campaignKeys.summary(campaignId, task.key)))) return true;
  }
  return escalating && !(await sent(db, campaignKeys.overdueList(campaignId, localDay(now, zone))));
}
