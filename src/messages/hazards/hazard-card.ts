import type { ActionsBlock, Button } from "@slack/types";
import { HAZARD_COLOUR_NAMES, type DeadlineStatus } from "../../domain/hazards/colour.ts";
import { HAZARD_LEVEL_NAMES, HAZARD_STATE_NAMES, type HazardLevel, type HazardState } from "../../domain/hazards/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { clip, context, escapeMrkdwn as esc, header, mention, plain, section, type Block, type SlackMessage } from "../mrkdwn.ts";
import { HAZARD_ACTIONS } from "./ids.ts";
import { encodeHazardButton } from "./refs.ts";

type Named = { nameZh: string; nameEn: string };

/** One hazard as its card shows it (the service loads it; the builder reads no database and no clock). */
export interface HazardCardData {
  id: number;
  number: string;
  state: HazardState;
  level: HazardLevel;
  listed: boolean;
  unit: Named;
  /** The matrix's lead department; null under 三管三必须 (the unit and the office). */
  lead: Named | null;
  /** The county as 属地, when the owning unit is one. */
  territorial: Named | null;
  placeName: string;
  placeAddress: string | null;
  description: string;
  deadlineDay: string;
  status: DeadlineStatus;
  responsibleSlackUserId: string | null;
  responsibleName: string | null;
  fileCount: number;
}

const name = (n: Named, lang: Lang) => esc(lang === "zh" ? n.nameZh : n.nameEn);

export function deadlineText(d: Pick<HazardCardData, "deadlineDay" | "status" | "state">, lang: Lang): string {
  const zh = lang === "zh";
  if (d.state === "closed") return zh ? `${d.deadlineDay}` : d.deadlineDay;
  if (d.status.overdue)
    return zh
      ? `${d.deadlineDay}（已逾期 ${d.status.overdueWorkingDays} 个工作日）`
      : `${d.deadlineDay} (overdue by ${d.status.overdueWorkingDays} working days)`;
  return zh
    ? `${d.deadlineDay}（还剩 ${d.status.workingDaysLeft} 个工作日）`
    : `${d.deadlineDay} (${d.status.workingDaysLeft} working days left)`;
}

function button(text: string, actionId: string, hazardId: number, style?: "primary" | "danger"): Button {
  return { type: "button", text: plain(text), action_id: actionId, value: encodeHazardButton(hazardId), ...(style ? { style } : {}) };
}

/** The buttons the state allows; who may press them is decided on the server when pressed. */
export function hazardButtons(h: Pick<HazardCardData, "id" | "state" | "level" | "listed">, lang: Lang): Button[] {
  const zh = lang === "zh";
  const out: Button[] = [];
  if (h.state === "registered" || h.state === "rectifying")
    out.push(button(zh ? "提交整改" : "Submit rectification", HAZARD_ACTIONS.rectify, h.id, "primary"));
  if (h.state === "awaiting_acceptance") {
    out.push(button(zh ? "验收通过" : "Accept", HAZARD_ACTIONS.accept, h.id, "primary"));
    out.push(button(zh ? "退回" : "Return", HAZARD_ACTIONS.return, h.id, "danger"));
  }
  if (h.listed && (h.state === "registered" || h.state === "rectifying"))
    out.push(button(zh ? "报送进展" : "Report progress", HAZARD_ACTIONS.progress, h.id));
  if (h.level === "major" && !h.listed && h.state !== "closed")
    out.push(button(zh ? "挂牌督办" : "List for supervision", HAZARD_ACTIONS.list, h.id));
  return out;
}

/** The card's facts, one per line: state, level, colour; unit and 属地; lead department; place; deadline; who is responsible. */
export function hazardFactLines(h: HazardCardData, lang: Lang): string[] {
  const zh = lang === "zh";
  const colour = HAZARD_COLOUR_NAMES[h.status.colour];
  const state = HAZARD_STATE_NAMES[h.state][lang];
  const level = HAZARD_LEVEL_NAMES[h.level][lang];
  const listed = h.listed ? (zh ? " · 🏷️ 挂牌督办" : " · 🏷️ listed") : "";
  const lead = h.lead
    ? name(h.lead, lang)
    : zh
      ? "矩阵未列明：本单位负责，安委办验收（三管三必须）"
      : "not in the matrix: the unit, accepted by the office";
  const responsible = h.responsibleSlackUserId ? mention(h.responsibleSlackUserId) : esc(h.responsibleName ?? "—");
  return zh
    ? [
        `${colour.emoji} *${state}* · ${level}${listed}${h.state === "closed" ? "" : ` · ${colour.zh}`}`,
        `*隐患单位：* ${name(h.unit, lang)}${h.territorial && h.territorial !== h.unit ? `　*属地：* ${name(h.territorial, lang)}` : ""}`,
        `*牵头部门：* ${lead}`,
        `*地点：* ${esc(h.placeName)}${h.placeAddress ? `（${esc(h.placeAddress)}）` : ""}`,
        `*整改期限：* ${deadlineText(h, lang)}`,
        `*责任人：* ${responsible}`,
      ]
    : [
        `${colour.emoji} *${state}* · ${level}${listed}${h.state === "closed" ? "" : ` · ${colour.en}`}`,
        `*Unit:* ${name(h.unit, lang)}${h.territorial && h.territorial !== h.unit ? `   *Territorial:* ${name(h.territorial, lang)}` : ""}`,
        `*Lead department:* ${lead}`,
        `*Place:* ${esc(h.placeName)}${h.placeAddress ? ` (${esc(h.placeAddress)})` : ""}`,
        `*Deadline:* ${deadlineText(h, lang)}`,
        `*Responsible:* ${responsible}`,
      ];
}

/** The buttons' actions block, or nothing when the state allows none. */
export function hazardActionsBlock(h: Pick<HazardCardData, "id" | "state" | "level" | "listed">, lang: Lang): ActionsBlock[] {
  const buttons = hazardButtons(h, lang);
  return buttons.length ? [{ type: "actions", block_id: `hazard_${h.id}`, elements: buttons }] : [];
}

/** The hazard card in the owning unit's channel: colour, state, deadline, lead department, buttons. Updated in place. */
export function buildHazardCard(h: HazardCardData, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const state = HAZARD_STATE_NAMES[h.state][lang];
  const lines = hazardFactLines(h, lang);
  const blocks: Block[] = [
    header(zh ? `【隐患】${h.number} · ${h.placeName}` : `[Hazard] ${h.number} · ${h.placeName}`),
    section(lines.join("\n")),
    section(esc(h.description)),
  ];
  blocks.push(
    ...hazardActionsBlock(h, lang),
    context(zh ? `证据 ${h.fileCount} 件 · 处理记录见本消息的回复` : `${h.fileCount} evidence files · history in this message's thread`),
  );
  const text = zh
    ? `【隐患】${h.number} ${h.placeName} · ${state} · 整改期限 ${h.deadlineDay}`
    : `[Hazard] ${h.number} ${h.placeName} · ${state} · deadline ${h.deadlineDay}`;
  return { text: esc(text), blocks };
}

export interface HazardEventLine {
  action: string;
  actorSlackUserId: string;
  fromState: HazardState | null;
  toState: HazardState | null;
  note: string | null;
  fileCount: number;
}

export const ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  register: { zh: "登记", en: "registered" },
  start_rectification: { zh: "开始整改", en: "started rectification" },
  submit_rectification: { zh: "提交整改", en: "submitted the rectification" },
  accept: { zh: "验收通过，销号", en: "accepted — closed" },
  return: { zh: "退回", en: "returned it" },
  list: { zh: "挂牌督办", en: "listed it for supervision" },
  delist: { zh: "摘牌", en: "delisted it" },
  progress_report: { zh: "报送进展", en: "reported progress" },
  interview: { zh: "约谈", en: "recorded a safety interview" },
  note: { zh: "备注", en: "added a note" },
};

/** A Slack user as a mention; anything else that acted (`cli:alice`, the scheduler) as escaped text. */
export function actorText(actor: string): string {
  return /^[UW][A-Z0-9]+$/.test(actor) ? mention(actor) : `\`${esc(actor)}\``;
}

/** One history entry in mrkdwn: who, what, from → to, the files, the note quoted. */
export function historyEntryText(e: HazardEventLine, lang: Lang): string {
  const zh = lang === "zh";
  const files = e.fileCount ? (zh ? ` · 附件 ${e.fileCount} 件` : ` · ${e.fileCount} files`) : "";
  const note = e.note ? `\n> ${esc(e.note).replace(/\n/g, "\n> ")}` : "";
  return `${actorText(e.actorSlackUserId)} ${historyLabel(e, lang)}${files}${note}`;
}

function historyLabel(e: Pick<HazardEventLine, "action" | "fromState" | "toState">, lang: Lang): string {
  const label = ACTION_LABELS[e.action]?.[lang] ?? e.action;
  const move =
    e.fromState && e.toState && e.fromState !== e.toState
      ? ` （${HAZARD_STATE_NAMES[e.fromState][lang]} → ${HAZARD_STATE_NAMES[e.toState][lang]}）`
      : "";
  return `${label}${move}`;
}

/** An evidence file of a history entry, as the ledger keeps it. */
export interface EvidenceFile {
  slackFileId: string;
  name: string | null;
  mimetype: string | null;
}

/** Slack shows a file it holds in an image block only when it is one of these (its slack_file object's rule). */
const SLACK_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);
/** Photos shown under one history entry; the rest are counted (the detail lists them all). */
export const HISTORY_PHOTOS_SHOWN = 3;

/** One history entry as a thread reply under the card: the line, and its photos (before or after) as images. */
export function buildHistoryLine(e: HazardEventLine, lang: Lang, files: readonly EvidenceFile[] = []): SlackMessage {
  const zh = lang === "zh";
  const photos = files.filter((f) => f.mimetype !== null && SLACK_IMAGE_TYPES.has(f.mimetype.toLowerCase()));
  const shown = photos.slice(0, HISTORY_PHOTOS_SHOWN);
  const images: Block[] = shown.map((f) => {
    const label = clip(f.name ?? (zh ? "证据照片" : "evidence photo"), 200);
    return { type: "image", slack_file: { id: f.slackFileId }, alt_text: label, title: plain(label) };
  });
  const more = photos.length - shown.length;
  const rest =
    more > 0
      ? [context(zh ? `另有 ${more} 张照片（/redline 隐患 编号 查看全部）` : `${more} more photos (see /redline hazard <number>)`)]
      : [];
  return { text: historyLabel(e, lang), blocks: [section(historyEntryText(e, lang)), ...images, ...rest] };
}
