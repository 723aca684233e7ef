import { stringify } from "csv-stringify/sync";
import type { AbsenceRecord } from "../../domain/meetings/absence-record.ts";
import { formatLocalStamp } from "../../domain/meetings/local-time.ts";
import type { Lang } from "../../lib/i18n.ts";
import { absenceHeaders, absenceRows } from "../../messages/meetings/rows/absence-rows.ts";

/** The absence record as CSV (one row per miss), UTF-8 with a BOM; times in Asia/Shanghai. */
export function absenceCsv(record: AbsenceRecord, lang: Lang = "zh"): string {
  const rows = absenceRows(record, lang).map((r) => [
    r.head,
    r.title,
    r.department,
    r.meeting,
    formatLocalStamp(r.startsAt),
    r.attendedBy,
    r.period,
    r.periodMisses === null ? "" : String(r.periodMisses),
    r.summons,
  ]);
  return stringify([absenceHeaders(lang), ...rows], { bom: true });
}
