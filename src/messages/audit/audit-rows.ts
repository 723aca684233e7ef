import { DateTime } from "luxon";
import type { AuditLogEntry } from "./audit-log-message.ts";

/** The columns of `redline audit --csv`, in order; `--json` uses the same names. */
export const AUDIT_COLUMNS = [
  "id",
  "at",
  "actor",
  "action",
  "outcome",
  "subject",
  "departmentId",
  "channelId",
  "messageTs",
  "detail",
] as const;

export type AuditRow = Record<(typeof AUDIT_COLUMNS)[number], string | null>;

/** One entry as plain strings: the time in the office's zone with its offset, the detail as JSON. */
export function auditRow(e: AuditLogEntry, zone: string): AuditRow {
  return {
    id: e.id.toString(),
    at: DateTime.fromJSDate(e.at, { zone }).toISO()!,
    actor: e.actor,
    action: e.action,
    outcome: e.outcome,
    subject: e.subject,
    departmentId: e.departmentId,
    channelId: e.channelId,
    messageTs: e.messageTs,
    detail: e.detail === null || e.detail === undefined ? null : JSON.stringify(e.detail),
  };
}

/** One entry for `--json`: like the row, with the detail kept as an object. */
export function auditJson(e: AuditLogEntry, zone: string): Omit<AuditRow, "detail"> & { detail: unknown } {
  return { ...auditRow(e, zone), detail: e.detail ?? null };
}

/** One line of the plain listing: tab-separated, empty fields as "-". */
export function auditLine(e: AuditLogEntry, zone: string): string {
  const row = auditRow(e, zone);
  return AUDIT_COLUMNS.map((c) => row[c] ?? "-").join("\t");
}
