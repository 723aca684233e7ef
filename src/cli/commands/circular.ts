import { writeFile } from "node:fs/promises";
import os from "node:os";
import type { Command } from "commander";
import { circularDocx } from "../../accountability/circular/circular-docx.ts";
import { contentOf, draftCircularFor } from "../../accountability/circular/draft-circular.ts";
import { publishCircular } from "../../accountability/circular/publish-circular.ts";
import { periodArg } from "../../accountability/score-period.ts";
import { cliActor } from "../../audit/record-audit.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { CliContext } from "../context.ts";

export function register(program: Command, ctx: CliContext): void {
  const circular = program.command("circular").description("the period's 通报 (circular) as a Word document / 考核通报");
  circular
    .command("draft")
    .description("draft the period's 通报 and write it as .docx (stored as a draft; the same --key again is the same draft) / 起草通报")
    .option("--period <period>", "2026 · 2026-Q2 · 2026-05 (default: this year)")
    .requiredOption("--docx <file>", "where to write the Word document")
    .option("--key <text>", "idempotency key (default: the period and the minute)")
    .action(async (o: { period?: string; docx: string; key?: string }) => {
      const config = ctx.config();
      const now = new Date();
      const period = periodArg(o.period, now, config.zone);
      const db = await ctx.database();
      const key = `cli:${o.key ?? `${period.label}:${now.toISOString().slice(0, 16)}`}`;
      const { circular: row, created } = await draftCircularFor(db.prisma, period, { now, zone: config.zone, actor: cliActor(os.userInfo().username), sourceKey: key });
      await writeFile(o.docx, await circularDocx(contentOf(row), { issuedOn: localDay(now, config.zone) }));
      ctx.out(`${created ? "drafted" : "already drafted"} circular #${row.id} (${period.label}), wrote ${o.docx}\n${created ? "已起草" : "已存在"}通报草稿 #${row.id}，已写入 ${o.docx}`);
    });
  circular
    .command("publish")
    .description("publish a draft once to the office channel and every unit it names (needs SLACK_BOT_TOKEN) / 发布通报")
    .argument("<id>", "the draft's number")
    .requiredOption("--as <slackUserId>", "the office member publishing it (checked against the directory)")
    .action(async (idText: string, o: { as: string }) => {
      const id = Number(idText.replace(/^#/, ""));
      if (!Number.isInteger(id) || id < 1) throw new AppError(ErrorCode.InputInvalid, { zh: `“${idText}”不是通报编号。`, en: `"${idText}" is not a circular number.` });
      const config = ctx.config();
      const [db, delivery] = await Promise.all([ctx.database(), ctx.delivery()]);
      if (!delivery)
        throw new AppError(ErrorCode.ConfigInvalid, { zh: "未配置 SLACK_BOT_TOKEN，无法发布；请在 Slack 中点“发布”。", en: "SLACK_BOT_TOKEN is not set; publish from Slack instead." });
      const out = await publishCircular({ db: db.prisma, delivery, config, logger: ctx.logger() }, id, o.as, new Date());
      ctx.out(
        out.already
          ? `circular #${id} was already published by ${out.publishedBy}; nothing sent twice\n通报 #${id} 已由 ${out.publishedBy} 发布，未重复发送`
          : `published circular #${id} to the office and ${out.units} units\n通报 #${id} 已发布至安委办频道和 ${out.units} 个单位`,
      );
      if (out.failed.length) ctx.err(`not delivered / 未能送达: ${out.failed.join(", ")} — run again to complete`);
    });
}
