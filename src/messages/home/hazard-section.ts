import type { Button, HomeView } from "@slack/types";
import { HAZARD_COLOUR_NAMES, type DeadlineStatus } from "../../domain/hazards/colour.ts";
import { HAZARD_STATE_NAMES, type HazardLevel, type HazardState } from "../../domain/hazards/types.ts";
import type { Lang } from "../../lib/i18n.ts";
import { deadlineText } from "../hazards/hazard-card.ts";
import { HAZARD_ACTIONS } from "../hazards/ids.ts";
import { encodeHazardButton } from "../hazards/refs.ts";
import { context, divider, escapeMrkdwn as esc, plain, section, type Block } from "../mrkdwn.ts";
import { MAX_HOME_BLOCKS } from "./home-view.ts";

type Named = { nameZh: string; nameEn: string };

/** One hazard as a line of the Home tab. */
export interface HazardHomeRow {
  id: number;
  number: string;
  placeName: string;
  unit: Named;
  deadlineDay: string;
  state: HazardState;
  level: HazardLevel;
  listed: boolean;
  status: DeadlineStatus;
}

export interface HazardHomeData {
  /** Each unit the person is registered with: its open hazards, most urgent first (the first few). */
  units: { unitId: string; unit: Named; open: number; overdue: number; rows: HazardHomeRow[] }[];
  /** Each supervision group the person is a member of: its findings not yet closed (销号), most urgent first. */
  groups?: { groupId: string; group: Named; open: number; overdue: number; rows: HazardHomeRow[] }[];
  /** Rectifications waiting for this person's acceptance (the oldest first). */
  toAccept: { rows: HazardHomeRow[]; total: number };
  /** The office: listed hazards and the red ones. */
  office: { listed: HazardHomeRow[]; listedTotal: number; red: HazardHomeRow[]; redTotal: number } | null;
}

const name = (n: Named, lang: Lang) => esc(lang === "zh" ? n.nameZh : n.nameEn);

function button(text: string, actionId: string, hazardId: number, style?: "primary" | "danger"): Button {
  return { type: "button", text: plain(text), action_id: actionId, value: encodeHazardButton(hazardId), ...(style ? { style } : {}) };
}

function line(r: HazardHomeRow, lang: Lang, withUnit: boolean): string {
  const zh = lang === "zh";
  const colour = HAZARD_COLOUR_NAMES[r.status.colour].emoji;
  const major = r.level === "major" ? (zh ? " · 重大" : " · major") : "";
  const listed = r.listed ? (zh ? " · 🏷️ 挂牌督办" : " · 🏷️ listed") : "";
  const unit = withUnit ? `${name(r.unit, lang)} · ` : "";
  return `${colour} *${r.number}* ${unit}${esc(r.placeName)}\n${zh ? "整改期限" : "Deadline"} ${deadlineText(r, lang)} · ${HAZARD_STATE_NAMES[r.state][lang]}${major}${listed}`;
}

/**
 * The button a unit's member needs on its own hazard: 提交整改, or 报送进展 for a listed one (the weekly report it owes;
 * 提交整改 stays on its card); none while it waits for acceptance.
 */
function ownerButton(r: HazardHomeRow, lang: Lang): Button | null {
  const zh = lang === "zh";
  if (r.state !== "registered" && r.state !== "rectifying") return null;
  if (r.listed) return button(zh ? "报送进展" : "Report progress", HAZARD_ACTIONS.progress, r.id);
  return button(zh ? "提交整改" : "Submit rectification", HAZARD_ACTIONS.rectify, r.id, "primary");
}

function more(shown: number, total: number, lang: Lang): Block[] {
  if (total <= shown) return [];
  return [
    context(lang === "zh" ? `另有 ${total - shown} 条，见 \`/redline 隐患 列表\`。` : `${total - shown} more: \`/redline hazard list\`.`),
  ];
}

/** Whether the section has anything to act on or watch (else the Home tab's "nothing waiting" stands). */
export function hasHazardItems(data: HazardHomeData | null): boolean {
  if (!data) return false;
  return (
    data.units.some((u) => u.open > 0) ||
    (data.groups ?? []).some((g) => g.open > 0) ||
    data.toAccept.total > 0 ||
    Boolean(data.office && (data.office.listedTotal || data.office.redTotal))
  );
}

/**
 * The Home tab's hazard section (隐患台账): per unit the open hazards with 提交整改 (报送进展 for a listed one); the
 * findings of the person's supervision groups not yet closed, with 详情; the rectifications waiting for this person's
 * acceptance with 验收通过 / 退回; for the office the listed hazards and the red ones. Who may press what is decided on the server when pressed, as on the card.
 */
export function buildHazardHomeSection(data: HazardHomeData, lang: Lang): Block[] {
  const zh = lang === "zh";
  const blocks: Block[] = [divider(), section(zh ? "*⚠️ 隐患台账*" : "*⚠️ Hazard ledger*")];
  for (const u of data.units) {
    const counts = zh
      ? `未销号 ${u.open} 条${u.overdue ? `，逾期 ${u.overdue} 条` : ""}`
      : `${u.open} open${u.overdue ? `, ${u.overdue} overdue` : ""}`;
    blocks.push(section(`*${name(u.unit, lang)}* — ${counts}`));
    if (!u.open) blocks.push(context(zh ? "✅ 本单位没有未销号的隐患。" : "✅ No open hazards in this unit."));
    for (const r of u.rows) blocks.push(section(line(r, lang, false), undefined, ownerButton(r, lang)));
    blocks.push(...more(u.rows.length, u.open, lang));
  }
  for (const g of data.groups ?? []) {
    if (!g.open) continue;
    const counts = zh
      ? `未销号 ${g.open} 条${g.overdue ? `，逾期 ${g.overdue} 条` : ""}`
      : `${g.open} open${g.overdue ? `, ${g.overdue} overdue` : ""}`;
    blocks.push(section(zh ? `*🧭 ${name(g.group, lang)}发现的隐患* — ${counts}` : `*🧭 Found by ${name(g.group, lang)}* — ${counts}`));
    for (const r of g.rows)
      blocks.push(section(line(r, lang, true), undefined, button(zh ? "详情" : "Details", HAZARD_ACTIONS.show, r.id)));
    if (g.open > g.rows.length)
      blocks.push(
        context(
          zh
            ? `另有 ${g.open - g.rows.length} 条，见 \`/redline 督导组 ${g.groupId}\`。`
            : `${g.open - g.rows.length} more: \`/redline group ${g.groupId}\`.`,
        ),
      );
  }
  if (data.toAccept.total) {
    blocks.push(section(zh ? `*🔍 待您验收（${data.toAccept.total} 条）*` : `*🔍 Waiting for your acceptance (${data.toAccept.total})*`));
    for (const r of data.toAccept.rows)
      blocks.push(section(line(r, lang, true)), {
        type: "actions",
        elements: [
          button(zh ? "验收通过" : "Accept", HAZARD_ACTIONS.accept, r.id, "primary"),
          button(zh ? "退回" : "Return", HAZARD_ACTIONS.return, r.id, "danger"),
          button(zh ? "详情" : "Details", HAZARD_ACTIONS.show, r.id),
        ],
      });
    blocks.push(...more(data.toAccept.rows.length, data.toAccept.total, lang));
  }
  if (data.office) {
    const o = data.office;
    blocks.push(section(zh ? `*🏷️ 挂牌督办（${o.listedTotal} 条）*` : `*🏷️ Listed for supervision (${o.listedTotal})*`));
    if (!o.listedTotal) blocks.push(context(zh ? "目前没有挂牌督办的隐患。" : "No hazard is listed."));
    for (const r of o.listed)
      blocks.push(section(line(r, lang, true), undefined, button(zh ? "详情" : "Details", HAZARD_ACTIONS.show, r.id)));
    blocks.push(...more(o.listed.length, o.listedTotal, lang));
    blocks.push(section(zh ? `*🔴 红色（严重逾期）隐患（${o.redTotal} 条）*` : `*🔴 Red (long overdue) hazards (${o.redTotal})*`));
    if (!o.redTotal) blocks.push(context(zh ? "目前没有红色隐患。" : "No red hazards."));
    for (const r of o.red) blocks.push(section(line(r, lang, true), undefined, button(zh ? "详情" : "Details", HAZARD_ACTIONS.show, r.id)));
    blocks.push(...more(o.red.length, o.redTotal, lang));
  }
  return blocks;
}

/**
 * The Home view with the hazard section added after what is already there, within Slack's 100 blocks: when there is
 * not room for all of it, the section is cut and says where the rest is.
 */
export function withHazardSection(view: HomeView, section: Block[], lang: Lang): HomeView {
  if (!section.length) return view;
  const room = MAX_HOME_BLOCKS - view.blocks.length;
  if (room < 3) return view;
  const fits = section.length <= room;
  const blocks = fits
    ? section
    : [
        ...section.slice(0, room - 1),
        context(lang === "zh" ? "隐患内容较多，已截断；请用 `/redline 隐患 列表`。" : "Cut short; use `/redline hazard list`."),
      ];
  return { ...view, blocks: [...view.blocks, ...(blocks as HomeView["blocks"])] };
}
