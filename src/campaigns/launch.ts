import path from "node:path";
import type { Db } from "../db/client.ts";
import { AppError, asAppError, ErrorCode } from "../lib/errors.ts";
import type { Lang } from "../lib/i18n.ts";
import type { MaybeSlackDeps } from "../delivery/sweep.ts";
import type { LaunchChoice } from "../messages/campaigns/launch-modal.ts";
import { buildLaunchReportMessage } from "../messages/campaigns/office-replies.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { readCampaignFile } from "./definition/load-campaign-file.ts";
import { READY_MADE_CAMPAIGNS, readyMadeCampaignFile, type ReadyMadeCampaign } from "./definition/ready-made.ts";
import type { TCampaignFile } from "./definition/campaign-file-schema.ts";
import { launchCampaign, planLaunch, type LaunchRecord } from "./launch-campaign.ts";
import { postLaunchMessages, refreshLaunchMessages, type LaunchPostReport } from "./launch-messages.ts";
import { loadStatusBoard, type LoadedBoard } from "./load-boards.ts";

export function isReadyMade(id: string): id is ReadyMadeCampaign {
  return (READY_MADE_CAMPAIGNS as readonly string[]).includes(id);
}

/** A campaign file to launch: a ready-made id (`summer-fire-safety`) or a path to a YAML file. */
export async function readLaunchSource(source: string): Promise<{ file: TCampaignFile; fileName: string }> {
  if (isReadyMade(source)) return { file: await readCampaignFile(readyMadeCampaignFile(source)), fileName: `${source}.yaml` };
  if (!/\.ya?ml$/i.test(source)) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `“${source}”既不是随附的行动（${READY_MADE_CAMPAIGNS.join("、")}），也不是 .yaml 文件。`,
      en: `“${source}” is neither a ready-made campaign (${READY_MADE_CAMPAIGNS.join(", ")}) nor a .yaml file.`,
    });
  }
  return { file: await readCampaignFile(source), fileName: path.basename(source) };
}

export interface LaunchOutcome {
  record: LaunchRecord;
  /** Null when there was no Slack to post to (the CLI without a token); the tick posts later. */
  posts: LaunchPostReport | null;
  board: LoadedBoard;
}

/**
 * Saves the campaign (or finds it launched), posts the missing launch messages, and — when a launch again brought a
 * newer pledge text — re-renders every launch message so the heads see "sign again". `deps.delivery` null: save only.
 */
export async function launchAndPost(
  deps: MaybeSlackDeps,
  request: { file: TCampaignFile; fileName: string; launchedBy: string; now: Date },
  hooks: { afterSave?: (record: LaunchRecord) => Promise<void> } = {},
): Promise<LaunchOutcome> {
  const { db, config, logger } = deps;
  const record = await launchCampaign(db, { ...request, zone: config.zone });
  // A modal is closed here: the campaign is saved, and posting to many channels may take longer than Slack waits.
  await hooks.afterSave?.(record);
  logger.info(
    { campaign: record.campaignId, created: record.created, by: request.launchedBy, pledgeUpdates: record.pledgeUpdates },
    "campaign launched",
  );
  let posts: LaunchPostReport | null = null;
  if (deps.delivery) {
    const slack = { ...deps, delivery: deps.delivery };
    posts = await postLaunchMessages(slack, record.campaignId, request.now);
    if (record.pledgeUpdates.length > 0) await refreshLaunchMessages(slack, record.campaignId, request.now);
  }
  const board = await loadStatusBoard(db, record.campaignId, request.now, config.zone);
  if (!board) throw new Error(`campaign ${record.campaignId} vanished after launch`);
  return { record, posts, board };
}

/** The office's confirmation of a launch: where it went, what is due, what is still missing. */
export function launchReport(outcome: LaunchOutcome, now: Date, lang: Lang): SlackMessage {
  const { board, record, posts } = outcome;
  return buildLaunchReportMessage({
    campaign: board.campaign,
    tasks: board.tasks.map((t) => t.task),
    created: record.created,
    departments: board.rows.map((r) => r.department),
    posted: posts?.posted ?? [],
    alreadyPosted: posts ? posts.alreadyPosted : board.targets.filter((t) => t.messageTs).map((t) => t.departmentId),
    pending: posts?.pending ?? board.targets.filter((t) => !t.messageTs).map((t) => t.departmentId),
    failed: posts?.failed ?? [],
    pledgeUpdates: record.pledgeUpdates,
    now,
    zone: board.zone,
    lang,
  });
}

/** The ready-made campaigns as they would launch at `now`: tasks and deadlines, or why one cannot be launched. */
export async function readyMadeChoices(db: Db, now: Date, zone: string): Promise<LaunchChoice[]> {
  const stored = new Map(
    (await db.campaign.findMany({ where: { id: { in: [...READY_MADE_CAMPAIGNS] } }, select: { id: true, status: true } })).map((c) => [
      c.id,
      c.status,
    ]),
  );
  const choices: LaunchChoice[] = [];
  for (const id of READY_MADE_CAMPAIGNS) {
    const { file, fileName } = await readLaunchSource(id);
    const status = stored.get(id);
    if (status === "closed") {
      choices.push({
        id,
        title: file.title,
        tasks: [],
        targets: 0,
        running: false,
        blocked: { zh: "已发起并已结束", en: "it was launched and has been closed" },
      });
      continue;
    }
    if (status !== undefined) {
      // Running: launching again only posts what is missing, so show it as launched, whatever its dates say now.
      const board = await loadStatusBoard(db, id, now, zone);
      choices.push({
        id,
        title: file.title,
        tasks: board?.tasks.map((t) => t.task) ?? [],
        targets: board?.targets.length ?? 0,
        running: true,
        blocked: null,
      });
      continue;
    }
    try {
      const plan = await planLaunch(db, { file, fileName, now, zone });
      choices.push({ id, title: file.title, tasks: plan.tasks, targets: plan.targets.length, running: false, blocked: null });
    } catch (e) {
      choices.push({ id, title: file.title, tasks: [], targets: 0, running: false, blocked: asAppError(e).userMessage });
    }
  }
  return choices;
}
