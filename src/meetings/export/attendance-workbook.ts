import type { AttendanceReport } from "../../domain/meetings/build-attendance-report.ts";
import { formatWindow } from "../../domain/meetings/local-time.ts";
import type { Lang } from "../../lib/i18n.ts";
import {
  attendanceHeaders,
  attendanceRows,
  attendanceSummary,
  type AttendanceExportMeta,
} from "../../messages/meetings/rows/attendance-rows.ts";
import { EXCEL_DATE_TIME_FORMAT, excelLocalDate } from "./excel-date.ts";
import { styleHeaderRow, toNodeBuffer } from "./workbook-style.ts";
import { loadExcel } from "../../lib/excel.ts";

export const ATTENDANCE_SHEET: Record<Lang, string> = { zh: "签到表", en: "Sign-in sheet" };
/** The column header row; rows above it are the meeting's title block, rows below one per department. */
export const ATTENDANCE_HEADER_ROW = 6;

const WIDTHS = [26, 24, 40, 18, 18, 40];
const FILLS = { on_leave: "FFDDEBF7", by_deputy: "FFFFF2CC", absent: "FFF8CBAD" } as const;

/** The 签到表 for one meeting as an .xlsx file. */
export async function attendanceWorkbook(report: AttendanceReport, meta: AttendanceExportMeta, lang: Lang = "zh"): Promise<Buffer> {
  const zh = lang === "zh";
  const wb = new (await loadExcel()).Workbook();
  wb.creator = "redline";
  wb.created = meta.now;
  const ws = wb.addWorksheet(ATTENDANCE_SHEET[lang], {
    views: [{ state: "frozen", ySplit: ATTENDANCE_HEADER_ROW }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  WIDTHS.forEach((width, i) => (ws.getColumn(i + 1).width = width));

  const { meeting } = report;
  ws.mergeCells(1, 1, 1, WIDTHS.length);
  ws.getCell(1, 1).value = zh ? `${meeting.title} 签到表` : `${meeting.title} — sign-in sheet`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = zh ? "会议时间" : "Meeting time";
  ws.getCell(2, 2).value = excelLocalDate(meeting.startsAt);
  ws.getCell(2, 2).numFmt = EXCEL_DATE_TIME_FORMAT;
  ws.getCell(2, 2).alignment = { horizontal: "left" };
  ws.getCell(3, 1).value = zh ? "签到时间段" : "Sign-in window";
  ws.getCell(3, 2).value = formatWindow(meeting.signInOpensAt, meeting.signInClosesAt, lang);
  ws.getCell(4, 1).value = zh ? "参会情况" : "Attendance";
  ws.getCell(4, 2).value = attendanceSummary(report, lang);
  for (const r of [2, 3, 4]) ws.getCell(r, 1).font = { bold: true };

  ws.getRow(ATTENDANCE_HEADER_ROW).values = attendanceHeaders(lang);
  styleHeaderRow(ws.getRow(ATTENDANCE_HEADER_ROW));

  attendanceRows(report, meta, lang).forEach((row, i) => {
    const r = ws.getRow(ATTENDANCE_HEADER_ROW + 1 + i);
    r.values = [
      row.department,
      row.head,
      row.attendedBy,
      row.inPerson,
      row.signedInAt ? excelLocalDate(row.signedInAt) : null,
      row.briefed,
    ];
    r.getCell(5).numFmt = EXCEL_DATE_TIME_FORMAT;
    r.alignment = { vertical: "top", wrapText: true };
    if (row.status !== "head_in_person") {
      r.getCell(4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILLS[row.status] } };
    }
  });
  ws.autoFilter = { from: { row: ATTENDANCE_HEADER_ROW, column: 1 }, to: { row: ATTENDANCE_HEADER_ROW, column: WIDTHS.length } };

  return toNodeBuffer(await wb.xlsx.writeBuffer());
}
