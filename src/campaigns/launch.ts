import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { asAppError } from "../lib/errors.ts";
import type { Lang } from "../lib/i18n.ts";
import type { MaybeSlackDeps } from "../delivery/sweep.ts";
import type { LaunchChoice } from "../messages/campaigns/launch-modal.ts";
import { buildLaunchReportMessage } from "../messages/campaigns/office-replies.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { openDates } from "./definition/resolve-campaign.ts";
import type { TCampaignFile } from "./definition/campaign-file-schema.ts";
import { launchCampaign, nextRunId, openRun, planLaunch, type LaunchRecord } from "./launch-campaign.ts";
import { listTemplates } from "./templates.ts";
import { postLaunchMessages, refreshLaunchMessages, type LaunchPostReport } from "./launch-messages.ts";
import { loadStatusBoard, type LoadedBoard } from "./load-boards.ts";

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
  request: { file: TCampaignFile; fileName: string; launchedBy: string; now: Date; dates?: Readonly<Record<string, string>> },
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

/**
 * Every template as it would launch at `now`: the run id it would get, its tasks and deadlines (a day the template
 * leaves open shown as such), or why it cannot be launched. A template with a run still open shows that run.
 */
export async function templateChoices(db: Db, now: Date, zone: string): Promise<LaunchChoice[]> {
  const choices: LaunchChoice[] = [];
  for (const template of await listTemplates(db)) {
    const { id, file, fileName } = template;
    const asked = openDates(file);
    const base = { id, title: file.title, origin: template.origin, openDates: asked };
    const running = await openRun(db, id);
    if (running) {
      // Running: launching again only posts what is missing, so show it as launched, whatever its dates say now.
      const board = await loadStatusBoard(db, running.id, now, zone);
      choices.push({
        ...base,
        runId: running.id,
        tasks: board?.tasks.map((t) => t.task) ?? [],
        askedTasks: [],
        targets: board?.targets.length ?? 0,
        running: true,
        blocked: null,
      });
      continue;
    }
    const runId = await nextRunId(db, id, now, zone);
    try {
      // A day left open is shown as "given at launch"; a stand-in a year ahead lets the other dates resolve.
      const standIn = DateTime.fromJSDate(now, { zone }).plus({ years: 1 }).toISODate()!;
      const dates = Object.fromEntries(asked.map((d) => [d.key, standIn]));
      const plan = await planLaunch(db, { file, fileName, now, zone, dates });
      choices.push({
        ...base,
        runId,
        tasks: plan.tasks,
        askedTasks: asked.filter((d) => d.role === "due").map((d) => d.taskKey),
        targets: plan.targets.length,
        running: false,
        blocked: null,
      });
    } catch (e) {
      choices.push({ ...base, runId, tasks: [], askedTasks: [], targets: 0, running: false, blocked: asAppError(e).userMessage });
    }
  }
  return choices;
}
