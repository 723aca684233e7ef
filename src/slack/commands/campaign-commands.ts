import { campaignLedgerFigures } from "../../hazards/campaign-ledger-figures.ts";
import { buildLedgerFiguresBlocks } from "../../messages/hazards/ledger-figures-board.ts";
import { campaignNotFound, findCampaign, listCampaigns } from "../../campaigns/find-campaign.ts";
import { buildCloseModal } from "../../messages/campaigns/close-messages.ts";
import { buildUploadModal } from "../../messages/campaigns/upload-modal.ts";
import { buildReportHistoryMessage } from "../../messages/campaigns/report-history-message.ts";
import { loadReportHistory } from "../../campaigns/report-corrections.ts";
import { findDepartmentByText } from "../../meetings/absences.ts";
import { launchAndPost, launchReport, templateChoices } from "../../campaigns/launch.ts";
import { findTemplate } from "../../campaigns/templates.ts";
import { parseDateAssignments } from "../../campaigns/definition/resolve-campaign.ts";
import { loadRunningBoards, loadStatusBoard, type LoadedBoard } from "../../campaigns/load-boards.ts";
import { departmentView } from "../../domain/campaigns/build-status-board.ts";
import { departmentRole, isOfficeMember, registeredMemberships } from "../../directory/membership.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import { requireOffice } from "../../directory/office.ts";
import { buildLaunchModal } from "../../messages/campaigns/launch-modal.ts";
import { escapeMrkdwn, MAX_MESSAGE_BLOCKS } from "../../messages/mrkdwn.ts";
import { buildCampaignListMessage } from "../../messages/campaigns/office-replies.ts";
import {
  buildCampaignsOverviewMessage,
  buildDepartmentStatusMessage,
  buildStatusBoardMessage,
} from "../../messages/campaigns/status-board-message.ts";
import { commandSweepDeps, say, type CommandContext, type SubcommandDefinition } from "./registry.ts";

const ACTIONS = {
  launch: ["launch", "start", "发起", "启动"],
  list: ["list", "ls", "列表", "查看"],
  close: ["close", "end", "结束", "关闭"],
  corrections: ["corrections", "history", "更正记录", "更正", "历史"],
  upload: ["upload", "上传"],
} as const;

/**
 * `launch` opens the chooser; `launch <template> [task=YYYY-MM-DD …]` launches that template directly, with the
 * days it leaves open given as `<task>=<day>` (`<task>.opens=<day>` for an opening day). Office only.
 */
async function launch(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "发起专项行动", en: "launch campaigns" });
  const now = deps.now();
  const id = command.args[1];
  if (!id) {
    const choices = await templateChoices(deps.db, now, deps.config.zone);
    await ctx.client.views.open({
      trigger_id: ctx.triggerId,
      view: buildLaunchModal({ choices, metadata: { lang, channelId: ctx.channelId }, now, zone: deps.config.zone }),
    });
    return;
  }
  const template = await findTemplate(deps.db, id.toLowerCase());
  if (!template) {
    const ids = (await templateChoices(deps.db, now, deps.config.zone)).map((c) => c.id);
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `没有行动模板“${id}”。可选：${ids.join("、")}；自定义行动请先用 /redline 行动 上传 上传 YAML 文件。`,
      en: `No campaign template “${id}”. Choose one of ${ids.join(", ")}; for one of your own, first upload its YAML file with /redline campaign upload.`,
    });
  }
  const dates = parseDateAssignments(command.args.slice(2));
  const outcome = await launchAndPost(commandSweepDeps(ctx), {
    file: template.file,
    fileName: template.fileName,
    dates,
    launchedBy: ctx.userId,
    now,
  });
  await ctx.respond({ response_type: "ephemeral", ...launchReport(outcome, now, lang) });
}

async function list(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  await requireOffice(deps.db, ctx.userId, { zh: "查看专项行动列表", en: "list campaigns" });
  const now = deps.now();
  const items = await listCampaigns(deps.db, now, deps.config.zone);
  await ctx.respond({
    response_type: "ephemeral",
    ...buildCampaignListMessage(items, { now, zone: deps.config.zone, lang: command.lang }),
  });
}

/**
 * `close <id>` asks first: a form with the progress and every department still missing something; submitting it
 * closes the run (see the view listener). A run already closed is said so, with no form.
 */
async function close(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "结束专项行动", en: "close campaigns" });
  const text = command.args.slice(1).join(" ");
  if (!text) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "请写行动编号，例如 /redline 行动 结束 summer-fire-safety-2026（/redline 行动 列表 可查看编号）。",
      en: "Please give the campaign id, e.g. /redline campaign close summer-fire-safety-2026 (/redline campaign list shows ids).",
    });
  }
  const campaign = await findCampaign(deps.db, text);
  const title = escapeMrkdwn(lang === "zh" ? campaign.titleZh : campaign.titleEn);
  if (campaign.status === "closed") {
    await say(ctx, lang === "zh" ? `“${title}”（${campaign.id}）此前已经结束。` : `“${title}” (${campaign.id}) had already been closed.`);
    return;
  }
  const board = await loadStatusBoard(deps.db, campaign.id, deps.now(), deps.config.zone);
  if (!board) throw campaignNotFound(text);
  await ctx.client.views.open({
    trigger_id: ctx.triggerId,
    view: buildCloseModal({ board, metadata: { campaignId: campaign.id, lang, channelId: ctx.channelId } }),
  });
}

/** `corrections <id> [department]`: every corrected report of the run, each version with who, when and what changed. */
async function corrections(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  await requireOffice(deps.db, ctx.userId, { zh: "查看报告更正记录", en: "see report corrections" });
  const text = command.args[1];
  if (!text) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "请写行动编号，例如 /redline 行动 更正记录 hazard-rectification-report-2026 [单位]。",
      en: "Please give the campaign id, e.g. /redline campaign corrections hazard-rectification-report-2026 [department].",
    });
  }
  const campaign = await findCampaign(deps.db, text);
  const unitText = command.args.slice(2).join(" ").trim();
  const department = unitText ? await findDepartmentByText(deps.db, unitText) : null;
  const histories = await loadReportHistory(deps.db, campaign.id, department?.id);
  await ctx.respond({
    response_type: "ephemeral",
    ...buildReportHistoryMessage(histories, {
      campaign: { id: campaign.id, title: { zh: campaign.titleZh, en: campaign.titleEn } },
      zone: deps.config.zone,
      now: deps.now(),
      lang,
    }),
  });
}

export const campaignCommand: SubcommandDefinition = {
  names: ["campaign", "campaigns", "行动", "专项行动"],
  officeOnly: true,
  usage: {
    zh: "`/redline 行动 发起 [模板 [任务=日期]]|上传|列表|结束 <编号>|更正记录 <编号> [单位]` — 发起行动模板（每次一轮）、上传自定义模板（YAML）、查看全部行动、结束行动、查看报告更正记录（仅安委办）",
    en: "`/redline campaign launch [template [task=date]]|upload|list|close <id>|corrections <id> [department]` — launch a campaign template (a new run each time), upload one of your own (YAML), list campaigns, close one, see report corrections (office only)",
  },
  async run(ctx) {
    const action = (ctx.command.args[0] ?? "list").toLowerCase();
    const is = (names: readonly string[]) => names.includes(action);
    if (is(ACTIONS.launch)) return launch(ctx);
    if (is(ACTIONS.list)) return list(ctx);
    if (is(ACTIONS.close)) return close(ctx);
    if (is(ACTIONS.corrections)) return corrections(ctx);
    if (is(ACTIONS.upload)) {
      await requireOffice(ctx.deps.db, ctx.userId, { zh: "上传行动模板", en: "upload campaign templates" });
      await ctx.client.views.open({
        trigger_id: ctx.triggerId,
        view: buildUploadModal({ lang: ctx.command.lang, channelId: ctx.channelId }),
      });
      return;
    }
    throw new AppError(ErrorCode.InputInvalid, {
      zh: `不认识“${action}”。可用：发起 [编号]、上传、列表、结束 <编号>、更正记录 <编号> [单位]。`,
      en: `Unknown “${action}”. Use launch [id], upload, list, close <id> or corrections <id> [department].`,
    });
  },
};

/**
 * The departments whose tasks this person may see and do: those they are registered with (head, liaison), and the
 * department whose channel the command was typed in when they are a member of it.
 */
async function myDepartments(ctx: CommandContext): Promise<string[]> {
  const { db } = ctx.deps;
  const ids = new Set((await registeredMemberships(db, ctx.userId)).map((m) => m.departmentId));
  const here = await db.department.findUnique({ where: { slackChannelId: ctx.channelId }, select: { id: true, kind: true } });
  if (here && here.kind !== "office" && !ids.has(here.id) && (await departmentRole(db, ctx.deps.delivery, ctx.userId, here.id)))
    ids.add(here.id);
  return [...ids];
}

async function status(ctx: CommandContext): Promise<void> {
  const { deps, command } = ctx;
  const lang = command.lang;
  const now = deps.now();
  const zone = deps.config.zone;
  const named = command.rest ? await findCampaign(deps.db, command.rest) : null;

  if (await isOfficeMember(deps.db, ctx.userId)) {
    if (named) {
      const board = await loadStatusBoard(deps.db, named.id, now, zone);
      if (!board) return;
      const message = buildStatusBoardMessage(board, { lang, closedAt: named.closedAt });
      // A report campaign: each unit's hazard ledger since the launch, to read the reports beside.
      const ledger = await campaignLedgerFigures(deps.db, board, named.launchedAt, zone);
      if (ledger)
        message.blocks = [
          ...message.blocks,
          ...buildLedgerFiguresBlocks(ledger.rows, ledger.sinceDay, lang, MAX_MESSAGE_BLOCKS - message.blocks.length),
        ];
      await ctx.respond({ response_type: "ephemeral", ...message });
      return;
    }
    await ctx.respond({
      response_type: "ephemeral",
      ...buildCampaignsOverviewMessage(await loadRunningBoards(deps.db, now, zone), { now, zone, lang }),
    });
    return;
  }

  const departments = await myDepartments(ctx);
  if (departments.length === 0) {
    throw new AppError(ErrorCode.Forbidden, {
      zh: "您不是任何单位的联络员、主要负责人或频道成员，无法查看行动进展。请在本单位频道中使用此命令，或联系安委办登记。",
      en: "You are not a liaison, principal head or channel member of any department, so there is no progress to show. Use this command in your department's channel, or ask the safety office to register you.",
    });
  }
  const boards: LoadedBoard[] = named
    ? [await loadStatusBoard(deps.db, named.id, now, zone)].flatMap((b) => (b ? [b] : []))
    : await loadRunningBoards(deps.db, now, zone);
  // Slack takes up to five responses per command; a person in more departments than that is told to narrow it down.
  for (const departmentId of departments.slice(0, 4)) {
    const views = boards.flatMap((b) => departmentView(b, departmentId) ?? []);
    if (views.length === 0) {
      const department = await deps.db.department.findUnique({ where: { id: departmentId } });
      const name = escapeMrkdwn(department ? (lang === "zh" ? department.nameZh : department.nameEn) : departmentId);
      await say(
        ctx,
        lang === "zh"
          ? `${name}：${named ? "该行动未发给本单位" : "目前没有进行中的专项行动"}。`
          : `${name}: ${named ? "this campaign was not sent to it" : "no campaign is running"}.`,
      );
      continue;
    }
    await ctx.respond({ response_type: "ephemeral", ...buildDepartmentStatusMessage(views, { now, zone, lang }) });
  }
  if (departments.length > 4) {
    await say(
      ctx,
      lang === "zh"
        ? `另有 ${departments.length - 4} 个单位未显示，请在相应单位频道中使用此命令。`
        : `${departments.length - 4} more departments not shown; use the command in their channels.`,
    );
  }
}

export const statusCommand: SubcommandDefinition = {
  names: ["status", "进展", "状态", "进度"],
  usage: {
    zh: "`/redline 进展 [行动]` — 安委办：全部单位的进展；各单位：本单位待办事项和按钮",
    en: "`/redline status [campaign]` — office: every department's progress; departments: your open tasks with their buttons",
  },
  run: status,
};

/** /redline subcommands for campaigns. */
export const campaignCommands: SubcommandDefinition[] = [campaignCommand, statusCommand];
