import type { Db } from "../db/client.ts";
import { buildStatusBoard, type StatusBoard } from "../domain/campaigns/build-status-board.ts";
import { taskKindFromDb, type CampaignDepartment, type CampaignInfo, type CampaignTask, type CompletionRecord } from "../domain/campaigns/types.ts";
import type { Campaign, Completion, Department, Task } from "../generated/prisma/client.ts";

/** Database rows → the shapes the pure campaign rules take. */
export function toCampaignInfo(c: Campaign): CampaignInfo {
  return { id: c.id, title: { zh: c.titleZh, en: c.titleEn }, summary: { zh: c.summaryZh, en: c.summaryEn }, sourceClause: c.sourceClause };
}

export function toCampaignTask(t: Task): CampaignTask {
  return {
    key: t.key,
    kind: taskKindFromDb(t.kind),
    title: { zh: t.titleZh, en: t.titleEn },
    opensAt: t.opensAt,
    dueAt: t.dueAt,
    pledge: t.kind === "pledge" && t.pledgeVersion ? { text: { zh: t.pledgeTextZh ?? "", en: t.pledgeTextEn ?? "" }, version: t.pledgeVersion } : null,
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
  };
}

export type LoadedBoard = StatusBoard<Department & CampaignDepartment> & { channelIds: Map<string, string> };

/** The status board of one campaign at `now` (null when there is no such campaign). */
export async function loadStatusBoard(db: Db, campaignId: string, now: Date, zone: string): Promise<LoadedBoard | null> {
  const [board] = await loadBoards(db, { id: campaignId }, now, zone);
  return board ?? null;
}

/** Boards of every launched, not closed campaign, newest first. */
export function loadRunningBoards(db: Db, now: Date, zone: string): Promise<LoadedBoard[]> {
  return loadBoards(db, { status: { in: ["launching", "launched"] } }, now, zone);
}

async function loadBoards(db: Db, where: { id?: string; status?: { in: ("launching" | "launched")[] } }, now: Date, zone: string): Promise<LoadedBoard[]> {
  const campaigns = await db.campaign.findMany({
    where,
    orderBy: { launchedAt: "desc" },
    include: {
      tasks: { orderBy: [{ opensAt: "asc" }, { key: "asc" }], include: { completions: { include: { task: { select: { key: true } } } } } },
      targets: true,
    },
  });
  const departmentIds = [...new Set(campaigns.flatMap((c) => c.targets.map((t) => t.departmentId)))];
  const departments = new Map((await db.department.findMany({ where: { id: { in: departmentIds } } })).map((d) => [d.id, d]));
  return campaigns.map((c) => {
    const targets = c.targets.flatMap((t) => departments.get(t.departmentId) ?? []);
    const board = buildStatusBoard(
      toCampaignInfo(c),
      c.tasks.map(toCampaignTask),
      targets,
      c.tasks.flatMap((t) => t.completions.map(toCompletionRecord)),
      now,
      zone,
    );
    return { ...board, channelIds: new Map(c.targets.map((t) => [t.departmentId, t.channelId])) };
  });
}
