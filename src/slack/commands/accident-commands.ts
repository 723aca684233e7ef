import { accidentListItems, usageView } from "../../accountability/accident-views.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { requireOffice } from "../../directory/office.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { buildAccidentModal, encodeAccidentMeta } from "../../messages/accountability/accident-modal.ts";
import { buildAccidentList, buildUsageMessage } from "../../messages/accountability/usage-message.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  record: ["登记", "record", "add", "新增"],
  stats: ["统计", "stats", "targets", "指标"],
  list: ["列表", "list", "ls", "查看"],
} as const;

function yearArg(ctx: CommandContext, today: string): number {
  const raw = ctx.command.args[1];
  if (raw === undefined) return Number(today.slice(0, 4));
  if (!/^\d{4}$/.test(raw))
    throw new AppError(ErrorCode.InputInvalid, { zh: `"${raw}" 不是年份，例如 /redline 事故 列表 2026。`, en: `"${raw}" is not a year; e.g. /redline accident list 2026.` });
  return Number(raw);
}

async function openRecordForm(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "登记事故", en: "record accidents" });
  const units = await deps.db.department.findMany({ select: { id: true, nameZh: true, nameEn: true, kind: true }, orderBy: { id: "asc" } });
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: buildAccidentModal({
      units,
      today: localDay(deps.now(), deps.config.zone),
      lang: command.lang,
      privateMetadata: encodeAccidentMeta({ lang: command.lang, channelId: ctx.channelId }),
    }),
  });
}

async function stats(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const today = localDay(deps.now(), deps.config.zone);
  const year = yearArg(ctx, today);
  const asOf = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
  await ctx.respond({ response_type: "ephemeral", ...buildUsageMessage(await usageView(deps.db, asOf, command.lang), command.lang) });
}

async function list(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "查看事故登记", en: "list recorded accidents" });
  const year = yearArg(ctx, localDay(deps.now(), deps.config.zone));
  await ctx.respond({ response_type: "ephemeral", ...buildAccidentList(await accidentListItems(deps.db, year, command.lang), year, command.lang) });
}

/** `/redline 事故 登记|统计|列表`: the office records accidents; anyone sees the year against its control targets. */
export const accidentCommand: SubcommandDefinition = {
  names: ["事故", "accident", "accidents"],
  usage: {
    zh: "`/redline 事故 统计 [年份]` — 事故与控制指标；`/redline 事故 登记`、`/redline 事故 列表 [年份]`（安委办）",
    en: "`/redline accident stats [year]` — accidents against control targets; `/redline accident record`, `/redline accident list [year]` (office)",
  },
  async run(ctx) {
    const action = (ctx.command.args[0] ?? "").toLowerCase();
    if ((ACTIONS.record as readonly string[]).includes(action)) return openRecordForm(ctx);
    if ((ACTIONS.list as readonly string[]).includes(action)) return list(ctx);
    if (action === "" || (ACTIONS.stats as readonly string[]).includes(action)) return stats(ctx);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识"${action}"。可用：/redline 事故 统计 | 登记 | 列表`,
      en: `Unknown "${action}". Try: /redline accident stats | record | list`,
    });
  },
};
