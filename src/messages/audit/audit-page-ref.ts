import { z } from "zod";
import { MAX_FILTER_TEXT, type AuditFilter } from "../../domain/audit/audit-filter.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Lang } from "../../lib/i18n.ts";
import { readPayloadJson } from "../payload-json.ts";

/** Which page of the log a paging button opens: the filter as typed, the cursor, the reader's language. */
export interface AuditPageRef {
  filter: AuditFilter;
  /** Entries older than this id; absent for the newest page. */
  before?: bigint;
  lang: Lang;
}

const Text = z.string().min(1).max(MAX_FILTER_TEXT);
const Instant = z.number().int().nonnegative();

/** Short keys keep the button value far below Slack's 2,000 characters, even with every filter at its longest. */
const ZAuditPageValue = z.strictObject({
  s: Instant.optional(),
  u: Instant.optional(),
  a: Text.optional(),
  x: Text.optional(),
  j: Text.optional(),
  d: Text.optional(),
  b: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  l: z.enum(["zh", "en"]),
});

export function encodeAuditPageValue(ref: AuditPageRef): string {
  const { filter: f } = ref;
  return JSON.stringify({
    ...(f.since ? { s: f.since.getTime() } : {}),
    ...(f.until ? { u: f.until.getTime() } : {}),
    ...(f.actor ? { a: f.actor } : {}),
    ...(f.actionPrefix ? { x: f.actionPrefix } : {}),
    ...(f.subject ? { j: f.subject } : {}),
    ...(f.departmentId ? { d: f.departmentId } : {}),
    ...(ref.before !== undefined ? { b: ref.before.toString() } : {}),
    l: ref.lang,
  });
}

/** A pressed paging button's value, validated; anything redline did not write is an AppError. */
export function parseAuditPageValue(raw: unknown): AuditPageRef {
  const v = readPayloadJson(raw, ZAuditPageValue);
  if (!v)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "这个翻页按钮无法识别，请重新输入 /redline 审计。",
      en: "This page button could not be read; please run /redline audit again.",
    });
  const filter: AuditFilter = {
    ...(v.s !== undefined ? { since: new Date(v.s) } : {}),
    ...(v.u !== undefined ? { until: new Date(v.u) } : {}),
    ...(v.a ? { actor: v.a } : {}),
    ...(v.x ? { actionPrefix: v.x } : {}),
    ...(v.j ? { subject: v.j } : {}),
    ...(v.d ? { departmentId: v.d } : {}),
  };
  return { filter, lang: v.l, ...(v.b ? { before: BigInt(v.b) } : {}) };
}
