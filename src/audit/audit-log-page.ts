import type { Db } from "../db/client.ts";
import { buildAuditLogMessage, AUDIT_PAGE_SIZE } from "../messages/audit/audit-log-message.ts";
import type { AuditPageRef } from "../messages/audit/audit-page-ref.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { readAuditPage } from "./read-audit.ts";

/** What the office-only refusal says a reader tried to do. */
export const AUDIT_READING = { zh: "查看审计日志", en: "read the audit log" };

/**
 * One page of the audit log for a Slack reader, newest first. The log names who did what in every department, so it
 * is the safety office's alone; the Slack edge checks that on every command and every page button (here it cannot:
 * every service writes to the audit log, so it imports none of them).
 */
export async function renderAuditPage(db: Db, ref: AuditPageRef, zone: string): Promise<SlackMessage> {
  const page = await readAuditPage(db, ref.filter, { limit: AUDIT_PAGE_SIZE, before: ref.before });
  return buildAuditLogMessage({ ...page, filter: ref.filter, paged: ref.before !== undefined, zone, lang: ref.lang });
}
