import type { Db } from "../db/client.ts";
import { taskKindToDb } from "../domain/campaigns/types.ts";
import type { Department, Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { formatInstant } from "../domain/campaigns/format-local.ts";
import { resolveCampaign, type ResolvedCampaign } from "./definition/resolve-campaign.ts";
import type { TCampaignFile } from "./definition/campaign-file-schema.ts";
import { joinFoldedCjk } from "../domain/campaigns/fold-cjk.ts";

export interface LaunchRequest {
  file: TCampaignFile;
  /** Named in errors: the file's name, or the ready-made campaign's. */
  fileName: string;
  /** Slack user id of the office member, or `cli:<user>`. */
  launchedBy: string;
  now: Date;
  zone: string;
}

export interface PledgeUpdate {
  taskKey: string;
  from: number;
  to: number;
}

export interface LaunchRecord {
  campaignId: string;
  /** False when the campaign was already launched: launching again only posts where the launch post is missing. */
  created: boolean;
  /** Pledge texts replaced by a newer version on a launch again (their earlier signatures no longer count). */
  pledgeUpdates: PledgeUpdate[];
}

/** Departments in directory order: departments, counties and districts, universities (the enum's order), then id. */
export function loadDepartments(db: Db): Promise<Department[]> {
  return db.department.findMany({ orderBy: [{ kind: "asc" }, { id: "asc" }] });
}

/**
 * The campaign a file would launch at `now`, checked against the directory: every target must have a Slack channel,
 * or the launch would silently miss a department. Throws an AppError naming the file's problems or those departments.
 */
export async function planLaunch(
  db: Db,
  request: Pick<LaunchRequest, "file" | "fileName" | "now" | "zone">,
): Promise<ResolvedCampaign<Department>> {
  const resolved = resolveCampaign(request.file, {
    launchAt: request.now,
    zone: request.zone,
    departments: await loadDepartments(db),
    fileName: request.fileName,
  });
  const missing = resolved.targets.filter((d) => !d.slackChannelId);
  if (missing.length > 0) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      {
        zh: `以下单位未登记 Slack 频道，行动未发起：${missing.map((d) => d.nameZh).join("、")}。请在名录中为其登记 slackChannelId（npx redline import），或在行动文件的 targets.except 中排除。`,
        en: `These departments have no Slack channel registered, so nothing was launched: ${missing.map((d) => d.nameEn).join(", ")}. Register their slackChannelId in the directory (npx redline import), or leave them out with targets.except in the campaign file.`,
      },
      { details: { missing: missing.map((d) => d.id) } },
    );
  }
  return resolved;
}

/**
 * Saves a new campaign — its tasks with their windows resolved at launch, one target per department with its
 * channel — or, when the id was launched before, keeps it as launched and only takes a newer pledge text. Nothing
 * is posted here: `postLaunchMessages` does that, and can be run again until every department has its post.
 */
export async function launchCampaign(db: Db, request: LaunchRequest): Promise<LaunchRecord> {
  const existing = await db.campaign.findUnique({ where: { id: request.file.id }, include: { tasks: true } });
  if (existing) return relaunch(db, existing, request);
  const resolved = await planLaunch(db, request);
  try {
    await db.campaign.create({
      data: {
        id: resolved.id,
        titleZh: resolved.title.zh,
        titleEn: resolved.title.en,
        summaryZh: resolved.summary.zh,
        summaryEn: resolved.summary.en,
        sourceClause: resolved.sourceClause,
        status: "launching",
        definition: request.file as unknown as Prisma.InputJsonValue,
        launchedBy: request.launchedBy,
        launchedAt: request.now,
        targets: { create: resolved.targets.map((d) => ({ departmentId: d.id, channelId: d.slackChannelId! })) },
        tasks: {
          create: resolved.tasks.map((t) => ({
            id: `${resolved.id}:${t.key}`,
            key: t.key,
            kind: taskKindToDb(t.kind),
            titleZh: t.title.zh,
            titleEn: t.title.en,
            opensAt: t.opensAt,
            dueAt: t.dueAt,
            pledgeTextZh: t.pledge?.text.zh ?? null,
            pledgeTextEn: t.pledge?.text.en ?? null,
            pledgeVersion: t.pledge?.version ?? null,
          })),
        },
      },
    });
  } catch (e) {
    // Launched at the same moment by someone else (a double submit, the CLI and Slack): theirs stands.
    if (!isUniqueViolation(e)) throw e;
    const raced = await db.campaign.findUniqueOrThrow({ where: { id: request.file.id }, include: { tasks: true } });
    return relaunch(db, raced, request);
  }
  return { campaignId: resolved.id, created: true, pledgeUpdates: [] };
}

type StoredCampaign = Prisma.CampaignGetPayload<{ include: { tasks: true } }>;

async function relaunch(db: Db, campaign: StoredCampaign, request: LaunchRequest): Promise<LaunchRecord> {
  if (campaign.status === "closed") {
    const when = campaign.closedAt ? formatInstant(campaign.closedAt, request.zone, "zh", request.now) : "";
    const whenEn = campaign.closedAt ? formatInstant(campaign.closedAt, request.zone, "en", request.now) : "";
    throw new AppError(ErrorCode.Conflict, {
      zh: `行动 ${campaign.id} 已${when ? `于${when}` : ""}结束，不能再次发起。如需重新开展，请在行动文件中换一个 id。`,
      en: `Campaign ${campaign.id} was closed${whenEn ? ` on ${whenEn}` : ""} and cannot be launched again. To run it again, give the file a new id.`,
    });
  }
  const problems: string[] = [];
  const updates: { taskId: string; update: PledgeUpdate; text: { zh: string; en: string } }[] = [];
  request.file.tasks.forEach((task, i) => {
    const stored = campaign.tasks.find((t) => t.key === task.key);
    if (!task.pledge || !stored || stored.kind !== "pledge" || stored.pledgeVersion === null) return;
    const where = `${request.fileName}: tasks[${i}].pledge.version`;
    // Stored texts from before the folding fix still hold the stray spaces; that is not a change of wording.
    const sameText = task.pledge.text.zh === joinFoldedCjk(stored.pledgeTextZh ?? "") && task.pledge.text.en === stored.pledgeTextEn;
    if (task.pledge.version < stored.pledgeVersion) {
      problems.push(
        `${where}: 第 ${task.pledge.version} 版早于已发起的第 ${stored.pledgeVersion} 版 / version ${task.pledge.version} is older than the launched version ${stored.pledgeVersion}`,
      );
    } else if (task.pledge.version === stored.pledgeVersion && !sameText) {
      problems.push(
        `${where}: 承诺书文字已修改，但版本号仍为 ${stored.pledgeVersion}；修改文字须提高版本号（已签署的承诺随之失效）/ the pledge text changed but the version is still ${stored.pledgeVersion}; a changed text needs a higher version (earlier signatures then no longer count)`,
      );
    } else if (task.pledge.version > stored.pledgeVersion) {
      updates.push({
        taskId: stored.id,
        update: { taskKey: task.key, from: stored.pledgeVersion, to: task.pledge.version },
        text: task.pledge.text,
      });
    }
  });
  if (problems.length > 0) {
    const lines = problems.join("\n");
    throw new AppError(
      ErrorCode.FileInvalid,
      { zh: `行动文件有误，未作任何更改：\n${lines}`, en: `The campaign file has errors; nothing was changed:\n${lines}` },
      { details: { problems } },
    );
  }
  const applied: PledgeUpdate[] = [];
  for (const u of updates) {
    // Conditional on the version we read, so two launches with the same new text apply it once.
    const res = await db.task.updateMany({
      where: { id: u.taskId, pledgeVersion: u.update.from },
      data: { pledgeTextZh: u.text.zh, pledgeTextEn: u.text.en, pledgeVersion: u.update.to },
    });
    if (res.count === 1) applied.push(u.update);
  }
  return { campaignId: campaign.id, created: false, pledgeUpdates: applied };
}
