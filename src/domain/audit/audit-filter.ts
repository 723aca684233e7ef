import { DateTime } from "luxon";
import { AppError, ErrorCode } from "../../lib/errors.ts";

/** Which audit entries to read. Every field narrows; none means the whole log. */
export interface AuditFilter {
  /** From this instant, inclusive. */
  since?: Date;
  /** Up to this instant, exclusive. */
  until?: Date;
  /** A Slack user id, "scheduler", "cli:<user>"; a trailing `*` matches by prefix ("cli:*"). */
  actor?: string;
  /** The start of a dotted verb: "campaign." matches every campaign decision. */
  actionPrefix?: string;
  /** "campaign:summer-fire-safety"; a trailing `*` matches by prefix ("meeting:*"). */
  subject?: string;
  departmentId?: string;
}

/** Longest filter text accepted; a longer one is not a filter anyone types. */
export const MAX_FILTER_TEXT = 200;

const invalid = (zh: string, en: string) => new AppError(ErrorCode.InputInvalid, { zh, en });

const RELATIVE = /^(\d{1,4})([dh天时])$/;

/**
 * A time as the office types it: a day (2026-05-01; the start of that day, or for `until` its end), a local time
 * (2026-05-01T09:30), an ISO instant with offset, or a span back from now (7d, 24h, 7天).
 */
export function parseAuditTime(text: string, edge: "since" | "until", zone: string, now: Date): Date {
  const t = text.trim();
  const relative = RELATIVE.exec(t);
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2] === "h" || relative[2] === "时" ? "hours" : "days";
    return DateTime.fromJSDate(now)
      .minus({ [unit]: n })
      .toJSDate();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const day = DateTime.fromISO(t, { zone });
    if (day.isValid) return (edge === "until" ? day.plus({ days: 1 }) : day).toJSDate();
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const instant = DateTime.fromISO(t, { zone, setZone: false });
    if (instant.isValid) return instant.toJSDate();
  }
  const flag = edge === "since" ? "--since" : "--until";
  throw invalid(
    `${flag} 后请写日期或时间，如 2026-05-01、2026-05-01T09:30 或 7d（最近 7 天）：${t}`,
    `${flag} takes a day, a time or a span back from now, such as 2026-05-01, 2026-05-01T09:30 or 7d: ${t}`,
  );
}

/** A Slack mention as typed or pasted (`<@U123|wang>`) becomes the id; anything else stays as written. */
export function actorFromText(text: string): string {
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim());
  return mention ? mention[1]! : text.trim();
}

/** A filter checked as a whole: no text over the limit, and a window that is not empty. */
export function checkAuditFilter(filter: AuditFilter): AuditFilter {
  for (const [name, value] of Object.entries(filter)) {
    if (typeof value === "string" && [...value].length > MAX_FILTER_TEXT)
      throw invalid(
        `筛选条件“${name}”太长（最多 ${MAX_FILTER_TEXT} 个字）。`,
        `The “${name}” filter is too long (${MAX_FILTER_TEXT} characters at most).`,
      );
    if (typeof value === "string" && value === "") throw invalid(`筛选条件“${name}”不能为空。`, `The “${name}” filter cannot be empty.`);
  }
  if (filter.since && filter.until && filter.since >= filter.until)
    throw invalid("起始时间必须早于结束时间。", "The start (--since) must come before the end (--until).");
  return filter;
}
