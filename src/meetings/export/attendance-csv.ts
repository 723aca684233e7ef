import { stringify } from "csv-stringify/sync";
import type { AttendanceReport } from "../../domain/meetings/build-attendance-report.ts";
import { formatLocalStamp } from "../../domain/meetings/local-time.ts";
import type { Lang } from "../../lib/i18n.ts";
import { attendanceHeaders, attendanceRows, type AttendanceExportMeta } from "../../messages/meetings/rows/attendance-rows.ts";

/** The 签到表 as CSV, UTF-8 with a BOM so Excel reads the Chinese correctly; times in Asia/Shanghai. */
export function attendanceCsv(report: AttendanceReport, meta: AttendanceExportMeta, lang: Lang = "zh"): string {
  const rows = attendanceRows(report, meta, lang).map((r) => [
    r.department,
    r.head,
    r.attendedBy,
    r.inPerson,
    r.signedInAt ? formatLocalStamp(r.signedInAt) : "",
    r.briefed,
  ]);
  return stringify([attendanceHeaders(lang), ...rows], { bom: true });
}
