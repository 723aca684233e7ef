import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Logger } from "../lib/logger.ts";
import { storableText } from "../lib/storable-text.ts";

/** Who made a decision that is not a person's click: the per-minute tick, or the CLI run by an OS user. */
export const SCHEDULER_ACTOR = "scheduler";
export const cliActor = (osUser: string) => `cli:${osUser}`;

export interface AuditRecord {
  /** A Slack user id, SCHEDULER_ACTOR, cliActor(…) or "system". */
  actor: string;
  /** Dotted verb: "campaign.acknowledge", "meeting.sign-in", "reminder.sent", "hazard.accept" … */
  action: string;
  outcome: "ok" | "refused" | "failed";
  /** "campaign:<id>", "meeting:<id>", "hazard:<number>" … */
  subject?: string;
  departmentId?: string;
  channelId?: string;
  messageTs?: string;
  /** Small JSON: the error code of a refusal, what was recorded, the dispatch key of a reminder. */
  detail?: Record<string, unknown>;
  /** The moment it was decided (the app's clock); the database's time when omitted. */
  at?: Date;
}

/** A client or an open transaction: an entry written in the same transaction as the decision stands or falls with it. */
type AuditWriter = Pick<Db, "auditEntry"> | Pick<Prisma.TransactionClient, "auditEntry">;

/** The entry with text PostgreSQL cannot store replaced, in every field and all through the detail. */
function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

/**
 * Appends one entry to the audit log. There is no update or delete path; the table refuses both. Text PostgreSQL
 * cannot store (a NUL someone typed) is replaced, so an entry never fails the transaction of what it records.
 */
export async function recordAudit(db: AuditWriter, entry: AuditRecord): Promise<void> {
  const e = storable(entry);
  await db.auditEntry.create({
    data: {
      actor: e.actor,
      action: e.action,
      outcome: e.outcome,
      subject: e.subject,
      departmentId: e.departmentId,
      channelId: e.channelId,
      messageTs: e.messageTs,
      detail: e.detail as Prisma.InputJsonValue | undefined,
      ...(e.at ? { at: e.at } : {}),
    },
  });
}

/**
 * For entries that must not fail what they describe (a refusal already answered, a message already posted): a
 * failed write is logged with the entry, never thrown.
 */
export async function recordAuditQuietly(db: AuditWriter, logger: Logger, entry: AuditRecord): Promise<void> {
  try {
    await recordAudit(db, entry);
  } catch (e) {
    logger.error({ err: e, audit: entry }, "could not write the audit entry");
  }
}
