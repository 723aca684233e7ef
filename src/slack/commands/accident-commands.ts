import { accidentListItems, usageView } from "../../accountability/accident-views.ts";
import { localDay } from "../../domain/calendar/office-hours.ts";
import { requireOffice } from "../../directory/office.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { buildAccidentModal, encodeAccidentMeta } from "../../messages/accountability/accident-modal.ts";
import { buildAccidentList, buildUsageMessage } from "../../messages/accountability/usage-message.ts";
import { closeFollowUp } from "../../accountability/close-follow-up.ts";
import { accountabilityKeys, ACCOUNTABILITY_DISPATCH_KINDS } from "../../accountability/keys.ts";
import { followUpName } from "../../domain/accountability/categories.ts";
import { findFollowUpItem } from "../../domain/accountability/follow-up.ts";
import { officeChannelId } from "../../directory/office.ts";
import { escapeMrkdwn as esc, noticeBlocks } from "../../messages/mrkdwn.ts";
import { say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  record: ["登记", "record", "add", "新增"],
  stats: ["统计", "stats", "targets", "指标"],
  list: ["列表", "list", "ls", "查看"],
  close: ["落实", "close", "闭环"],
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

async function closeItem(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "落实四不放过事项", en: "close 四不放过 items" });
  const [, id, itemWord, note, evidence] = command.args;
  const item = itemWord ? findFollowUpItem(itemWord) : undefined;
  if (!id || !item || !note || !evidence)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: '用法：/redline 事故 落实 <编号> <原因|责任人|教育|措施> "情况说明" "证据（文号或链接）"，例如 /redline 事故 落实 SG-2026-0001 原因 "调查报告已批复" "新安委〔2026〕12号"。',
      en: 'Usage: /redline accident close <id> <cause|people|education|measures> "note" "evidence (document no. or link)".',
    });
  const outcome = await closeFollowUp(deps.db, { accidentId: id.toUpperCase(), item, note, evidence }, { actor: ctx.userId, now: deps.now() });
  const name = followUpName(item, lang);
  if (!outcome.closed) {
    await say(ctx, lang === "zh" ? `ℹ️ ${esc(id)} 的「${name}」已于此前落实（${outcome.closedBy ? `<@${outcome.closedBy}>` : ""}），未作更改。` : `ℹ️ "${name}" of ${esc(id)} was already closed${outcome.closedBy ? ` by <@${outcome.closedBy}>` : ""}; nothing changed.`);
    return;
  }
  const rest = outcome.openItems.map((i) => followUpName(i, lang)).join(lang === "zh" ? "、" : ", ");
  if (outcome.accidentClosed) {
    const office = await officeChannelId(deps.db, deps.config);
    const text = lang === "zh" ? `✅ 事故 ${esc(id.toUpperCase())} 四不放过四项均已落实，事故闭环（<@${ctx.userId}>）。` : `✅ Accident ${esc(id.toUpperCase())}: all four 四不放过 items closed; the accident is closed (<@${ctx.userId}>).`;
    if (office) await deps.delivery.postOnce({ key: accountabilityKeys.followUpClosed(id.toUpperCase(), "all"), kind: ACCOUNTABILITY_DISPATCH_KINDS.followUpClosed, channel: office, message: noticeBlocks(text) });
    await say(ctx, text);
    return;
  }
  await say(ctx, lang === "zh" ? `✅ 已落实 ${esc(id.toUpperCase())}「${name}」。尚待落实：${rest}。` : `✅ Closed "${name}" of ${esc(id.toUpperCase())}. Still open: ${rest}.`);
}

/** `/redline 事故 登记|统计|列表|落实`: the office records accidents; anyone sees the year against its control targets. */
export const accidentCommand: SubcommandDefinition = {
  names: ["事故", "accident", "accidents"],
  usage: {
    zh: "`/redline 事故 统计 [年份]` — 事故与控制指标；`/redline 事故 登记`、`/redline 事故 列表 [年份]`、`/redline 事故 落实 <编号> <项> \"说明\" \"证据\"`（安委办）",
    en: "`/redline accident stats [year]` — accidents against control targets; `/redline accident record`, `/redline accident list [year]`, `/redline accident close <id> <item> \"note\" \"evidence\"` (office)",
  },
  async run(ctx) {
    const action = (ctx.command.args[0] ?? "").toLowerCase();
    if ((ACTIONS.record as readonly string[]).includes(action)) return openRecordForm(ctx);
    if ((ACTIONS.list as readonly string[]).includes(action)) return list(ctx);
    if ((ACTIONS.close as readonly string[]).includes(action)) return closeItem(ctx);
    if (action === "" || (ACTIONS.stats as readonly string[]).includes(action)) return stats(ctx);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识"${action}"。可用：/redline 事故 统计 | 登记 | 列表 | 落实`,
      en: `Unknown "${action}". Try: /redline accident stats | record | list | close`,
    });
  },
};
