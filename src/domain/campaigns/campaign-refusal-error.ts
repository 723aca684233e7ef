import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual } from "../../lib/i18n.ts";

/** A refused campaign action (not a member, not the head, not open yet) as the coded error the listener answers with. */
export function campaignRefusalError(refusal: { code: string; message: Bilingual }): AppError {
  const code = refusal.code === "not_open_yet" ? ErrorCode.OutsideWindow : ErrorCode.Forbidden;
  return new AppError(code, refusal.message, { details: { refusal: refusal.code } });
}
