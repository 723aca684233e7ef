import { toLocal } from "../../domain/meetings/local-time.ts";

/**
 * Excel dates have no time zone: a cell shows the wall-clock time it stores. exceljs stores a Date's
 * UTC fields, so we hand it a Date whose UTC fields are the Asia/Shanghai local time.
 */
export function excelLocalDate(at: Date): Date {
  const t = toLocal(at);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

export const EXCEL_DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
