import { localDay } from "../../domain/calendar/office-hours.ts";
import { requireOffice } from "../../directory/office.ts";
import { DaySchema } from "../../domain/calendar/working-days.ts";
import { postHistoryEntry } from "../../hazards/publish-card.ts";
import { recordInterview } from "../../hazards/record-interview.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { loadReportFormData } from "../../hazards/report-form-data.ts";
import { encodeReportMetadata } from "../../messages/hazards/refs.ts";
import { buildReportModal } from "../../messages/hazards/report-modal.ts";
import { escapeMrkdwn as esc } from "../../messages/mrkdwn.ts";
import { say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  report: ["report", "new", "登记", "上报", "新增"],
  interview: ["interview", "约谈"],
} as const;

const HAZARD_NUMBER = /^YH-\d{4}-\d{4,}$/i;
const INTERVIEW_USAGE = {
  zh: "用法：/redline 隐患 约谈 <单位> <日期 YYYY-MM-DD> <被约谈人> [隐患编号] [备注]，例如 /redline 隐患 约谈 卫辉市 2026-11-25 王强（市长） YH-2026-0001 “逾期未整改”",
  en: "Usage: /redline hazard interview <unit> <date YYYY-MM-DD> <who was summoned> [hazard number] [note], e.g. /redline hazard interview Weihui 2026-11-25 \"Wang Qiang\" YH-2026-0001 \"overdue\"",
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
  const about = hazardNumber ? (zh ? `，已记入隐患 ${hazardNumber.toUpperCase()} 的处理记录` : `; it is in hazard ${hazardNumber.toUpperCase()}'s history`) : "";
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
  const data = await loadReportFormData(deps.db, ctx.userId, ctx.channelId);
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
    zh: "`/redline 隐患 登记` — 登记隐患（附照片），卡片发到隐患单位频道，按责任矩阵交牵头部门验收；`/redline 隐患 约谈 <单位> <日期> <被约谈人> [编号] [备注]` — 安委办记录约谈",
    en: "`/redline hazard report` — register a hazard (with photos); its card goes to the unit's channel and the matrix's lead department accepts it; `/redline hazard interview <unit> <date> <who> [number] [note]` — the office records a safety interview",
  },
  async run(ctx) {
    const sub = (ctx.command.args[0] ?? "").toLowerCase();
    if ((ACTIONS.report as readonly string[]).includes(sub)) return openReportModal(ctx);
    if ((ACTIONS.interview as readonly string[]).includes(sub)) return interview(ctx);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "用法：/redline 隐患 登记 | 约谈 <单位> <日期> <被约谈人> [隐患编号] [备注]",
      en: "Usage: /redline hazard report | interview <unit> <date> <who> [hazard number] [note]",
    });
  },
};
