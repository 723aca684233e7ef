import { DateTime } from "luxon";
import { outboxStatus } from "../../delivery/outbox-status.ts";
import { outboxStatusLines } from "../../messages/delivery/outbox-status-text.ts";
import type { CliContext } from "../context.ts";

/**
 * `redline status` with no campaign: the outbox — what went out, what waits for a retry, what a stopped process left,
 * and how many sends had to be reconciled with Slack.
 */
export async function printOutboxStatus(ctx: CliContext, opts: { json?: boolean; lang?: string }): Promise<void> {
  const config = ctx.config();
  const db = (await ctx.database()).prisma;
  const [status, launching] = await Promise.all([outboxStatus(db), db.campaign.count({ where: { status: "launching" } })]);
  if (opts.json) {
    ctx.out(JSON.stringify({ ...status, launching }));
    return;
  }
  const at = status.lastReconciled
    ? DateTime.fromJSDate(status.lastReconciled.at, { zone: config.zone }).toFormat("yyyy-MM-dd HH:mm:ss")
    : "";
  const view = { ...status, launching, lastReconciled: status.lastReconciled ? { ...status.lastReconciled, at } : null };
  const lang = opts.lang === "en" || opts.lang === "zh" ? opts.lang : config.lang;
  for (const line of outboxStatusLines(view, lang)) ctx.out(line);
}
