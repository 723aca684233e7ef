export { attendanceWorkbook, ATTENDANCE_SHEET, ATTENDANCE_HEADER_ROW } from "./attendance-workbook.ts";
export { attendanceCsv } from "./attendance-csv.ts";
export { absenceWorkbook, ABSENCE_SHEET, SUMMONS_SHEET, ABSENCE_HEADER_ROW } from "./absence-workbook.ts";
export { absenceCsv } from "./absence-csv.ts";
export type { AttendanceExportMeta } from "../../messages/meetings/rows/attendance-rows.ts";
