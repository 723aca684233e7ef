import type { Db } from "../db/client.ts";
import { taskKindToDb } from "../domain/campaigns/types.ts";
import type { Department, Prisma } from "../generated/prisma/client.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { DateTime } from "luxon";
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
  /** Days the office gives at launch, by task (`<task>` due, `<task>.opens`); see `resolveCampaign`. */
  dates?: Readonly<Record<string, string>>;
}

export interface PledgeUpdate {
  taskKey: string;
  from: number;
  to: number;
}

export interface LaunchRecord {
  /** The run: `<template>-<year>`, `-2`, `-3` … for further runs that year. */
  campaignId: string;
  templateId: string;
  /** False when a run of the template was still open: launching again only posts where the launch post is missing. */
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
  request: Pick<LaunchRequest, "file" | "fileName" | "now" | "zone" | "dates">,
): Promise<ResolvedCampaign<Department>> {
  const resolved = resolveCampaign(request.file, {
    launchAt: request.now,
    zone: request.zone,
    departments: await loadDepartments(db),
    fileName: request.fileName,
    dates: request.dates,
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

/** The template's run still open (launching or launched), if any: at most one runs at a time. */
export function openRun(db: Db, templateId: string): Promise<StoredCampaign | null> {
  return db.campaign.findFirst({
    where: { templateId, status: { not: "closed" } },
    include: { tasks: true },
    orderBy: { launchedAt: "desc" },
  });
}

/** `<template>-<year>` (the launch year on the office's calendar), or `-2`, `-3` … when that id is taken. */
export async function nextRunId(db: Db, templateId: string, now: Date, zone: string): Promise<string> {
  const base = `${templateId}-${DateTime.fromJSDate(now, { zone }).year}`;
  const taken = new Set(
    (await db.campaign.findMany({ where: { id: { startsWith: base } }, select: { id: true } })).map((c) => c.id),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Launches a run of the template: a new campaign — its tasks with their windows resolved at launch, one target per
 * department with its channel — under a run id of its own; or, while a run of the template is still open, keeps that
 * one and only takes a newer pledge text. A closed run never blocks a new one. Nothing is posted here:
 * `postLaunchMessages` does that, and can be run again until every department has its post.
 */
export async function launchCampaign(db: Db, request: LaunchRequest): Promise<LaunchRecord> {
  const templateId = request.file.id;
  for (let attempt = 0; ; attempt++) {
    const running = await openRun(db, templateId);
    if (running) return relaunch(db, running, request);
    const resolved = await planLaunch(db, request);
    const id = await nextRunId(db, templateId, request.now, request.zone);
    try {
      await db.campaign.create({
        data: {
          id,
          templateId,
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
              id: `${id}:${t.key}`,
              key: t.key,
              kind: taskKindToDb(t.kind),
              titleZh: t.title.zh,
              titleEn: t.title.en,
              shortZh: t.short?.zh ?? null,
              shortEn: t.short?.en ?? null,
              opensAt: t.opensAt,
              dueAt: t.dueAt,
              pledgeTextZh: t.pledge?.text.zh ?? null,
              pledgeTextEn: t.pledge?.text.en ?? null,
              pledgeVersion: t.pledge?.version ?? null,
            })),
          },
        },
      });
      return { campaignId: id, templateId, created: true, pledgeUpdates: [] };
    } catch (e) {
      // The same run id launched at the same moment by someone else (a double submit, the CLI and Slack): theirs
      // stands, and the next pass finds it open. A few passes cover a run closed in between.
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

type StoredCampaign = Prisma.CampaignGetPayload<{ include: { tasks: true } }>;

async function relaunch(db: Db, campaign: StoredCampaign, request: LaunchRequest): Promise<LaunchRecord> {
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
  return { campaignId: campaign.id, templateId: campaign.templateId, created: false, pledgeUpdates: applied };
}
