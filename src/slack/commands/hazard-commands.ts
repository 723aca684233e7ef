import { localDay } from "../../domain/calendar/office-hours.ts";
import { parseHazardNumber } from "../../domain/hazards/hazard-number.ts";
import { FILTER_WORDS } from "../../domain/hazards/ledger.ts";
import { exportHazardLedger } from "../../hazards/export-ledger.ts";
import { renderHazardDetail, renderLedgerPage, renderLedgerStats } from "../../hazards/ledger-views.ts";
import { departmentOfChannel, slackLedgerScope } from "../../hazards/slack-scope.ts";
import { requireOffice, requireOfficeChannel } from "../../directory/office.ts";
import { DaySchema } from "../../domain/calendar/working-days.ts";
import { postHistoryEntry } from "../../hazards/publish-card.ts";
import { recordInterview } from "../../hazards/record-interview.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { findSupervisionGroup } from "../../directory/supervision-groups.ts";
import { loadReportFormData } from "../../hazards/report-form-data.ts";
import { encodeReportMetadata, type LedgerPageRef } from "../../messages/hazards/refs.ts";
import { buildReportModal } from "../../messages/hazards/report-modal.ts";
import { escapeMrkdwn as esc } from "../../messages/mrkdwn.ts";
import { say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  report: ["report", "new", "登记", "上报", "新增"],
  list: ["list", "ls", "列表", "台账"],
  show: ["show", "detail", "详情", "查看"],
  stats: ["stats", "statistics", "统计"],
  export: ["export", "导出"],
  interview: ["interview", "约谈"],
} as const;

const USAGE = {
  zh: "用法：/redline 隐患 登记 | 列表 [单位] [督导组 <组>] [逾期|重大|挂牌|全部] | <编号> | 统计 | 导出 | 约谈 <单位> <日期> <被约谈人> [隐患编号] [备注]",
  en: "Usage: /redline hazard report | list [unit] [group <group>] [overdue|major|listed|all] | <number> | stats | export | interview <unit> <date> <who> [hazard number] [note]",
};

const scopeOf = (ctx: CommandContext) => slackLedgerScope(ctx.deps.db, ctx.deps.delivery, ctx.userId, ctx.channelId);

const GROUP_WORDS = ["督导组", "group"];

/** `列表 卫辉市 逾期 重大`: the filter words anywhere (`督导组 <组>` with its group), the rest read as the unit's name. */
async function parseListArgs(ctx: CommandContext, words: readonly string[]): Promise<LedgerPageRef["filter"]> {
  const filter: LedgerPageRef["filter"] = {};
  const unitWords: string[] = [];
  const is = (kind: keyof typeof FILTER_WORDS, w: string) => FILTER_WORDS[kind].includes(w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (GROUP_WORDS.includes(w.toLowerCase()) && words[i + 1]) {
      // `列表 督导组 group-1`: what the group found (its members and the office may look).
      filter.groupId = (await findSupervisionGroup(ctx.deps.db, words[++i]!)).id;
      filter.includeClosed = true;
    } else if (is("overdue", w)) filter.overdue = true;
    else if (is("major", w)) filter.major = true;
    else if (is("listed", w)) filter.listed = true;
    else if (is("all", w)) filter.includeClosed = true;
    else unitWords.push(w);
  }
  if (unitWords.length) filter.unitId = (await findDepartmentByText(ctx.deps.db, unitWords.join(" "))).id;
  return filter;
}

async function list(ctx: CommandContext, words: readonly string[]): Promise<void> {
  const { deps, command } = ctx;
  const scope = await scopeOf(ctx);
  const filter = await parseListArgs(ctx, words);
  const page = await renderLedgerPage(deps.db, scope, { filter, page: 0, lang: command.lang }, { now: deps.now(), zone: deps.config.zone });
  await ctx.respond({ response_type: "ephemeral", ...page });
}

async function show(ctx: CommandContext, raw: string | undefined): Promise<void> {
  const { deps, command } = ctx;
  const parsed = raw ? parseHazardNumber(raw) : null;
  if (!parsed)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `${raw ? `“${raw}”不是隐患编号` : "请写隐患编号"}，例如 /redline 隐患 YH-2026-0001（/redline 隐患 列表 可查看编号）。`,
      en: `${raw ? `"${raw}" is not a hazard number` : "Please give the hazard number"}, e.g. /redline hazard YH-2026-0001 (/redline hazard list shows them).`,
    });
  const scope = await scopeOf(ctx);
  const detail = await renderHazardDetail(deps.db, scope, parsed.number, { now: deps.now(), zone: deps.config.zone, lang: command.lang });
  await ctx.respond({ response_type: "ephemeral", ...detail });
}

async function stats(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const scope = await scopeOf(ctx);
  const message = await renderLedgerStats(deps.db, scope, { now: deps.now(), zone: deps.config.zone, lang: command.lang });
  await ctx.respond({ response_type: "ephemeral", ...message });
}

/**
 * The ledger as an .xlsx, uploaded through Delivery: the office's whole ledger to the office channel; a unit's (its
 * own hazards and the sector it leads) to its own channel, typed there by a member, so everyone who can read the
 * file could already see every row in it.
 */
async function exportLedger(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  const scope = await scopeOf(ctx);
  const now = deps.now();
  let channel: string;
  let fileScope = scope;
  let who: string;
  if (scope.all) {
    channel = await requireOfficeChannel(deps.db, deps.config);
    who = lang === "zh" ? "全市" : "city-wide";
  } else {
    const here = await departmentOfChannel(deps.db, ctx.channelId);
    if (!here || !scope.unitIds.includes(here.id) || !here.slackChannelId)
      throw new AppError(
        ErrorCode.Forbidden,
        {
          zh: "请在本单位的频道中导出：台账文件会上传到该频道，只含本单位的隐患和本单位牵头行业的隐患。",
          en: "Export from your unit's own channel: the file is uploaded there and holds only your unit's hazards and those of the sector it leads.",
        },
        { details: { user: ctx.userId } },
      );
    channel = here.slackChannelId;
    fileScope = { all: false, unitIds: [here.id], leadIds: [here.id] };
    who = lang === "zh" ? here.nameZh : here.nameEn;
  }
  const file = await exportHazardLedger(deps.db, fileScope, { now, zone: deps.config.zone });
  const day = localDay(now, deps.config.zone);
  const title = lang === "zh" ? `隐患台账（${who}）${day}` : `Hazard ledger (${who}) ${day}`;
  try {
    await deps.delivery.upload({
      channel,
      file,
      filename: `hazard-ledger-${day}.xlsx`,
      title,
      initialComment: lang === "zh" ? `📎 ${esc(title)}（<@${ctx.userId}> 导出）` : `📎 ${esc(title)} (exported by <@${ctx.userId}>)`,
    });
  } catch (e) {
    throw new AppError(
      ErrorCode.SlackFailed,
      { zh: "文件上传到 Slack 失败，请稍后再试。", en: "Uploading the file to Slack failed; please try again." },
      { cause: e },
    );
  }
  deps.logger.info({ user: ctx.userId, channel, all: fileScope.all }, "hazard ledger exported");
  await say(ctx, lang === "zh" ? `✅ 隐患台账已上传至 <#${channel}>。` : `✅ The hazard ledger was uploaded to <#${channel}>.`);
}

const HAZARD_NUMBER = /^YH-\d{4}-\d{4,}$/i;
const INTERVIEW_USAGE = {
  zh: "用法：/redline 隐患 约谈 <单位> <日期 YYYY-MM-DD> <被约谈人> [隐患编号] [备注]，例如 /redline 隐患 约谈 卫辉市 2026-11-25 王强（市长） YH-2026-0001 “逾期未整改”",
  en: 'Usage: /redline hazard interview <unit> <date YYYY-MM-DD> <who was summoned> [hazard number] [note], e.g. /redline hazard interview Weihui 2026-11-25 "Wang Qiang" YH-2026-0001 "overdue"',
};

/** `/redline 隐患 约谈 …`: the office records a 约谈 against a unit, and in the hazard's history when one is named. */
async function interview(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "记录约谈", en: "record a safety interview" });
  const [, unitText, day, summoned, ...rest] = command.args;
  if (!unitText || !day || !summoned || !DaySchema.safeParse(day).success) throw new AppError(ErrorCode.InputInvalid, INTERVIEW_USAGE);
  const hazardNumber = rest.find((a) => HAZARD_NUMBER.test(a)) ?? null;
  const note = rest.filter((a) => a !== hazardNumber).join(" ") || null;
  const unit = await findDepartmentByText(deps.db, unitText);
  const now = deps.now();
  const r = await recordInterview(deps.db, { departmentId: unit.id, onDay: day, summoned, note, hazardNumber }, ctx.userId, now);
  if (r.event) await postHistoryEntry(deps, r.event.hazardId, r.event.id);
  const zh = command.lang === "zh";
  const unitName = esc(zh ? unit.nameZh : unit.nameEn);
  const about = hazardNumber
    ? zh
      ? `，已记入隐患 ${hazardNumber.toUpperCase()} 的处理记录`
      : `; it is in hazard ${hazardNumber.toUpperCase()}'s history`
    : "";
  await say(
    ctx,
    r.created
      ? zh
        ? `✅ 已记录约谈：${unitName} ${day} 约谈 ${esc(summoned)}${about}。`
        : `✅ Safety interview recorded: ${unitName}, ${day}, ${esc(summoned)}${about}.`
      : zh
        ? `此约谈（${unitName} ${day} ${esc(summoned)}）此前已记录，未重复登记。`
        : `This interview (${unitName}, ${day}, ${esc(summoned)}) was already recorded; nothing added.`,
  );
}

/** Opens the registration form for the person who typed the command. */
export async function openReportModal(ctx: CommandContext, initialDescription?: string): Promise<void> {
  const { deps, command } = ctx;
  const data = await loadReportFormData(deps.db, ctx.userId, ctx.channelId, deps.whoLeads.matrix);
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: buildReportModal({
      ...data,
      initialDescription,
      today: localDay(deps.now(), deps.config.zone),
      privateMetadata: encodeReportMetadata({ lang: command.lang, channelId: ctx.channelId }),
      lang: command.lang,
    }),
  });
}

export const hazardCommand: SubcommandDefinition = {
  names: ["hazard", "hazards", "隐患"],
  usage: {
    zh: "`/redline 隐患 登记|列表 [单位] [逾期|重大|挂牌|全部]|<编号>|统计|导出|约谈 <单位> <日期> <被约谈人> [编号] [备注]` — 登记隐患（附照片，卡片发到隐患单位频道，按责任矩阵交牵头部门验收）、查看台账、详情与处理记录、统计、导出 Excel；安委办记录约谈",
    en: "`/redline hazard report|list [unit] [overdue|major|listed|all]|<number>|stats|export|interview <unit> <date> <who> [number] [note]` — register a hazard (with photos; its card goes to the unit's channel and the matrix's lead department accepts it), the ledger, one hazard's detail and history, statistics, the Excel file; the office records a safety interview",
  },
  async run(ctx) {
    const [first, ...rest] = ctx.command.args;
    const sub = (first ?? "").toLowerCase();
    const is = (names: readonly string[]) => names.includes(sub);
    if (is(ACTIONS.report)) return openReportModal(ctx);
    if (!first || is(ACTIONS.list)) return list(ctx, rest);
    if (is(ACTIONS.show)) return show(ctx, rest.join(""));
    if (is(ACTIONS.stats)) return stats(ctx);
    if (is(ACTIONS.export)) return exportLedger(ctx);
    if (is(ACTIONS.interview)) return interview(ctx);
    if (parseHazardNumber(ctx.command.rest)) return show(ctx, ctx.command.rest);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识“${first}”。${USAGE.zh}`,
      en: `Unknown "${first}". ${USAGE.en}`,
    });
  },
};
