import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { Lang } from "../lib/i18n.ts";
import { absenceCsv, absenceWorkbook, attendanceCsv, attendanceWorkbook } from "./export/index.ts";
import { loadAbsenceRecord, type AbsenceQuery } from "./absences.ts";
import { loadAttendance } from "./load-meeting.ts";

export interface ExportFiles {
  /** A file name without extension, safe on every system: "2026-05-29-1-签到表". */
  baseName: string;
  title: string;
  xlsx: Buffer;
  csv: string;
}

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "-");

/** One meeting's 签到表 as a workbook and a CSV, with each department's briefing status as of `now`. */
export async function exportMeeting(db: Db, meetingId: string, now: Date, lang: Lang): Promise<ExportFiles> {
  const { meeting, report, briefings } = await loadAttendance(db, meetingId);
  const meta = { briefings, now };
  const sheet = lang === "zh" ? "签到表" : "sign-in-sheet";
  return {
    baseName: safe(`${meeting.info.id}-${sheet}`),
    title: lang === "zh" ? `${meeting.info.title} 签到表` : `${meeting.info.title} — sign-in sheet`,
    xlsx: await attendanceWorkbook(report, meta, lang),
    csv: attendanceCsv(report, meta, lang),
  };
}

/** The repeat-absence record and summons list as a workbook and a CSV. */
export async function exportAbsences(db: Db, query: AbsenceQuery, now: Date, zone: string, lang: Lang): Promise<ExportFiles> {
  const record = await loadAbsenceRecord(db, query);
  const name = lang === "zh" ? "缺席记录" : "absences";
  return {
    baseName: safe(`${name}-${localDay(now, zone)}`),
    title: lang === "zh" ? "主要负责人未按要求参会记录" : "Heads who missed mandatory meetings",
    xlsx: await absenceWorkbook(record, lang),
    csv: absenceCsv(record, lang),
  };
}
