import { categoryName, followUpName, levelName } from "../../domain/accountability/categories.ts";
import { cityTotals, CITY, type Thresholds, type UsageRow } from "../../domain/accountability/target-usage.ts";
import type { Lang } from "../../lib/i18n.ts";
import { clip, context, escapeMrkdwn as esc, header, packLines, type SlackMessage } from "../mrkdwn.ts";

export interface UsageView {
  asOf: string;
  year: number;
  rows: readonly UsageRow[];
  thresholds: Thresholds;
  hasTargets: boolean;
  /** County ids to names in the reader's language. */
  countyNames: ReadonlyMap<string, string>;
}

const FLAG = { alarm: "🔴", warn: "🟡" } as const;

function pct(p: number | null): string {
  if (p === null) return "";
  return p === Infinity ? "∞%" : `${p}%`;
}

/** One line: "工矿商贸：5 起（指标 9，56%），死亡 6 人（指标 11，55%）；去年同期 3 起，死亡 2 人". */
export function usageLine(r: UsageRow, lang: Lang, place?: string): string {
  const zh = lang === "zh";
  const what = `${place ? `${place} · ` : ""}${categoryName(r.category, lang)}`;
  const acc = zh
    ? `${r.accidents} 起${r.maxAccidents !== null ? `（指标 ${r.maxAccidents}，${pct(r.accidentsPercent)}）` : ""}`
    : `${r.accidents} accident${r.accidents === 1 ? "" : "s"}${r.maxAccidents !== null ? ` (target ${r.maxAccidents}, ${pct(r.accidentsPercent)})` : ""}`;
  const dead = zh
    ? `死亡 ${r.deaths} 人${r.maxDeaths !== null ? `（指标 ${r.maxDeaths}，${pct(r.deathsPercent)}）` : ""}`
    : `${r.deaths} dead${r.maxDeaths !== null ? ` (target ${r.maxDeaths}, ${pct(r.deathsPercent)})` : ""}`;
  const last = r.lastYear ? (zh ? `；去年同期 ${r.lastYear.accidents} 起，死亡 ${r.lastYear.deaths} 人` : `; same day last year ${r.lastYear.accidents}, ${r.lastYear.deaths} dead`) : "";
  const flag = r.flag ? `${FLAG[r.flag]} ` : "";
  return zh ? `${flag}*${esc(what)}*：${acc}，${dead}${last}` : `${flag}*${esc(what)}*: ${acc}, ${dead}${last}`;
}

/** `/redline 事故 统计`: the city per category, then each county, against the year's targets. */
export function buildUsageMessage(v: UsageView, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const totals = cityTotals(v.rows);
  const title = zh ? `📊 ${v.year} 年生产安全事故与控制指标（截至 ${v.asOf}）` : `📊 ${v.year} accidents against control targets (to ${v.asOf})`;
  const summary = zh ? `全市共发生各类生产安全事故 ${totals.accidents} 起，死亡 ${totals.deaths} 人。` : `City total: ${totals.accidents} accidents, ${totals.deaths} dead.`;
  const lines = [summary];
  const city = v.rows.filter((r) => r.countyId === CITY);
  const counties = v.rows.filter((r) => r.countyId !== CITY);
  lines.push(zh ? "*全市*" : "*City-wide*", ...city.map((r) => usageLine(r, lang)));
  if (counties.length) lines.push(zh ? "*各县（市）、区*" : "*Counties and districts*", ...counties.map((r) => usageLine(r, lang, v.countyNames.get(r.countyId) ?? r.countyId)));
  if (!city.length) lines.push(zh ? "今年尚无事故记录。" : "No accidents recorded this year.");
  const { blocks } = packLines(lines, 45, undefined);
  const note = v.hasTargets
    ? zh
      ? `🟡 达到指标 ${v.thresholds.warnPercent}%　🔴 达到指标 ${v.thresholds.alarmPercent}%`
      : `🟡 at ${v.thresholds.warnPercent}% of a target　🔴 at ${v.thresholds.alarmPercent}%`
    : zh
      ? `尚未导入 ${v.year} 年控制指标（redline import 指标文件）。`
      : `No ${v.year} control targets imported yet (redline import <targets file>).`;
  return { text: `${title}\n${summary}`, blocks: [header(title), ...blocks, context(note)] };
}

export interface AccidentListItem {
  id: string;
  occurredOn: string;
  unitName: string;
  countyName: string;
  category: string;
  level: string;
  deaths: number;
  injuries: number;
  unitResponsible: boolean;
  description: string;
  closed: boolean;
  openItems: string[];
}

export function accidentLine(a: AccidentListItem, lang: Lang): string {
  const zh = lang === "zh";
  const state = a.closed
    ? zh
      ? "✅ 四不放过已全部落实"
      : "✅ 四不放过 all closed"
    : `⏳ ${zh ? "待落实" : "open"}: ${a.openItems.map((i) => followUpName(i, lang)).join(zh ? "、" : ", ")}`;
  const people = zh ? `死亡 ${a.deaths} 人，受伤 ${a.injuries} 人` : `${a.deaths} dead, ${a.injuries} injured`;
  const resp = a.unitResponsible ? (zh ? "，单位负有责任" : ", unit responsible") : "";
  return `\`${a.id}\` ${a.occurredOn} *${esc(a.unitName)}*（${esc(a.countyName)}）${categoryName(a.category, lang)} · ${levelName(a.level, lang)} · ${people}${resp}\n> ${esc(clip(a.description.replace(/\s+/g, " "), 200))}\n${state}`;
}

export function buildAccidentList(items: readonly AccidentListItem[], year: number, lang: Lang): SlackMessage {
  const zh = lang === "zh";
  const title = zh ? `🗂 ${year} 年事故登记（${items.length} 起）` : `🗂 Accidents recorded in ${year} (${items.length})`;
  const lines = items.length ? items.map((a) => accidentLine(a, lang)) : [zh ? "暂无记录。" : "None recorded."];
  const { blocks, omitted } = packLines(lines, 45);
  const more = omitted ? [context(zh ? `另有 ${omitted} 条未显示，请用 npx redline accident list 查看全部。` : `${omitted} more not shown; npx redline accident list prints all.`)] : [];
  return { text: title, blocks: [header(title), ...blocks, ...more] };
}
