import { periodArg, scorePeriod } from "../../accountability/score-period.ts";
import { scoreScope, unitInScope } from "../../accountability/score-scope.ts";
import { parsePeriod } from "../../domain/accountability/period.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { buildRankingMessage, buildScorecardMessage } from "../../messages/accountability/scorecard-message.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { say, type SubcommandDefinition } from "./registry.ts";

/** `[期间] [单位]` in either order: the word that reads as a period is the period, the rest names the unit. */
function splitArgs(args: readonly string[]): { period?: string; unit?: string } {
  const i = args.findIndex((a) => parsePeriod(a) !== null);
  const rest = args.filter((_, j) => j !== i).join(" ").trim();
  return { period: i >= 0 ? args[i] : undefined, unit: rest || undefined };
}

/** A unit by name; a word that names none but looks like a period ("上半年", "2026-13") is answered as a period. */
async function findUnitOrPeriod(db: Parameters<typeof findDepartmentByText>[0], text: string, now: Date, zone: string) {
  try {
    return await findDepartmentByText(db, text);
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.NotFound && /\d|年|季|月|半|q/i.test(text)) periodArg(text, now, zone);
    throw e;
  }
}

/** `/redline 考核 [期间] [单位]`: the office sees every unit ranked (or one unit's card); a unit sees its own card. */
export const scoreCommand: SubcommandDefinition = {
  names: ["score", "考核", "scores", "scorecard", "考核结果"],
  usage: {
    zh: "`/redline 考核 [期间] [单位]` — 考核得分、名次与扣分明细（安委办看全部排名，各单位看本单位），期间如 2026、2026-Q2",
    en: "`/redline score [period] [unit]` — scores, ranks and what cost points (the office sees the ranking, a unit its own card); period e.g. 2026, 2026-Q2",
  },
  async run(ctx) {
    const { deps, command } = ctx;
    const now = deps.now();
    const { period: periodText, unit: unitText } = splitArgs(command.args);
    const period = periodArg(periodText, now, deps.config.zone);
    const scope = await scoreScope(deps.db, deps.delivery, ctx.userId, ctx.channelId);
    const asked = unitText ? await findUnitOrPeriod(deps.db, unitText, now, deps.config.zone) : undefined;
    const scored = await scorePeriod(deps.db, period, now, deps.config.zone);
    const names = new Map(scored.units.map((u) => [u.card.unitId, { nameZh: u.card.name, nameEn: u.nameEn }]));
    if (scope.all && !asked) {
      await ctx.respond({ response_type: "ephemeral", ...buildRankingMessage(scored, command.lang, deps.config.zone) });
      return;
    }
    const unitId = scope.all ? asked!.id : unitInScope(scope, asked, names);
    const unit = scored.units.find((u) => u.card.unitId === unitId);
    if (!unit) {
      await say(ctx, command.lang === "zh" ? "安委办本身不参加考核排名。" : "The safety office itself is not scored.");
      return;
    }
    await ctx.respond({ response_type: "ephemeral", ...buildScorecardMessage(scored, unit, command.lang, deps.config.zone) });
  },
};
