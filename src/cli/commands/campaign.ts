import type { Command } from "commander";
import { closeCampaign } from "../../campaigns/close-campaign.ts";
import { findCampaign, listCampaigns } from "../../campaigns/find-campaign.ts";
import { launchAndPost, templateChoices } from "../../campaigns/launch.ts";
import { readLaunchSource } from "../../campaigns/templates.ts";
import { parseDateAssignments } from "../../campaigns/definition/resolve-campaign.ts";
import { planLaunch } from "../../campaigns/launch-campaign.ts";
import { loadStatusBoard } from "../../campaigns/load-boards.ts";
import { statusBoardText } from "../../campaigns/status-text.ts";
import { formatDeadline, formatInstant } from "../../domain/campaigns/format-local.ts";
import { statusBoardJson } from "../../domain/campaigns/status-board-json.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { osUser, type CliContext } from "../context.ts";
import { printOutboxStatus } from "./status.ts";

const NO_SLACK =
  "未配置 SLACK_BOT_TOKEN：已保存，行动消息将由运行中的机器人在下一次调度（每分钟）时发出。\n" +
  "No SLACK_BOT_TOKEN: saved; the running bot's tick (every minute) posts the launch messages.";

const cliUser = (ctx: CliContext) => `cli:${osUser(ctx)}`;

export function register(program: Command, ctx: CliContext): void {
  const campaign = program.command("campaign").description("campaigns: templates, launch, list, close / 专项行动：模板、发起、列表、结束");

  campaign
    .command("templates")
    .description("every campaign template with what its dates would be if launched now / 全部行动模板及现在发起时的日期")
    .option("--json", "one JSON array")
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const now = new Date();
      const choices = await templateChoices((await ctx.database()).prisma, now, config.zone);
      if (opts.json) {
        ctx.out(JSON.stringify(choices));
        return;
      }
      for (const c of choices) {
        const state = c.blocked ? "blocked" : c.running ? "running" : "ready";
        ctx.out(`${c.id}\t${c.origin}\t${state}\t→ ${c.runId}\t${c.title.zh}`);
        if (c.blocked) ctx.out(`  ⚠ ${c.blocked.zh.replaceAll("\n", "\n    ")}`);
        for (const t of c.tasks) {
          const due = c.askedTasks.includes(t.key)
            ? "发起时填写 / given at launch (--date)"
            : formatDeadline(t.dueAt, config.zone, "zh", now);
          ctx.out(`  ${t.key} (${t.kind}): 截止 / due ${due}`);
        }
        for (const d of c.openDates) ctx.out(`  --date ${d.key}=YYYY-MM-DD 必填 / required`);
      }
    });

  campaign
    .command("launch")
    .description("launch a run of a campaign template (or a YAML file) / 发起行动模板（或 YAML 文件）的新一轮")
    .argument("<template>", "template id (summer-fire-safety, hazard-rectification-report, safety-dialogue, or uploaded), or a .yaml file")
    .option("--check", "validate against the directory and print the plan without saving / 只检查，不保存")
    .option(
      "--date <task=YYYY-MM-DD>",
      "a day the template leaves open, or replaces (`<task>` due, `<task>.opens` opening); repeatable / 发起时给出的日期，可重复",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (source: string, opts: { check?: boolean; date: string[] }) => {
      const config = ctx.config();
      const db = (await ctx.database()).prisma;
      const { file, fileName } = await readLaunchSource(db, source);
      const dates = parseDateAssignments(opts.date);
      const now = new Date();
      if (opts.check) {
        const plan = await planLaunch(db, { file, fileName, now, zone: config.zone, dates });
        ctx.out(`ok: ${plan.title.zh} / ${plan.title.en} · ${plan.targets.length} 个单位 / departments（未保存 / not saved）`);
        for (const t of plan.tasks)
          ctx.out(`  ${t.key} (${t.kind}): ${formatInstant(t.opensAt, config.zone, "zh")} – ${formatDeadline(t.dueAt, config.zone, "zh")}`);
        return;
      }
      const delivery = await ctx.delivery();
      const outcome = await launchAndPost(
        { db, delivery, config, logger: ctx.logger() },
        { file, fileName, dates, launchedBy: cliUser(ctx), now },
      );
      const { record, posts, board } = outcome;
      const id = record.campaignId;
      ctx.out(
        record.created
          ? `launched ${id} / 已发起 ${id}：${board.campaign.title.zh}`
          : `${id} was launched before / 此前已发起（本轮尚未结束）：任务和截止时间保持首次发起时的设置`,
      );
      for (const { task } of board.tasks)
        ctx.out(`  ${task.key} (${task.kind}): 截止 / due ${formatDeadline(task.dueAt, config.zone, "zh", now)}`);
      for (const u of record.pledgeUpdates)
        ctx.out(
          `  承诺书 / pledge ${u.taskKey}: 第 ${u.from} 版 → 第 ${u.to} 版 / version ${u.from} → ${u.to}（须重新签署 / new signatures needed）`,
        );
      if (!posts) {
        ctx.out(NO_SLACK);
        return;
      }
      const names = new Map(board.rows.map((r) => [r.department.id, r.department.nameZh]));
      ctx.out(
        `posted / 已发送 ${posts.posted.length}, already posted / 此前已发 ${posts.alreadyPosted.length}, of / 共 ${board.targets.length}`,
      );
      for (const f of posts.failed)
        ctx.err(`  ✗ ${names.get(f.departmentId) ?? f.departmentId} (${f.departmentId}): ${f.reason.zh} / ${f.reason.en}`);
      for (const p of posts.pending) ctx.err(`  … ${names.get(p) ?? p} (${p}): 另一实例正在发送 / being posted by another instance`);
      if (posts.failed.length > 0) {
        throw new AppError(ErrorCode.SlackFailed, {
          zh: `${posts.failed.length} 个单位未送达；再次运行本命令或等待调度（每分钟）重试，只补发缺失的消息。`,
          en: `${posts.failed.length} departments not reached; run this again or let the tick (every minute) retry — only missing posts are sent.`,
        });
      }
    });

  campaign
    .command("list")
    .description("list campaigns with progress / 行动列表和进展")
    .option("--json", "one JSON array")
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const now = new Date();
      const items = await listCampaigns((await ctx.database()).prisma, now, config.zone);
      if (opts.json) {
        ctx.out(JSON.stringify(items));
        return;
      }
      if (items.length === 0) ctx.out("no campaigns yet / 还没有发起过专项行动");
      for (const c of items) {
        ctx.out(
          `${c.id}\t${c.status}\t${c.done}/${c.cells}\toverdue ${c.overdue}\t${formatInstant(c.launchedAt, config.zone, "zh", now)}\t${c.title.zh}`,
        );
      }
    });

  campaign
    .command("close")
    .description("close a campaign: no more reminders or submissions / 结束行动")
    .argument("<campaign>", "campaign id")
    .action(async (text: string) => {
      const config = ctx.config();
      const db = (await ctx.database()).prisma;
      const found = await findCampaign(db, text);
      const result = await closeCampaign(
        { db, delivery: await ctx.delivery(), config, logger: ctx.logger() },
        found.id,
        cliUser(ctx),
        new Date(),
      );
      if (!result.closed)
        throw new AppError(ErrorCode.Conflict, {
          zh: `行动 ${found.id} 此前已经结束。`,
          en: `Campaign ${found.id} had already been closed.`,
        });
      ctx.out(`closed ${found.id} / 已结束：${found.titleZh}`);
      const f = result.followUp;
      if (!f)
        ctx.out(
          "未配置 SLACK_BOT_TOKEN：结束通知和最终进展将由运行中的机器人在下一次调度时发出。/ No SLACK_BOT_TOKEN: the running bot's tick posts the closing notices and the final tally.",
        );
      else {
        ctx.out(
          `closing notices / 结束通知 ${f.notified}/${f.targets}; final tally to the office / 最终进展：${f.officeTally ? "posted / 已发送" : "not posted / 未发送"}`,
        );
        if (f.notified < f.targets || f.failed > 0) ctx.err("  some posts failed; the tick retries them / 部分消息未送达，调度会自动重试");
      }
    });

  program
    .command("status")
    .description(
      "a campaign's status board: who acknowledged, reported, signed, who is overdue; with no campaign, the outbound messages / 行动进展；不带行动时显示外发消息状态",
    )
    .argument("[campaign]", "campaign id or title")
    .option("--json", "print the board as JSON")
    .option("--lang <lang>", "zh or en", "zh")
    .option("--at <time>", "as it stood at this ISO time (default: now)")
    .action(async (text: string | undefined, opts: { json?: boolean; lang: string; at?: string }, command: Command) => {
      if (text === undefined) {
        const lang = command.getOptionValueSource("lang") === "default" ? undefined : opts.lang;
        return printOutboxStatus(ctx, { json: opts.json, lang });
      }
      const config = ctx.config();
      const at = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(at.getTime()))
        throw new AppError(ErrorCode.InputInvalid, { zh: `--at 不是有效时间：${opts.at}`, en: `--at is not a valid time: ${opts.at}` });
      const db = (await ctx.database()).prisma;
      const found = await findCampaign(db, text);
      const board = await loadStatusBoard(db, found.id, at, config.zone);
      if (!board) throw new AppError(ErrorCode.NotFound, { zh: `找不到行动 ${text}。`, en: `No campaign ${text}.` });
      ctx.out(opts.json ? JSON.stringify(statusBoardJson(board), null, 2) : statusBoardText(board, opts.lang === "en" ? "en" : "zh"));
    });
}
