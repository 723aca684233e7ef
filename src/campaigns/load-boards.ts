import type { Db } from "../db/client.ts";
import { buildStatusBoard, type StatusBoard } from "../domain/campaigns/build-status-board.ts";
import {
  taskKindFromDb,
  type CampaignDepartment,
  type CampaignInfo,
  type CampaignTask,
  type CompletionRecord,
} from "../domain/campaigns/types.ts";
import type { LoadedBoard } from "../domain/campaigns/loaded-board.ts";
import { joinFoldedCjk } from "../domain/campaigns/fold-cjk.ts";
import type { Campaign, Completion, Task } from "../generated/prisma/client.ts";

export type { LoadedBoard };

/**
 * Database rows → the shapes the pure campaign rules take. Chinese texts stored before folding was fixed at the file
 * edge are joined here too, so campaigns launched earlier read without stray spaces.
 */
export function toCampaignInfo(c: Campaign): CampaignInfo {
  return {
    id: c.id,
    title: { zh: c.titleZh, en: c.titleEn },
    summary: { zh: joinFoldedCjk(c.summaryZh), en: c.summaryEn },
    sourceClause: c.sourceClause,
  };
}

export function toCampaignTask(t: Task): CampaignTask {
  return {
    key: t.key,
    kind: taskKindFromDb(t.kind),
    title: { zh: t.titleZh, en: t.titleEn },
    short: t.shortZh && t.shortEn ? { zh: t.shortZh, en: t.shortEn } : null,
    opensAt: t.opensAt,
    dueAt: t.dueAt,
    pledge:
      t.kind === "pledge" && t.pledgeVersion
        ? { text: { zh: joinFoldedCjk(t.pledgeTextZh ?? ""), en: t.pledgeTextEn ?? "" }, version: t.pledgeVersion }
        : null,
  };
}

export function toCompletionRecord(c: Completion & { task: Pick<Task, "key"> }): CompletionRecord {
  return {
    taskKey: c.task.key,
    departmentId: c.departmentId,
    slackUserId: c.slackUserId,
    userName: c.userName,
    userTitle: c.userTitle,
    completedAt: c.createdAt,
    pledgeVersion: c.pledgeVersion,
    data: c.data,
    correction: c.revision > 0 && c.correctedAt ? { revision: c.revision, at: c.correctedAt, byName: c.correctedName ?? c.userName } : null,
  };
}

/** The status board of one campaign at `now` (null when there is no such campaign). */
export async function loadStatusBoard(db: Db, campaignId: string, now: Date, zone: string): Promise<LoadedBoard | null> {
  const [board] = await loadBoards(db, { id: campaignId }, now, zone);
  return board ?? null;
}

export const RUNNING_STATUSES: ("launching" | "launched")[] = ["launching", "launched"];

/** Boards of every launched, not closed campaign (or of those among `ids`), newest first. */
export function loadRunningBoards(db: Db, now: Date, zone: string, ids?: readonly string[]): Promise<LoadedBoard[]> {
  return loadBoards(db, { status: { in: RUNNING_STATUSES }, ...(ids ? { id: { in: [...ids] } } : {}) }, now, zone);
}

async function loadBoards(
  db: Db,
  where: { id?: string | { in: string[] }; status?: { in: ("launching" | "launched")[] } },
  now: Date,
  zone: string,
): Promise<LoadedBoard[]> {
  const campaigns = await db.campaign.findMany({
    where,
    orderBy: { launchedAt: "desc" },
    include: {
      tasks: { orderBy: [{ opensAt: "asc" }, { key: "asc" }], include: { completions: { include: { task: { select: { key: true } } } } } },
      targets: true,
    },
  });
  const departmentIds = [...new Set(campaigns.flatMap((c) => c.targets.map((t) => t.departmentId)))];
  // Directory order (departments, then counties and districts, then universities), the same on every board and post.
  const ordered = await db.department.findMany({ where: { id: { in: departmentIds } }, orderBy: [{ kind: "asc" }, { id: "asc" }] });
  const rank = new Map(ordered.map((d, i) => [d.id, i]));
  const departments = new Map(ordered.map((d) => [d.id, d]));
  return campaigns.map((c) => {
    const targetRows = c.targets
      .filter((t) => departments.has(t.departmentId))
      .sort((a, b) => rank.get(a.departmentId)! - rank.get(b.departmentId)!);
    const targets = targetRows.map((t) => departments.get(t.departmentId)!);
    const board = buildStatusBoard(
      toCampaignInfo(c),
      inFileOrder(c.tasks, c.definition).map(toCampaignTask),
      targets,
      c.tasks.flatMap((t) => t.completions.map(toCompletionRecord)),
      now,
      zone,
    );
    return {
      ...board,
      channelIds: new Map(c.targets.map((t) => [t.departmentId, t.channelId])),
      status: c.status,
      definition: c.definition,
      targets: targetRows,
    };
  });
}

/**
 * Tasks in the order the campaign file lists them (the order the office wrote, and the launch message shows);
 * tasks the stored definition does not name keep the query's order (opens, then key) after them.
 */
export function inFileOrder<T extends Pick<Task, "key">>(tasks: readonly T[], definition: Campaign["definition"]): T[] {
  const listed =
    definition && typeof definition === "object" && !Array.isArray(definition) ? (definition as { tasks?: unknown }).tasks : undefined;
  const keys = Array.isArray(listed) ? listed.map((t) => (t && typeof t === "object" ? (t as { key?: unknown }).key : undefined)) : [];
  const position = (key: string) => {
    const i = keys.indexOf(key);
    return i === -1 ? keys.length : i;
  };
  return tasks
    .map((task, i) => ({ task, i }))
    .sort((a, b) => position(a.task.key) - position(b.task.key) || a.i - b.i)
    .map((x) => x.task);
}
