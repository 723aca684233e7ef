import { FACT_KIND_NAMES } from "../../domain/accountability/fact-names.ts";
import { periodName, type Period } from "../../domain/accountability/period.ts";
import type { FactRecord, Scorecard, ScoreLine } from "../../domain/accountability/scoring.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import type { Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, header, packLines, type SlackMessage } from "../mrkdwn.ts";

/** What the scorecard views need of a scored period (the service's ScoredPeriod has this shape). */
export interface ScoresView {
  period: Period;
  asOf: Date;
  rules: { rules: { name: string; total: number }; version: number | null };
  units: readonly { card: Scorecard; nameEn: string; record: { facts: readonly FactRecord[] } }[];
}
type UnitView = ScoresView["units"][number];

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const unitName = (u: UnitView, lang: Lang) => (lang === "zh" ? u.card.name : u.nameEn);
const factText = (f: FactRecord, lang: Lang) => (lang === "en" && f.textEn ? f.textEn : f.text);

export function rulesLabel(v: ScoresView, lang: Lang): string {
  const name = v.rules.rules.name;
  if (lang === "zh") return v.rules.version === null ? `${name}（默认细则）` : `${name}（第 ${v.rules.version} 版）`;
  return v.rules.version === null ? `${name} (shipped default)` : `${name} (version ${v.rules.version})`;
}

function title(v: ScoresView, lang: Lang): string {
  return lang === "zh" ? `📊 ${periodName(v.period, lang)}安全生产考核` : `📊 Work-safety assessment ${v.period.label}`;
}

type Escape = (text: string) => string;
const asIs: Escape = (t) => t;

function asOfLine(v: ScoresView, lang: Lang, zone: string, e: Escape = esc): string {
  const at = formatInstant(v.asOf, zone, lang);
  return lang === "zh" ? `按${e(rulesLabel(v, lang))}计分，数据截至 ${at}。` : `Scored by ${e(rulesLabel(v, lang))}, records as of ${at}.`;
}

function vetoText(u: UnitView, lang: Lang): string {
  if (!u.card.vetoes.length) return "";
  const why = u.card.vetoes.map((v) => `${esc(v.name)}（${v.accidents.join("、")}）`).join("；");
  return lang === "zh" ? `⛔ 一票否决，不得评优：${why}` : `⛔ Veto (一票否决), may not be rated excellent: ${why}`;
}

/** "专项行动任务落实 −1（任务逾期完成 1 项 × 1 分）" */
export function deductionText(l: ScoreLine, lang: Lang, e: Escape = esc): string {
  const kind = FACT_KIND_NAMES[l.on][lang];
  const capped = l.lost < l.count * l.each;
  if (lang === "zh") return `${e(l.itemName)} −${num(l.lost)}（${kind} ${l.count} × ${num(l.each)} 分${capped ? "，扣至本项 0 分" : ""}）`;
  return `${e(l.itemName)} −${num(l.lost)} (${kind} ${l.count} × ${num(l.each)}${capped ? ", item down to 0" : ""})`;
}

function rankLine(u: UnitView, lang: Lang): string {
  const c = u.card;
  const byItem = new Map<string, number>();
  for (const l of c.lines) byItem.set(l.itemName, (byItem.get(l.itemName) ?? 0) + l.lost);
  const lost = [...byItem].map(([name, n]) => `${esc(name)} −${num(n)}`).join(lang === "zh" ? "，" : ", ");
  const veto = c.vetoes.length ? (lang === "zh" ? " ⛔ 一票否决，不得评优" : " ⛔ veto, not excellent") : "";
  const full = c.fullMarks ? (lang === "zh" ? " 🏅 满分" : " 🏅 full marks") : "";
  return `${c.rank}. *${esc(unitName(u, lang))}* ${num(c.score)} ${lang === "zh" ? "分" : "pts"} · ${esc(c.grade.name)}${full}${veto}${lost ? `\n      ${lost}` : ""}`;
}

/** `/redline 考核` for the office: every unit ranked, with the items that cost points. */
export function buildRankingMessage(v: ScoresView, lang: Lang, zone: string): SlackMessage {
  const lines = v.units.map((u) => rankLine(u, lang));
  const { blocks, omitted } = packLines(lines, 44);
  const hint =
    lang === "zh"
      ? `共 ${v.units.length} 个单位。单位明细：\`/redline 考核 ${v.period.label} <单位>\`；导出：\`npx redline score --period ${v.period.label} --xlsx 考核.xlsx\``
      : `${v.units.length} units. One unit's card: \`/redline score ${v.period.label} <unit>\`; export: \`npx redline score --period ${v.period.label} --xlsx score.xlsx\``;
  return {
    text: title(v, lang),
    blocks: [
      header(title(v, lang)),
      context(asOfLine(v, lang, zone)),
      ...blocks,
      ...(omitted ? [context(lang === "zh" ? `另有 ${omitted} 个单位未列出。` : `${omitted} more units not shown.`)] : []),
      context(hint),
    ],
  };
}

/** One unit's card: score, grade, rank, and each deduction with the records behind it. */
export function buildScorecardMessage(v: ScoresView, unit: UnitView, lang: Lang, zone: string): SlackMessage {
  const c = unit.card;
  const zh = lang === "zh";
  const head = zh
    ? `${unitName(unit, lang)} · ${periodName(v.period, lang)}考核：${num(c.score)} 分 · ${c.grade.name}`
    : `${unitName(unit, lang)} · ${v.period.label}: ${num(c.score)} · ${c.grade.name}`;
  const lines: string[] = [
    zh ? `*第 ${c.rank} 名*（共 ${v.units.length} 个单位），满分 ${num(v.rules.rules.total)} 分。` : `*Rank ${c.rank}* of ${v.units.length}; out of ${num(v.rules.rules.total)}.`,
  ];
  const veto = vetoText(unit, lang);
  if (veto) lines.push(veto);
  if (!c.lines.length) lines.push(zh ? "🏅 本期无扣分项。" : "🏅 Nothing cost points this period.");
  for (const l of c.lines) {
    lines.push(`*${deductionText(l, lang)}*`);
    for (const f of unit.record.facts.filter((x) => x.kind === l.on)) lines.push(`• ${esc(factText(f, lang))}  \`${esc(f.ref)}\``);
  }
  const { blocks, omitted } = packLines(lines, 45);
  return {
    text: head,
    blocks: [
      header(head),
      context(asOfLine(v, lang, zone)),
      ...blocks,
      ...(omitted ? [context(zh ? `另有 ${omitted} 条记录未列出，完整记录见导出的 Excel。` : `${omitted} more lines; the Excel export lists every record.`)] : []),
    ],
  };
}

/** The ranking as plain text for the command line: one line per unit, then each unit's deductions and records. */
export function scoresText(v: ScoresView, lang: Lang, zone: string, onlyUnit?: string): string {
  const zh = lang === "zh";
  const out: string[] = [`${title(v, lang).replace("📊 ", "")} — ${asOfLine(v, lang, zone, asIs)}`];
  const units = onlyUnit ? v.units.filter((u) => u.card.unitId === onlyUnit) : v.units;
  out.push(zh ? "名次\t单位\t得分\t等次\t一票否决" : "rank\tunit\tscore\tgrade\tveto");
  for (const u of units) out.push(`${u.card.rank}\t${unitName(u, lang)}\t${num(u.card.score)}\t${u.card.grade.name}\t${u.card.vetoes.length ? (zh ? "是，不得评优" : "yes") : ""}`);
  for (const u of units) {
    if (!u.card.lines.length && !u.card.vetoes.length) continue;
    out.push("", `${unitName(u, lang)}:`);
    for (const veto of u.card.vetoes) out.push(`  ${zh ? "一票否决" : "veto"}: ${veto.name} (${veto.accidents.join(", ")})`);
    for (const l of u.card.lines) {
      out.push(`  ${deductionText(l, lang, asIs)}`);
      for (const f of u.record.facts.filter((x) => x.kind === l.on)) out.push(`    ${f.ref}\t${f.day}\t${factText(f, lang)}`);
    }
  }
  return out.join("\n");
}
