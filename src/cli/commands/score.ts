import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { scorecardWorkbook } from "../../accountability/export/scorecard-workbook.ts";
import { periodArg, scoredPeriodJson, scorePeriod } from "../../accountability/score-period.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { scoresText } from "../../messages/accountability/scorecard-message.ts";
import type { CliContext } from "../context.ts";

interface ScoreOptions {
  period?: string;
  unit?: string;
  json?: boolean;
  xlsx?: string;
  rulesVersion?: string;
  at?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("score")
    .description("unit scorecards for a period: score, rank, grade, each deduction with its records / 单位考核得分、名次、等次与扣分明细")
    .option("--period <period>", "2026 · 2026-Q2 · 2026-05 (default: this year)")
    .option("--unit <id|名称>", "only this unit")
    .option("--json", "print JSON")
    .option("--xlsx <file>", "write the ranking, the deductions and every record to an .xlsx file")
    .option("--rules-version <n>", "score with this imported version of the rules (default: the one in force)")
    .option("--at <time>", "take the record as at this moment (ISO 8601), e.g. to reproduce an earlier run")
    .action(async (o: ScoreOptions) => {
      const config = ctx.config();
      const now = o.at ? new Date(o.at) : new Date();
      if (Number.isNaN(now.getTime()))
        throw new AppError(ErrorCode.InputInvalid, { zh: `--at "${o.at}" 不是有效的时间。`, en: `--at "${o.at}" is not a valid time.` });
      const rulesVersion = o.rulesVersion === undefined ? undefined : Number(o.rulesVersion);
      if (rulesVersion !== undefined && (!Number.isInteger(rulesVersion) || rulesVersion < 1))
        throw new AppError(ErrorCode.InputInvalid, { zh: "--rules-version 应为正整数。", en: "--rules-version must be a positive whole number." });
      const period = periodArg(o.period, now, config.zone);
      const db = await ctx.database();
      const unit = o.unit ? await findDepartmentByText(db.prisma, o.unit) : undefined;
      const scored = await scorePeriod(db.prisma, period, now, config.zone, { rulesVersion });
      if (o.xlsx) {
        await writeFile(o.xlsx, await scorecardWorkbook(scored, config.zone));
        ctx.err(`wrote ${o.xlsx} / 已写入 ${o.xlsx}`);
      }
      if (o.json) {
        const json = scoredPeriodJson(scored);
        ctx.out(JSON.stringify(unit ? { ...json, units: json.units.filter((u) => u.unitId === unit.id) } : json, null, 2));
        return;
      }
      ctx.out(scoresText(scored, config.lang, config.zone, unit?.id));
    });
}
