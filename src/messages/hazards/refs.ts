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
