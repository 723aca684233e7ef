import { localDay } from "../../domain/calendar/office-hours.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { loadReportFormData } from "../../hazards/report-form-data.ts";
import { encodeReportMetadata } from "../../messages/hazards/refs.ts";
import { buildReportModal } from "../../messages/hazards/report-modal.ts";
import type { CommandContext, SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  report: ["report", "new", "登记", "上报", "新增"],
} as const;

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
    zh: "`/redline 隐患 登记` — 登记隐患（附照片），卡片发到隐患单位频道，按责任矩阵交牵头部门验收",
    en: "`/redline hazard report` — register a hazard (with photos); its card goes to the unit's channel and the matrix's lead department accepts it",
  },
  async run(ctx) {
    const sub = (ctx.command.args[0] ?? "").toLowerCase();
    if ((ACTIONS.report as readonly string[]).includes(sub)) return openReportModal(ctx);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "用法：/redline 隐患 登记",
      en: "Usage: /redline hazard report",
    });
  },
};
