import { cityTotals, CITY } from "../../domain/accountability/target-usage.ts";
import type { Lang } from "../../lib/i18n.ts";
import { escapeMrkdwn as esc, section, type Block } from "../mrkdwn.ts";
import { usageLine, type UsageView } from "./usage-message.ts";

export interface AccountabilityDigest {
  usage: UsageView;
  /** Units whose year score fell since a week ago, the largest fall first. */
  fallers: { name: string; before: number; now: number }[];
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The digest's control-target line (with the counties flagged at the thresholds) and the units whose score fell. */
export function accountabilityDigestBlocks(a: AccountabilityDigest, lang: Lang): Block[] {
  const zh = lang === "zh";
  const totals = cityTotals(a.usage.rows);
  const targets = a.usage.rows.filter((r) => r.countyId === CITY && (r.maxAccidents !== null || r.maxDeaths !== null));
  const head = zh
    ? `*控制指标*：${a.usage.year} 年截至 ${a.usage.asOf}，全市共发生生产安全事故 ${totals.accidents} 起，死亡 ${totals.deaths} 人。`
    : `*Control targets*: ${a.usage.year} to ${a.usage.asOf}, ${totals.accidents} accidents, ${totals.deaths} dead city-wide.`;
  const lines = [head, ...targets.map((r) => usageLine(r, lang))];
  if (!a.usage.hasTargets) lines.push(zh ? "（本年度控制指标尚未导入。）" : "(No control targets imported for the year.)");
  const flagged = a.usage.rows.filter((r) => r.countyId !== CITY && r.flag);
  for (const r of flagged) lines.push(usageLine(r, lang, a.usage.countyNames.get(r.countyId) ?? r.countyId));
  const blocks: Block[] = [section(lines.join("\n"))];
  if (a.fallers.length)
    blocks.push(
      section(
        `${zh ? "*本周考核得分下降*" : "*Scores that fell this week*"}\n${a.fallers
          .map((f) => `• ${esc(f.name)}：${num(f.before)} → ${num(f.now)}（−${num(f.before - f.now)}）`)
          .join("\n")}`,
      ),
    );
  return blocks;
}
