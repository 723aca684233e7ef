import { z } from "zod";
import { readPayloadJson } from "../payload-json.ts";
import { AppError, ErrorCode } from "../../lib/errors.ts";

/** Which department is acting on which task of which campaign: what every campaign button and modal carries. */
export interface CampaignTaskRef {
  campaignId: string;
  taskKey: string;
  departmentId: string;
}

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

/** Button `value`: short keys keep it small. */
export const ZCampaignButtonValue = z.strictObject({ c: Id, t: Id, d: Id });

/** Modal `private_metadata`: the same, plus the pledge version the person was shown, or the report revision corrected. */
export const ZCampaignModalMetadata = z.strictObject({
  c: Id,
  t: Id,
  d: Id,
  v: z.number().int().min(1).optional(),
  r: z.number().int().min(0).max(10_000).optional(),
});

export function encodeCampaignButtonValue(ref: CampaignTaskRef): string {
  return JSON.stringify({ c: ref.campaignId, t: ref.taskKey, d: ref.departmentId });
}

export function encodeCampaignModalMetadata(ref: CampaignTaskRef, pledgeVersion?: number, correctsRevision?: number): string {
  return JSON.stringify({
    c: ref.campaignId,
    t: ref.taskKey,
    d: ref.departmentId,
    ...(pledgeVersion === undefined ? {} : { v: pledgeVersion }),
    ...(correctsRevision === undefined ? {} : { r: correctsRevision }),
  });
}

const staleButton = () =>
  new AppError(ErrorCode.InputInvalid, {
    zh: "这个按钮无法识别，可能已失效。请在本单位频道的最新行动消息中操作，或联系安委办。",
    en: "This button could not be read and may be out of date. Please use the latest campaign message in your department's channel, or contact the safety office.",
  });

/** A pressed button's value, validated: anything else — not JSON, another app's value, a missing field — is an AppError. */
export function parseCampaignButtonValue(raw: unknown): CampaignTaskRef {
  const data = readPayloadJson(raw, ZCampaignButtonValue);
  if (!data) throw staleButton();
  return { campaignId: data.c, taskKey: data.t, departmentId: data.d };
}

/** A submitted modal's private_metadata, validated the same way. */
export function parseCampaignModalMetadata(
  raw: unknown,
): CampaignTaskRef & { pledgeVersion: number | null; correctsRevision: number | null } {
  const data = readPayloadJson(raw, ZCampaignModalMetadata);
  if (!data) throw staleButton();
  return { campaignId: data.c, taskKey: data.t, departmentId: data.d, pledgeVersion: data.v ?? null, correctsRevision: data.r ?? null };
}
