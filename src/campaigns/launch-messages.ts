import type { Db } from "../db/client.ts";
import type { CampaignDepartment, CompletionRecord } from "../domain/campaigns/types.ts";
import type { Bilingual } from "../lib/i18n.ts";
import type { SweepDeps, SweepResult } from "../delivery/sweep.ts";
import { buildLaunchMessage } from "../messages/campaigns/launch-message.ts";
import { closedLaunchMessage } from "../messages/campaigns/office-replies.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { CAMPAIGN_DISPATCH_KINDS, campaignKeys } from "./keys.ts";
import { loadStatusBoard, type LoadedBoard } from "./load-boards.ts";
import { describePostFailure } from "../delivery/post-message.ts";
import { retryDue, storedSlackError } from "../delivery/retry-policy.ts";
import { FAN_OUT_CONCURRENCY, fanOut } from "../delivery/fan-out.ts";

export interface LaunchPostReport {
  campaignId: string;
  /** Departments posted to by this run, in directory order. */
  posted: string[];
  /** Departments that had their launch post already. */
  alreadyPosted: string[];
  /** Claimed by another instance that is posting right now (or stopped mid-post; see the Dispatch row). */
  pending: string[];
  failed: { departmentId: string; reason: Bilingual }[];
  /** Every target department has its launch post; the campaign is `launched`. */
  complete: boolean;
}

/** This department's completions as the board holds them (a pledge on an older text included). */
export function departmentCompletions(board: LoadedBoard, departmentId: string): CompletionRecord[] {
  const row = board.rows.find((r) => r.department.id === departmentId);
  return row ? row.cells.flatMap((c) => c.completion ?? c.stalePledge?.completion ?? []) : [];
}

/** The launch message of one department as it stands: re-rendered from the database, closed when the campaign is. */
export function renderLaunchMessage(
  board: LoadedBoard,
  department: CampaignDepartment,
  closedAt: Date | null,
  lang: "zh" | "en",
): SlackMessage {
  const message = buildLaunchMessage({
    campaign: board.campaign,
    tasks: board.tasks.map((t) => t.task),
    department,
    completions: departmentCompletions(board, department.id),
    now: board.generatedAt,
    zone: board.zone,
    lang,
  });
  return closedAt ? closedLaunchMessage(message, closedAt, board.zone, lang) : message;
}

/**
 * Posts the launch message to every target department that does not have it yet, many at once under the process's
 * rate limiter (Slack's 1/s per channel, the workspace cap, 429s waited out). Each post is claimed under its own
 * key and its ts recorded on the target, so running this again — after a failure, a crash, or from another replica —
 * posts only what is missing. A failure is reported and left for the next run; it never stops the other departments.
 */
export async function postLaunchMessages(deps: SweepDeps, campaignId: string, now: Date): Promise<LaunchPostReport> {
  const { db, delivery, config, logger } = deps;
  const report: LaunchPostReport = { campaignId, posted: [], alreadyPosted: [], pending: [], failed: [], complete: false };
  const board = await loadStatusBoard(db, campaignId, now, config.zone);
  if (!board || board.status === "closed") return report;
  const departments = new Map(board.rows.map((r) => [r.department.id, r.department]));

  type Outcome =
    { kind: "posted" | "alreadyPosted" | "pending"; departmentId: string } | { kind: "failed"; departmentId: string; reason: Bilingual };
  // Concurrently, each post in its turn at the process's rate limiter (1/s per channel, the workspace cap).
  const outcomes = await fanOut(board.targets, FAN_OUT_CONCURRENCY, async (target): Promise<Outcome> => {
    const departmentId = target.departmentId;
    if (target.messageTs) return { kind: "alreadyPosted", departmentId };
    const department = departments.get(departmentId)!;
    const key = campaignKeys.launch(campaignId, departmentId);
    // Posted before, but the ts never reached the target row (a crash in between): take it from the claim.
    const earlier = await db.dispatch.findUnique({ where: { key } });
    if (earlier?.status === "sent" && earlier.messageTs) {
      await recordLaunchPost(db, campaignId, departmentId, earlier.channelId ?? target.channelId, earlier.messageTs);
      return { kind: "alreadyPosted", departmentId };
    }
    if (earlier?.status === "failed" && !retryDue(earlier, new Date())) {
      return {
        kind: "failed",
        departmentId,
        reason: describePostFailure(
          Object.assign(new Error(earlier.error ?? "failed"), { data: { error: storedSlackError(earlier.error) } }),
        ),
      };
    }
    try {
      const posted = await delivery.postOnce({
        key,
        kind: CAMPAIGN_DISPATCH_KINDS.launch,
        channel: target.channelId,
        message: () => renderLaunchMessage(board, department, null, config.lang),
      });
      if (!posted) return { kind: "pending", departmentId };
      await recordLaunchPost(db, campaignId, departmentId, posted.channelId, posted.messageTs);
      logger.info(
        { campaign: campaignId, department: departmentId, channel: posted.channelId, ts: posted.messageTs },
        "campaign launch posted",
      );
      return { kind: "posted", departmentId };
    } catch (e) {
      logger.error(
        { err: e, campaign: campaignId, department: departmentId, channel: target.channelId },
        "campaign launch post failed; will retry",
      );
      return { kind: "failed", departmentId, reason: describePostFailure(e) };
    }
  });
  for (const outcome of outcomes) {
    if (outcome.kind === "failed") report.failed.push({ departmentId: outcome.departmentId, reason: outcome.reason });
    else report[outcome.kind].push(outcome.departmentId);
  }

  report.complete = report.posted.length + report.alreadyPosted.length === board.targets.length;
  if (report.complete) await db.campaign.updateMany({ where: { id: campaignId, status: "launching" }, data: { status: "launched" } });
  return report;
}

async function recordLaunchPost(db: Db, campaignId: string, departmentId: string, channelId: string, messageTs: string): Promise<void> {
  await db.campaignTarget.update({ where: { campaignId_departmentId: { campaignId, departmentId } }, data: { channelId, messageTs } });
}

/** The tick's part: finishes every launch that still misses a department (a failed post, a launch saved without Slack). */
export async function resumeLaunches(deps: SweepDeps, now: Date): Promise<SweepResult> {
  const launching = await deps.db.campaign.findMany({
    where: { status: "launching" },
    select: { id: true },
    orderBy: { launchedAt: "asc" },
  });
  const result: SweepResult = { sent: 0, failed: 0 };
  for (const { id } of launching) {
    const report = await postLaunchMessages(deps, id, now);
    result.sent += report.posted.length;
    result.failed += report.failed.length;
  }
  return result;
}

/**
 * Re-renders the launch messages of `departmentIds` (all targets when omitted) from the database and updates them in
 * place (chat.update), so a channel sees who did what as soon as it is recorded. Failures are logged, never thrown:
 * the record itself already stands.
 */
export async function refreshLaunchMessages(
  deps: SweepDeps,
  campaignId: string,
  now: Date,
  departmentIds?: readonly string[],
): Promise<number> {
  const { db, delivery, config, logger } = deps;
  const board = await loadStatusBoard(db, campaignId, now, config.zone);
  if (!board) return 0;
  const closedAt =
    board.status === "closed"
      ? ((await db.campaign.findUnique({ where: { id: campaignId }, select: { closedAt: true } }))?.closedAt ?? now)
      : null;
  let updated = 0;
  for (const target of board.targets) {
    if (!target.messageTs || (departmentIds && !departmentIds.includes(target.departmentId))) continue;
    const department = board.rows.find((r) => r.department.id === target.departmentId)?.department;
    if (!department) continue;
    try {
      await delivery.update(target.channelId, target.messageTs, renderLaunchMessage(board, department, closedAt, config.lang));
      updated++;
    } catch (e) {
      logger.warn(
        { err: e, campaign: campaignId, department: target.departmentId, ts: target.messageTs },
        "could not update the launch message",
      );
    }
  }
  return updated;
}
