import type { types } from "@slack/bolt";
import { z } from "zod";
import type { BoardRow, StatusBoard } from "../../domain/campaigns/build-status-board.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import type { CampaignDepartment } from "../../domain/campaigns/types.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual, Lang } from "../../lib/i18n.ts";
import {
  context,
  divider,
  escapeMrkdwn,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  progressBar,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import { plain } from "./modal-header.ts";
import { STATE_ICONS, taskLabel } from "./labels.ts";
import { buildStatusBoardMessage } from "./status-board-message.ts";

export const CLOSE_MODAL_CALLBACK = "campaign_close_submit";

/** Modals take at most 100 blocks; the missing list keeps to a few sections of many lines each. */
const MAX_MISSING_BLOCKS = 20;

const ZCloseMetadata = z.strictObject({
  campaignId: z.string().min(1).max(200),
  lang: z.enum(["zh", "en"]),
  channelId: z.string().max(40).nullable(),
});
export type CloseMetadata = z.infer<typeof ZCloseMetadata>;

export function parseCloseMetadata(raw: unknown): CloseMetadata {
  let json: unknown;
  try {
    json = typeof raw === "string" ? JSON.parse(raw) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ZCloseMetadata.safeParse(json);
  if (!parsed.success) {
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "表单无法读取，请重新输入 /redline 行动 结束 <编号>。",
      en: "The form could not be read; please run /redline campaign close <id> again.",
    });
  }
  return parsed.data;
}

/** "文化部门：上报隐患整治情况（逾期）、签署承诺" — the tasks a department has not done, or null when it has done all. */
function missingLine(row: BoardRow, tasks: StatusBoard["tasks"], lang: Lang): string | null {
  const zh = lang === "zh";
  const open = row.cells.filter((c) => c.state !== "done");
  if (open.length === 0) return null;
  const all = tasks.map((t) => t.task);
  const items = open.map((c) => {
    const label = escapeMrkdwn(taskLabel(c.task, all, lang));
    return c.state === "overdue" ? (zh ? `${label}（逾期）` : `${label} (overdue)`) : label;
  });
  const name = escapeMrkdwn(zh ? row.department.nameZh : row.department.nameEn);
  return `• *${name}*${zh ? "：" : ": "}${items.join(zh ? "、" : ", ")}`;
}

/**
 * The office's question before a campaign closes: what closing does, the progress so far and every department still
 * missing something, by task. Submitting closes it; the form has nothing to fill in.
 */
export function buildCloseModal(input: { board: StatusBoard; metadata: CloseMetadata }): types.ModalView {
  const { board, metadata } = input;
  const lang = metadata.lang;
  const zh = lang === "zh";
  const { campaign, totals } = board;
  const missing = board.rows.flatMap((r) => missingLine(r, board.tasks, lang) ?? []);
  const perTask = board.tasks.map((t) => `${escapeMrkdwn(t.task.title[lang])}　${progressBar(t.counts.done, t.total)}`);
  const blocks: Block[] = [
    section(
      zh
        ? `确定结束 *${escapeMrkdwn(campaign.title.zh)}* \`${campaign.id}\` 吗？\n结束后不再提醒，各单位不能再提交；各单位频道会收到结束通知，安委办频道收到最终进展。`
        : `Close *${escapeMrkdwn(campaign.title.en)}* \`${campaign.id}\`?\nNo more reminders or submissions; each department's channel is told it has closed, and the office channel gets the final tally.`,
    ),
    section(`*${zh ? "目前进展" : "Progress"}* ${progressBar(totals.done, totals.cells)}\n${perTask.join("\n")}`),
    divider(),
  ];
  if (missing.length === 0) {
    blocks.push(section(zh ? "✅ 所有单位均已完成全部任务。" : "✅ Every department has done every task."));
  } else {
    const packed = packLines(
      missing,
      MAX_MISSING_BLOCKS,
      zh ? `*尚未完成（${missing.length} 个单位）*` : `*Still missing (${missing.length} departments)*`,
    );
    blocks.push(...packed.blocks);
    if (packed.omitted > 0)
      blocks.push(
        context(
          zh
            ? `另有 ${packed.omitted} 个单位未列出；完整情况见 /redline 进展 ${campaign.id}。`
            : `${packed.omitted} more not shown; /redline status ${campaign.id} has them all.`,
        ),
      );
  }
  return {
    type: "modal",
    callback_id: CLOSE_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(zh ? "结束专项行动" : "Close a campaign"),
    submit: plain(zh ? "确认结束" : "Close it"),
    close: plain(zh ? "取消" : "Cancel"),
    blocks,
  };
}

/** What the close form turns into when it cannot close (closed meanwhile, not the office's): one sentence, no submit. */
export function buildCloseNoticeView(message: Bilingual, lang: Lang): types.ModalView {
  const zh = lang === "zh";
  return {
    type: "modal",
    title: plain(zh ? "结束专项行动" : "Close a campaign"),
    close: plain(zh ? "关闭" : "Close"),
    blocks: [section(escapeMrkdwn(message[lang]))],
  };
}

/** The campaign was closed before (by someone else, or by a first submit of the same form). */
export function alreadyClosedMessage(title: Bilingual, closedAt: Date | null, zone: string, now: Date): Bilingual {
  const when = (lang: Lang) => (closedAt ? formatInstant(closedAt, zone, lang, now) : null);
  return {
    zh: `“${title.zh}”此前已经结束${when("zh") ? `（${when("zh")}）` : ""}，无需再次结束。`,
    en: `“${title.en}” had already been closed${when("en") ? ` (${when("en")})` : ""}.`,
  };
}

/**
 * The closing notice in one department's channel: the campaign has ended, what this department did and did not do,
 * and that nothing more can be submitted.
 */
export function buildClosingNotice(input: {
  board: StatusBoard;
  department: CampaignDepartment & { nameZh: string; nameEn: string };
  closedAt: Date;
  lang: Lang;
}): SlackMessage {
  const { board, department, closedAt, lang } = input;
  const zh = lang === "zh";
  const row = board.rows.find((r) => r.department.id === department.id);
  const when = formatInstant(closedAt, board.zone, lang, closedAt);
  const title = escapeMrkdwn(board.campaign.title[lang]);
  const all = board.tasks.map((t) => t.task);
  const cells = (row?.cells ?? []).map((c) => {
    const label = escapeMrkdwn(taskLabel(c.task, all, lang));
    if (c.state === "done") return `${STATE_ICONS.done} ${label}`;
    return zh ? `✖️ ${label}（未完成）` : `✖️ ${label} (not done)`;
  });
  const done = row?.done ?? 0;
  const total = row?.cells.length ?? 0;
  const text = zh
    ? `🔒【行动结束】${title}已于${when}结束，不再提醒，也不再接受提交。本单位完成 ${done}/${total} 项。`
    : `🔒 [Campaign closed] ${title} closed ${when}: no more reminders or submissions. This department did ${done} of ${total}.`;
  return {
    text,
    blocks: [
      section(
        zh
          ? `🔒 *【行动结束】${title}*\n已于${when}结束，不再提醒，也不再接受提交。`
          : `🔒 *[Campaign closed] ${title}*\nClosed ${when}: no more reminders or submissions.`,
      ),
      section(
        `*${escapeMrkdwn(zh ? department.nameZh : department.nameEn)}*　${zh ? "完成" : "done"} ${done}/${total}\n${cells.join("\n")}`,
      ),
      context(`\`${board.campaign.id}\``),
    ],
  };
}

/** The run's final tally for the office: a short header line, then the board as it stood when it closed. */
export function buildFinalTallyMessage(board: StatusBoard, closedAt: Date, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const { totals, campaign } = board;
  const complete = board.rows.filter((r) => r.done === r.cells.length).length;
  const title = escapeMrkdwn(campaign.title[lang]);
  const tally = (name: string) =>
    zh
      ? `🔒 ${name} 已结束：完成 ${totals.done}/${totals.cells} 项，${complete}/${board.rows.length} 个单位全部完成${totals.overdue > 0 ? `，逾期未完成 ${totals.overdue} 项` : ""}。`
      : `🔒 ${name} closed: ${totals.done}/${totals.cells} done, ${complete}/${board.rows.length} departments complete${totals.overdue > 0 ? `, ${totals.overdue} overdue and not done` : ""}.`;
  // The board without its own header: this one says it is final.
  const rest = buildStatusBoardMessage(board, { lang, closedAt }).blocks.slice(1);
  const blocks = [
    header(zh ? `🔒 ${campaign.title.zh} · 最终进展` : `🔒 ${campaign.title.en} · final tally`),
    section(tally(`*${title}*`)),
    ...rest,
  ];
  return { text: tally(title), blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}
