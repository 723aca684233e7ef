import type { Button } from "@slack/types";
import { localClock, localDay } from "../../domain/calendar/office-hours.ts";
import { HAZARD_COLOUR_NAMES, type DeadlineStatus } from "../../domain/hazards/colour.ts";
import { formatRate, type UnitStats } from "../../domain/hazards/ledger.ts";
import { HAZARD_LEVEL_NAMES, HAZARD_STATE_NAMES, type HazardLevel, type HazardState } from "../../domain/hazards/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import {
  clip,
  context,
  divider,
  escapeMrkdwn as esc,
  header,
  MAX_MESSAGE_BLOCKS,
  packLines,
  plain,
  section,
  type Block,
  type SlackMessage,
} from "../mrkdwn.ts";
import {
  deadlineText,
  hazardActionsBlock,
  hazardFactLines,
  historyEntryText,
  type HazardCardData,
  type HazardEventLine,
} from "./hazard-card.ts";
import { HAZARD_ACTIONS } from "./ids.ts";
import { encodeHazardButton, encodeLedgerPage, type LedgerPageRef } from "./refs.ts";

type Named = { nameZh: string; nameEn: string };
const name = (n: Named, lang: Lang) => esc(lang === "zh" ? n.nameZh : n.nameEn);

/** One row of the ledger list. */
export interface LedgerListItem {
  id: number;
  number: string;
  unit: Named;
  placeName: string;
  level: HazardLevel;
  state: HazardState;
  listed: boolean;
  deadlineDay: string;
  status: DeadlineStatus;
}

export interface LedgerListInput {
  items: LedgerListItem[];
  /** Rows matching the filter, on every page. */
  total: number;
  pageSize: number;
  ref: LedgerPageRef;
  /** The unit the list was narrowed to, when one was named. */
  unit: Named | null;
  /** The supervision group whose findings these are, when the list is a group's. */
  group?: Named | null;
  /** Whether the reader sees the whole ledger (the office) or only their units and sectors. */
  all: boolean;
}

function filterWords(input: LedgerListInput, lang: Lang): string[] {
  const zh = lang === "zh";
  const f = input.ref.filter;
  return [
    ...(input.unit ? [name(input.unit, lang)] : []),
    ...(input.group ? [zh ? `${name(input.group, lang)}发现` : `found by ${name(input.group, lang)}`] : []),
    ...(f.overdue ? [zh ? "逾期" : "overdue"] : []),
    ...(f.major ? [zh ? "重大" : "major"] : []),
    ...(f.listed ? [zh ? "挂牌督办" : "listed"] : []),
    ...(f.includeClosed ? [zh ? "含已销号" : "closed included"] : [zh ? "未销号" : "open"]),
  ];
}

function pageButton(text: string, ref: LedgerPageRef): Button {
  return { type: "button", text: plain(text), action_id: HAZARD_ACTIONS.page, value: encodeLedgerPage(ref) };
}

/** `/redline 隐患 列表`: one page of hazards, most urgent first, each with 详情; 上一页 / 下一页 below. */
export function buildLedgerListMessage(input: LedgerListInput, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const { ref, total, pageSize } = input;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(ref.page, pages - 1);
  const words = filterWords(input, lang).join(zh ? "、" : ", ");
  const whose = input.all
    ? zh
      ? "全市"
      : "city-wide"
    : input.group
      ? zh
        ? "督导组"
        : "supervision group"
      : zh
        ? "本单位及牵头行业"
        : "your units and sectors";
  const blocks: Block[] = [
    header(zh ? "📋 隐患台账" : "📋 Hazard ledger"),
    context(
      zh
        ? `${whose} · ${words} · 共 ${total} 条${pages > 1 ? `，第 ${page + 1}/${pages} 页` : ""} · 按紧急程度排序`
        : `${whose} · ${words} · ${total} in all${pages > 1 ? `, page ${page + 1} of ${pages}` : ""} · most urgent first`,
    ),
  ];
  if (!input.items.length) {
    blocks.push(section(zh ? "没有符合条件的隐患。" : "No hazard matches."));
  }
  for (const h of input.items) {
    const colour = HAZARD_COLOUR_NAMES[h.status.colour];
    const level = HAZARD_LEVEL_NAMES[h.level][lang];
    const state = HAZARD_STATE_NAMES[h.state][lang];
    const listed = h.listed && h.state !== "closed" ? (zh ? " · 🏷️ 挂牌" : " · 🏷️ listed") : "";
    const text =
      `${colour.emoji} *${h.number}* ${name(h.unit, lang)} · ${esc(clip(h.placeName, 80))}\n` +
      `${level} · ${state}${listed} · ${zh ? "期限" : "due"} ${deadlineText(h, lang)}`;
    blocks.push(
      section(text, undefined, {
        type: "button",
        text: plain(zh ? "详情" : "Details"),
        action_id: HAZARD_ACTIONS.show,
        value: encodeHazardButton(h.id),
      }),
    );
  }
  const nav: Button[] = [];
  if (page > 0) nav.push(pageButton(zh ? "◀ 上一页" : "◀ Previous", { ...ref, page: page - 1 }));
  if (page + 1 < pages) nav.push(pageButton(zh ? "下一页 ▶" : "Next ▶", { ...ref, page: page + 1 }));
  if (nav.length) blocks.push({ type: "actions", block_id: "hazard_ledger_nav", elements: nav });
  blocks.push(
    context(
      zh
        ? "筛选：`/redline 隐患 列表 [单位] [逾期|重大|挂牌|全部]` · 详情：`/redline 隐患 YH-2026-0001`"
        : "Filter: `/redline hazard list [unit] [overdue|major|listed|all]` · details: `/redline hazard YH-2026-0001`",
    ),
  );
  return { text: zh ? `隐患台账：共 ${total} 条` : `Hazard ledger: ${total}`, blocks };
}

export interface HazardDetailInput {
  card: HazardCardData;
  venueType: Named | null;
  category: string | null;
  source: string;
  /** The campaign, group or file it came from; for a hazard registered from a message, the message's link. */
  sourceRef?: string | null;
  /** The supervision group that found it (source supervision_group), by name. */
  finderGroup?: Named | null;
  foundDay: string;
  measures: string | null;
  responsibility: string | null;
  funding: string | null;
  contingencyPlan: string | null;
  files: { kind: string; name: string | null; permalink: string | null }[];
  events: (HazardEventLine & { at: Date })[];
  zone: string;
}

const SOURCE_NAMES: Record<string, { zh: string; en: string }> = {
  self_inspection: { zh: "自查", en: "self-inspection" },
  campaign: { zh: "专项行动", en: "a campaign" },
  supervision_group: { zh: "督导组检查", en: "a supervision group" },
  imported: { zh: "台账导入", en: "imported ledger" },
};

const FILE_KINDS: Record<string, { zh: string; en: string }> = {
  before: { zh: "整改前", en: "before" },
  after: { zh: "整改后", en: "after" },
  other: { zh: "其他", en: "other" },
};

/** `/redline 隐患 <编号>`: every field, the evidence files, the whole timeline (oldest first), and the buttons the state allows. */
export function buildHazardDetailMessage(input: HazardDetailInput, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const h = input.card;
  const how = SOURCE_NAMES[input.source]?.[lang] ?? input.source;
  const source = input.finderGroup ? `${how}${zh ? "：" : ", "}${name(input.finderGroup, lang)}` : how;
  const fromMessage =
    input.source === "self_inspection" && input.sourceRef && /^https:\/\/[^\s<>|]+$/.test(input.sourceRef) ? input.sourceRef : null;
  const facts = [
    ...hazardFactLines(h, lang),
    zh
      ? `*场所类型：* ${input.venueType ? name(input.venueType, lang) : "其他（矩阵未列明）"}${input.category ? `　*类别：* ${esc(input.category)}` : ""}`
      : `*Venue type:* ${input.venueType ? name(input.venueType, lang) : "other (not in the matrix)"}${input.category ? `   *Category:* ${esc(input.category)}` : ""}`,
    zh
      ? `*发现：* ${input.foundDay}（${source}${fromMessage ? `，<${fromMessage}|来源消息>` : ""}）`
      : `*Found:* ${input.foundDay} (${source}${fromMessage ? `, <${fromMessage}|the message>` : ""})`,
  ];
  const more: string[] = [];
  const field = (zhLabel: string, enLabel: string, value: string | null) => {
    if (value) more.push(`*${zh ? `${zhLabel}：` : `${enLabel}:`}* ${esc(clip(value, 600))}`);
  };
  field("整改措施", "Measures", input.measures);
  field("责任落实", "Responsibility", input.responsibility);
  field("资金落实", "Funding", input.funding);
  field("应急预案", "Contingency plan", input.contingencyPlan);

  const blocks: Block[] = [
    header(zh ? `【隐患】${h.number} · ${h.placeName}` : `[Hazard] ${h.number} · ${h.placeName}`),
    section(facts.join("\n")),
    section(esc(clip(h.description, 2900))),
  ];
  if (more.length) blocks.push(section(clip(more.join("\n"), 2900)));
  if (input.files.length) {
    const lines = input.files.map((f) => {
      const kind = FILE_KINDS[f.kind]?.[lang] ?? f.kind;
      const label = esc(f.name ?? (zh ? "文件" : "file"));
      return `• ${kind}：${f.permalink && /^https:\/\//.test(f.permalink) ? `<${f.permalink}|${label}>` : label}`;
    });
    blocks.push(section(clip(`*${zh ? "证据" : "Evidence"}*\n${lines.join("\n")}`, 2900)));
  }
  blocks.push(...hazardActionsBlock(h, lang), divider());
  const timeline = input.events.map((e) => `${localDay(e.at, input.zone)} ${localClock(e.at, input.zone)}  ${historyEntryText(e, lang)}`);
  // Room for the closing note: the header blocks above, the timeline packed below them.
  const room = MAX_MESSAGE_BLOCKS - blocks.length - 1;
  const packed = packLines(timeline, room, zh ? `*处理记录（${timeline.length} 条）*` : `*History (${timeline.length})*`);
  blocks.push(...packed.blocks);
  if (packed.omitted)
    blocks.push(
      context(
        zh
          ? `另有 ${packed.omitted} 条较新的记录未显示，见卡片回复。`
          : `${packed.omitted} newer entries not shown; see the card's thread.`,
      ),
    );
  return { text: zh ? `隐患 ${h.number} 详情` : `Hazard ${h.number}`, blocks };
}

export interface StatsRow extends UnitStats, Named {
  kind: string;
}

const KIND_HEADINGS: Record<string, { zh: string; en: string }> = {
  county_district: { zh: "县（市、区）", en: "Counties and districts" },
  department: { zh: "市直部门", en: "Departments" },
  university: { zh: "高校", en: "Universities" },
};

function statsLine(s: StatsRow, lang: Lang): string {
  return `*${name(s, lang)}* ${figures(s, lang)}`;
}

function figures(s: UnitStats, lang: Lang): string {
  const zh = lang === "zh";
  return zh
    ? `发现 ${s.found} · 销号 ${s.rectified} · 整改率 ${formatRate(s.rate)} · 未销号 ${s.open} · 逾期 ${s.overdue} · 重大 ${s.major} · 挂牌 ${s.listed}`
    : `found ${s.found} · closed ${s.rectified} · rate ${formatRate(s.rate)} · open ${s.open} · overdue ${s.overdue} · major ${s.major} · listed ${s.listed}`;
}

export interface LedgerStatsInput {
  /** Per owning unit, in the directory's order. */
  units: StatsRow[];
  total: UnitStats;
  /** For a lead department: its sector's hazards per owning unit (other units' hazards it accepts). */
  sector: { lead: Named; units: StatsRow[]; total: UnitStats }[];
  today: string;
  all: boolean;
}

/** `/redline 隐患 统计`: found, rectified, rate, open, overdue, major, listed per county/department, and the total. */
export function buildLedgerStatsMessage(input: LedgerStatsInput, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const blocks: Block[] = [
    header(zh ? "📊 隐患排查治理统计" : "📊 Hazard statistics"),
    context(zh ? `截至 ${input.today} · 整改率 = 已销号 ÷ 发现` : `As of ${input.today} · rate = closed ÷ found`),
  ];
  const withHazards = input.units.filter((u) => u.found > 0);
  const kinds = [...new Set(withHazards.map((u) => u.kind))];
  const lines: string[] = [];
  for (const kind of kinds) {
    lines.push(`*${KIND_HEADINGS[kind]?.[lang] ?? kind}*`);
    for (const u of withHazards.filter((w) => w.kind === kind)) lines.push(`• ${statsLine(u, lang)}`);
  }
  const sectorRoom = input.sector.length * 2;
  const packed = packLines(lines, Math.max(1, MAX_MESSAGE_BLOCKS - 6 - sectorRoom));
  blocks.push(...(lines.length ? packed.blocks : [section(zh ? "尚无隐患记录。" : "No hazards recorded yet.")]));
  const idle = input.units.length - withHazards.length;
  const notes = [
    ...(packed.omitted
      ? [
          zh
            ? `另有 ${packed.omitted} 行未显示，完整统计请用 \`/redline 隐患 导出\`。`
            : `${packed.omitted} more lines; \`/redline hazard export\` has them all.`,
        ]
      : []),
    ...(idle > 0 ? [zh ? `另有 ${idle} 个单位暂无隐患记录。` : `${idle} more units have no hazards recorded.`] : []),
  ];
  if (notes.length) blocks.push(context(notes.join(" ")));
  if (input.all || input.units.length > 1) blocks.push(section(`*${zh ? "合计" : "Total"}* ${figures(input.total, lang)}`));
  for (const s of input.sector) {
    const sectorLines = s.units.filter((u) => u.found > 0).map((u) => `• ${statsLine(u, lang)}`);
    blocks.push(
      divider(),
      ...packLines(
        sectorLines.length ? sectorLines : [zh ? "本行业暂无隐患记录。" : "No hazards in this sector yet."],
        1,
        zh ? `*${name(s.lead, lang)} 牵头行业的隐患（按隐患单位）*` : `*Hazards in ${name(s.lead, lang)}'s sector (by owning unit)*`,
      ).blocks,
    );
  }
  return {
    text: zh
      ? `隐患统计：发现 ${input.total.found}，销号 ${input.total.rectified}`
      : `Hazards: ${input.total.found} found, ${input.total.rectified} closed`,
    blocks,
  };
}
