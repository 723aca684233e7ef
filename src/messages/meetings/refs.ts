import { z } from "zod";
import { readPayloadJson } from "../payload-json.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Lang } from "../../lib/i18n.ts";

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const ChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/);
const Ts = z.string().regex(/^\d+\.\d+$/);
const LangSchema = z.enum(["zh", "en"]);

/** Which department of which meeting a button is for: what the sign-in and briefing buttons carry. */
export interface MeetingDepartmentRef {
  meetingId: string;
  departmentId: string;
}

const ZButtonValue = z.strictObject({ m: Id, d: Id });

/** The sign-in modal remembers the message whose button opened it, to update that message afterwards. */
const ZSignInMetadata = z.strictObject({ m: Id, d: Id, c: ChannelId.optional(), t: Ts.optional(), l: LangSchema });
const ZCreateMetadata = z.strictObject({ l: LangSchema, c: z.string().max(30).optional() });
/** The edit form remembers the meeting and the revision it showed, so a change made meanwhile is not overwritten. */
const ZEditMetadata = z.strictObject({ l: LangSchema, c: z.string().max(30).optional(), m: Id, v: z.number().int().min(0) });
/** The cancel button carries the meeting and the reason the office typed. */
const ZCancelValue = z.strictObject({ m: Id, r: z.string().max(400) });

export function encodeButtonValue(ref: MeetingDepartmentRef): string {
  return JSON.stringify({ m: ref.meetingId, d: ref.departmentId });
}

export interface SignInModalRef extends MeetingDepartmentRef {
  channelId?: string;
  messageTs?: string;
  lang: Lang;
}

export function encodeSignInMetadata(ref: SignInModalRef): string {
  return JSON.stringify({
    m: ref.meetingId,
    d: ref.departmentId,
    ...(ref.channelId ? { c: ref.channelId } : {}),
    ...(ref.messageTs ? { t: ref.messageTs } : {}),
    l: ref.lang,
  });
}

export function encodeCreateMetadata(ref: { lang: Lang; channelId?: string }): string {
  return JSON.stringify({ l: ref.lang, ...(ref.channelId ? { c: ref.channelId } : {}) });
}

const unreadable = () =>
  new AppError(ErrorCode.InputInvalid, {
    zh: "这个按钮或表单无法识别，可能已失效。请使用本单位频道中最新的会议消息，或联系安委办。",
    en: "This button or form could not be read and may be out of date. Please use the latest meeting message in your department's channel, or contact the safety office.",
  });

export function parseButtonValue(raw: unknown): MeetingDepartmentRef {
  const data = readPayloadJson(raw, ZButtonValue);
  if (!data) throw unreadable();
  return { meetingId: data.m, departmentId: data.d };
}

export function parseSignInMetadata(raw: unknown): SignInModalRef {
  const data = readPayloadJson(raw, ZSignInMetadata);
  if (!data) throw unreadable();
  const { m, d, c, t, l } = data;
  return { meetingId: m, departmentId: d, lang: l, ...(c ? { channelId: c } : {}), ...(t ? { messageTs: t } : {}) };
}

export function parseCreateMetadata(raw: unknown): { lang: Lang; channelId?: string } {
  const data = readPayloadJson(raw, ZCreateMetadata);
  if (!data) throw unreadable();
  return { lang: data.l, ...(data.c ? { channelId: data.c } : {}) };
}

export interface EditModalRef {
  lang: Lang;
  channelId?: string;
  meetingId: string;
  revision: number;
}

export function encodeEditMetadata(ref: EditModalRef): string {
  return JSON.stringify({ l: ref.lang, ...(ref.channelId ? { c: ref.channelId } : {}), m: ref.meetingId, v: ref.revision });
}

export function parseEditMetadata(raw: unknown): EditModalRef {
  const data = readPayloadJson(raw, ZEditMetadata);
  if (!data) throw unreadable();
  return { lang: data.l, meetingId: data.m, revision: data.v, ...(data.c ? { channelId: data.c } : {}) };
}

export function parseCancelValue(raw: unknown): { meetingId: string; reason: string | null } {
  const data = readPayloadJson(raw, ZCancelValue);
  if (!data) throw unreadable();
  return { meetingId: data.m, reason: data.r.trim() || null };
}
