import ExcelJS from "exceljs";
import { FACT_KIND_NAMES } from "../../domain/accountability/fact-names.ts";
import { periodName } from "../../domain/accountability/period.ts";
import { formatInstant } from "../../domain/campaigns/format-local.ts";
import { rulesLabel } from "../../messages/accountability/scorecard-message.ts";
import { styleHeaderRow, toNodeBuffer } from "../../meetings/export/workbook-style.ts";
import type { ScoredPeriod } from "../score-period.ts";

export const SCORE_SHEETS = { ranking: "考核结果", deductions: "扣分明细", records: "全部记录" } as const;

/**
 * The period's scorecards as .xlsx: the ranking with the points each item kept, every deduction with the records
 * behind it, and every record line (those that cost nothing too), so each figure can be checked by hand.
 */
export async function scorecardWorkbook(s: ScoredPeriod, zone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "redline";
  const items = s.rules.rules.items;

  const ranking = wb.addWorksheet(SCORE_SHEETS.ranking, { views: [{ state: "frozen", ySplit: 3 }] });
  ranking.getCell(1, 1).value = `${periodName(s.period, "zh")}安全生产考核结果`;
  ranking.getCell(1, 1).font = { bold: true, size: 14 };
  ranking.getCell(2, 1).value = `${rulesLabel(s, "zh")}；数据截至 ${formatInstant(s.asOf, zone, "zh")}（${s.period.fromDay} 至 ${s.period.toDay}）`;
  ranking.getRow(3).values = ["名次", "单位", "单位编号", "得分", "等次", "一票否决", ...items.map((i) => `${i.name}（${i.points}）`)];
  styleHeaderRow(ranking.getRow(3));
  [6, 18, 20, 8, 8, 40, ...items.map(() => 14)].forEach((w, i) => (ranking.getColumn(i + 1).width = w));
  s.units.forEach((u, n) => {
    const kept = items.map((item) => item.points - u.card.lines.filter((l) => l.itemId === item.id).reduce((sum, l) => sum + l.lost, 0));
    ranking.getRow(4 + n).values = [
      u.card.rank,
      u.card.name,
      u.card.unitId,
      u.card.score,
      u.card.grade.name,
      u.card.vetoes.map((v) => `${v.name}（${v.accidents.join("、")}）`).join("；"),
      ...kept,
    ];
  });

  const deductions = wb.addWorksheet(SCORE_SHEETS.deductions, { views: [{ state: "frozen", ySplit: 1 }] });
  deductions.getRow(1).values = ["单位", "考核项目", "扣分事项", "每项扣分", "本行扣分", "记录编号", "日期", "记录"];
  styleHeaderRow(deductions.getRow(1));
  [18, 18, 22, 10, 10, 34, 12, 70].forEach((w, i) => (deductions.getColumn(i + 1).width = w));
  let row = 2;
  for (const u of s.units)
    for (const l of u.card.lines) {
      const facts = u.record.facts.filter((f) => f.kind === l.on);
      facts.forEach((f, i) => {
        deductions.getRow(row++).values = [u.card.name, l.itemName, FACT_KIND_NAMES[l.on].zh, l.each, i === 0 ? l.lost : null, f.ref, f.day, f.text];
      });
    }

  const records = wb.addWorksheet(SCORE_SHEETS.records, { views: [{ state: "frozen", ySplit: 1 }] });
  records.getRow(1).values = ["单位", "事项", "记录编号", "日期", "计数", "记录"];
  styleHeaderRow(records.getRow(1));
  [18, 22, 34, 12, 8, 70].forEach((w, i) => (records.getColumn(i + 1).width = w));
  row = 2;
  for (const u of s.units)
    for (const f of u.record.facts) records.getRow(row++).values = [u.card.name, FACT_KIND_NAMES[f.kind].zh, f.ref, f.day, f.count ?? 1, f.text];

  return toNodeBuffer(await wb.xlsx.writeBuffer());
}
