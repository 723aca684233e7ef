import type { Command } from "commander";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { runTick } from "../../scheduler/run-tick.ts";
import { allSweeps } from "../../scheduler/sweeps.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  program
    .command("tick")
    .description("run one scheduler pass as if at a given time / 按指定时间执行一次提醒调度")
    .option("--at <time>", "ISO time, e.g. 2026-05-28T09:00:00+08:00 (default: now)")
    .action(async (opts: { at?: string }) => {
      const now = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(now.getTime())) {
        throw new AppError(ErrorCode.InputInvalid, { zh: `--at 不是有效时间：${opts.at}`, en: `--at is not a valid time: ${opts.at}` });
      }
      const config = ctx.config();
      if (config.slack.kind === "none") {
        throw new AppError(ErrorCode.ConfigInvalid, {
          zh: "tick 需要 SLACK_BOT_TOKEN 才能发送提醒。",
          en: "tick needs SLACK_BOT_TOKEN to post reminders.",
        });
      }
      const [db, delivery] = await Promise.all([ctx.database(), ctx.delivery()]);
      const report = await runTick(allSweeps, { db: db.prisma, delivery: delivery!, config, logger: ctx.logger() }, now);
      ctx.out(JSON.stringify(report));
    });
}
