import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { Bilingual } from "../../lib/i18n.ts";

/** A refused campaign action (not a member, not the head, not open yet) as the coded error the listener answers with. */
export function campaignRefusalError(refusal: { code: string; message: Bilingual }): AppError {
  const code = refusal.code === "not_open_yet" ? ErrorCode.OutsideWindow : ErrorCode.Forbidden;
  // A pledge refusal names the registered head (<@id> from the directory), so the liaison knows whom to ask.
  return new AppError(code, refusal.message, { details: { refusal: refusal.code }, namesPeople: true });
}
