import { z } from "zod";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { LedgerFilter } from "../../domain/hazards/ledger.ts";
import type { Lang } from "../../lib/i18n.ts";
import { readPayloadJson } from "../payload-json.ts";

const LangSchema = z.enum(["zh", "en"]);
const ZButtonValue = z.strictObject({ h: z.number().int().positive() });
const ZMessageFile = z.strictObject({
  i: z.string().min(1).max(64),
  n: z.string().max(255).optional(),
  m: z.string().max(128).optional(),
  p: z.string().max(1000).optional(),
});
const ZReportMetadata = z.strictObject({
  l: LangSchema,
  c: z.string().max(30).optional(),
  /** The message the shortcut 登记为隐患 was used on: its permalink and its files (before-evidence). */
  p: z.string().max(1000).optional(),
  f: z.array(ZMessageFile).max(20).optional(),
});

/** A file of the message a hazard is registered from. */
export interface MessageFileRef {
  slackFileId: string;
  name: string | null;
  mimetype: string | null;
  permalink: string | null;
}

export interface ReportMetadata {
  lang: Lang;
  channelId?: string;
  messagePermalink?: string;
  messageFiles?: MessageFileRef[];
}

/** Slack keeps at most 3000 characters of private_metadata. */
const METADATA_MAX = 3000;
const ZActionMetadata = z.strictObject({ h: z.number().int().positive(), l: LangSchema, c: z.string().max(30).optional() });

export const encodeHazardButton = (hazardId: number) => JSON.stringify({ h: hazardId });
/**
 * The registration form's private_metadata. A message's files travel as ids with their names and links; when that is
 * more than Slack keeps, the links go first, then the names (the ids are what the evidence needs).
 */
export function encodeReportMetadata(m: ReportMetadata): string {
  const base = {
    l: m.lang,
    ...(m.channelId ? { c: m.channelId } : {}),
    ...(m.messagePermalink ? { p: m.messagePermalink.slice(0, 1000) } : {}),
  };
  const files = (m.messageFiles ?? []).slice(0, 20);
  if (!files.length) return JSON.stringify(base);
  const full = (f: MessageFileRef) => ({
    i: f.slackFileId,
    ...(f.name ? { n: f.name.slice(0, 255) } : {}),
    ...(f.mimetype ? { m: f.mimetype.slice(0, 128) } : {}),
    ...(f.permalink ? { p: f.permalink.slice(0, 1000) } : {}),
  });
  type Entry = ReturnType<typeof full>;
  const shapes: ((f: Entry) => Entry)[] = [(f) => f, ({ p: _p, ...rest }) => rest, (f) => ({ i: f.i })];
  for (const shape of shapes) {
    const encoded = JSON.stringify({ ...base, f: files.map(full).map(shape) });
    if (encoded.length <= METADATA_MAX) return encoded;
  }
  return JSON.stringify(base);
}
export const encodeActionMetadata = (m: { hazardId: number; lang: Lang; channelId?: string }) =>
  JSON.stringify({ h: m.hazardId, l: m.lang, ...(m.channelId ? { c: m.channelId } : {}) });

const unreadable = () =>
  new AppError(ErrorCode.InputInvalid, {
    zh: "这个按钮或表单无法识别，可能已失效。请使用本单位频道中最新的隐患卡片，或联系安委办。",
    en: "This button or form could not be read and may be out of date. Please use the latest hazard card in your unit's channel, or contact the safety office.",
  });

export function parseHazardButton(raw: unknown): number {
  const data = readPayloadJson(raw, ZButtonValue);
  if (!data) throw unreadable();
  return data.h;
}
export function parseReportMetadata(raw: unknown): ReportMetadata {
  const data = readPayloadJson(raw, ZReportMetadata);
  if (!data) throw unreadable();
  return {
    lang: data.l,
    channelId: data.c,
    ...(data.p ? { messagePermalink: data.p } : {}),
    ...(data.f?.length
      ? { messageFiles: data.f.map((f) => ({ slackFileId: f.i, name: f.n ?? null, mimetype: f.m ?? null, permalink: f.p ?? null })) }
      : {}),
  };
}
export function parseActionMetadata(raw: unknown): { hazardId: number; lang: Lang; channelId?: string } {
  const data = readPayloadJson(raw, ZActionMetadata);
  if (!data) throw unreadable();
  return { hazardId: data.h, lang: data.l, channelId: data.c };
}

/** Which page of `/redline 隐患 列表` a paging button opens: the filter as typed, the page, the reader's language. */
export interface LedgerPageRef {
  filter: LedgerFilter;
  /** 0-based. */
  page: number;
  lang: Lang;
}

const ZLedgerPage = z.strictObject({
  u: z.string().min(1).max(64).optional(),
  /** The supervision group whose findings these are. */
  s: z.string().min(1).max(64).optional(),
  o: z.literal(1).optional(),
  m: z.literal(1).optional(),
  g: z.literal(1).optional(),
  a: z.literal(1).optional(),
  p: z.number().int().min(0).max(100_000),
  l: LangSchema,
});

export function encodeLedgerPage(ref: LedgerPageRef): string {
  const f = ref.filter;
  return JSON.stringify({
    ...(f.unitId ? { u: f.unitId } : {}),
    ...(f.groupId ? { s: f.groupId } : {}),
    ...(f.overdue ? { o: 1 } : {}),
    ...(f.major ? { m: 1 } : {}),
    ...(f.listed ? { g: 1 } : {}),
    ...(f.includeClosed ? { a: 1 } : {}),
    p: ref.page,
    l: ref.lang,
  });
}

export function parseLedgerPage(raw: unknown): LedgerPageRef {
  const v = readPayloadJson(raw, ZLedgerPage);
  if (!v)
    throw new AppError(ErrorCode.InputInvalid, {
      zh: "这个翻页按钮无法识别，请重新输入 /redline 隐患 列表。",
      en: "This page button could not be read; please run /redline hazard list again.",
    });
  return {
    filter: { unitId: v.u ?? null, groupId: v.s ?? null, overdue: !!v.o, major: !!v.m, listed: !!v.g, includeClosed: !!v.a },
    page: v.p,
    lang: v.l,
  };
}
