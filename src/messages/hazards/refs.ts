import { z } from "zod";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Lang } from "../../lib/i18n.ts";
import { readPayloadJson } from "../payload-json.ts";

const LangSchema = z.enum(["zh", "en"]);
const ZButtonValue = z.strictObject({ h: z.number().int().positive() });
const ZReportMetadata = z.strictObject({ l: LangSchema, c: z.string().max(30).optional() });
const ZActionMetadata = z.strictObject({ h: z.number().int().positive(), l: LangSchema, c: z.string().max(30).optional() });

export const encodeHazardButton = (hazardId: number) => JSON.stringify({ h: hazardId });
export const encodeReportMetadata = (m: { lang: Lang; channelId?: string }) =>
  JSON.stringify({ l: m.lang, ...(m.channelId ? { c: m.channelId } : {}) });
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
export function parseReportMetadata(raw: unknown): { lang: Lang; channelId?: string } {
  const data = readPayloadJson(raw, ZReportMetadata);
  if (!data) throw unreadable();
  return { lang: data.l, channelId: data.c };
}
export function parseActionMetadata(raw: unknown): { hazardId: number; lang: Lang; channelId?: string } {
  const data = readPayloadJson(raw, ZActionMetadata);
  if (!data) throw unreadable();
  return { hazardId: data.h, lang: data.l, channelId: data.c };
}

/** Which page of `/redline 隐患 列表` a paging button opens: the filter as typed, the page, the reader's language. */
export interface LedgerPageRef {
  filter: { unitId?: string | null; overdue?: boolean; major?: boolean; listed?: boolean; includeClosed?: boolean };
  /** 0-based. */
  page: number;
  lang: Lang;
}

const ZLedgerPage = z.strictObject({
  u: z.string().min(1).max(64).optional(),
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
    filter: { unitId: v.u ?? null, overdue: !!v.o, major: !!v.m, listed: !!v.g, includeClosed: !!v.a },
    page: v.p,
    lang: v.l,
  };
}
