import type { Lang } from "../../lib/i18n.ts";
import { context, escapeMrkdwn as esc, packLines, type Block } from "../mrkdwn.ts";

/** One unit's hazard-ledger figures since a campaign's launch, as the rectification report shows and submits them. */
export interface UnitLedgerFigures {
  unit: { nameZh: string; nameEn: string };
  found: number;
  rectified: number;
  open: number;
  major: number;
}

/**
 * Under a campaign's status board: each target unit's ledger since the launch day (found, 销号, still open, major), so
 * the office reads the reports beside the ledger they come from. Units with nothing found are counted, not listed.
 */
export function buildLedgerFiguresBlocks(rows: readonly UnitLedgerFigures[], sinceDay: string, lang: Lang, maxBlocks: number): Block[] {
  if (maxBlocks < 2) return [];
  const zh = lang === "zh";
  const withHazards = rows.filter((r) => r.found > 0);
  const lines = withHazards.map((r) => {
    const name = esc(zh ? r.unit.nameZh : r.unit.nameEn);
    return zh
      ? `• ${name}：发现 ${r.found}，已销号 ${r.rectified}，未销号 ${r.open}${r.major ? `（重大 ${r.major}）` : ""}`
      : `• ${name}: found ${r.found}, closed ${r.rectified}, open ${r.open}${r.major ? ` (major ${r.major})` : ""}`;
  });
  const heading = zh
    ? `*⚠️ 隐患台账（${sinceDay} 起，与整改报告对照）*`
    : `*⚠️ Hazard ledger since ${sinceDay} (to read beside the reports)*`;
  const none = rows.length - withHazards.length;
  const tail = none
    ? [context(zh ? `其余 ${none} 个单位台账中无此期间登记的隐患。` : `${none} other unit(s) have no hazard registered since then.`)]
    : [];
  if (!lines.length)
    return [context(`${heading}\n${zh ? "各单位台账中均无此期间登记的隐患。" : "No unit has a hazard registered since then."}`)];
  const packed = packLines(lines, maxBlocks - tail.length, heading);
  return [...packed.blocks, ...tail];
}
