import type { AbsenceRecord } from "../../domain/meetings/absence-record.ts";
import { formatLocalDateTime } from "../../domain/meetings/local-time.ts";
import type { Lang } from "../../lib/i18n.ts";
import { joinList } from "../../lib/i18n.ts";
import { absenceCriterion, absenceHeaders, absenceRows } from "../../messages/meetings/rows/absence-rows.ts";
import { EXCEL_DATE_TIME_FORMAT, excelLocalDate } from "./excel-date.ts";
import { periodText } from "../../messages/meetings/rows/people-text.ts";
import { styleHeaderRow, toNodeBuffer } from "./workbook-style.ts";
import { loadExcel } from "../../lib/excel.ts";

export const ABSENCE_SHEET: Record<Lang, string> = { zh: "缺席记录", en: "Absences" };
export const SUMMONS_SHEET: Record<Lang, string> = { zh: "约谈名单", en: "Summons list" };
export const ABSENCE_HEADER_ROW = 4;

const ABSENCE_WIDTHS = [14, 16, 24, 36, 18, 36, 16, 14, 12];
const SUMMONS_WIDTHS = [14, 16, 30, 16, 12, 60];

/** The repeat-absence record as an .xlsx file: every miss, then the summons (约谈) list. */
export async function absenceWorkbook(record: AbsenceRecord, lang: Lang = "zh"): Promise<Buffer> {
  const zh = lang === "zh";
  const wb = new (await loadExcel()).Workbook();
  wb.creator = "redline";

  const ws = wb.addWorksheet(ABSENCE_SHEET[lang], { views: [{ state: "frozen", ySplit: ABSENCE_HEADER_ROW }] });
  ABSENCE_WIDTHS.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.mergeCells(1, 1, 1, ABSENCE_WIDTHS.length);
  ws.getCell(1, 1).value = zh ? "主要负责人未按要求参会记录" : "Principal heads who missed mandatory meetings in person";
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const since = record.since ? formatLocalDateTime(record.since, lang) : zh ? "全部" : "all";
  ws.mergeCells(2, 1, 2, ABSENCE_WIDTHS.length);
  ws.getCell(2, 1).value = zh
    ? `统计范围：${since}起，已结束的必须主要负责人参会的会议 ${record.meetingsCounted} 次。${absenceCriterion(record, lang)}。`
    : `Counted: ${record.meetingsCounted} closed mandatory meetings since ${since}. ${absenceCriterion(record, lang)}.`;

  ws.getRow(ABSENCE_HEADER_ROW).values = absenceHeaders(lang);
  styleHeaderRow(ws.getRow(ABSENCE_HEADER_ROW));
  absenceRows(record, lang).forEach((row, i) => {
    const r = ws.getRow(ABSENCE_HEADER_ROW + 1 + i);
    r.values = [
      row.head,
      row.title,
      row.department,
      row.meeting,
      excelLocalDate(row.startsAt),
      row.attendedBy,
      row.period,
      row.periodMisses,
      row.summons,
    ];
    r.getCell(5).numFmt = EXCEL_DATE_TIME_FORMAT;
    r.alignment = { vertical: "top", wrapText: true };
  });
  ws.autoFilter = { from: { row: ABSENCE_HEADER_ROW, column: 1 }, to: { row: ABSENCE_HEADER_ROW, column: ABSENCE_WIDTHS.length } };

  const summons = wb.addWorksheet(SUMMONS_SHEET[lang], { views: [{ state: "frozen", ySplit: 1 }] });
  SUMMONS_WIDTHS.forEach((width, i) => (summons.getColumn(i + 1).width = width));
  summons.getRow(1).values = zh
    ? ["主要负责人", "职务", "单位", "期间", "未本人参会次数", "未本人参会的会议"]
    : ["Principal head", "Title", "Department", "Period", "Misses", "Meetings missed"];
  styleHeaderRow(summons.getRow(1));
  let n = 2;
  for (const h of record.summons) {
    for (const period of h.flaggedPeriods) {
      const missed = h.missed.filter((m) => m.period === period);
      summons.getRow(n++).values = [
        h.head.name,
        h.head.title ?? "",
        joinList([...new Set(missed.map((m) => (zh ? m.nameZh : m.nameEn)))], lang),
        periodText(period, lang),
        missed.length,
        missed.map((m) => `${formatLocalDateTime(m.startsAt, lang)} ${m.title}`).join("\n"),
      ];
      summons.getRow(n - 1).alignment = { vertical: "top", wrapText: true };
    }
  }

  return toNodeBuffer(await wb.xlsx.writeBuffer());
}
