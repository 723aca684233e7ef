import { AppError, ErrorCode } from "../../lib/errors.ts";
import type { SignInCheck, SignInRefusalCode } from "./check-sign-in.ts";

const CODES: Record<SignInRefusalCode, ErrorCode> = {
  meeting_closed: ErrorCode.OutsideWindow,
  meeting_cancelled: ErrorCode.Conflict,
  not_open_yet: ErrorCode.OutsideWindow,
  window_closed: ErrorCode.OutsideWindow,
  department_not_required: ErrorCode.Forbidden,
  department_ambiguous: ErrorCode.InputInvalid,
  not_a_member: ErrorCode.Forbidden,
  not_registered_head: ErrorCode.Forbidden,
  no_registered_head: ErrorCode.Forbidden,
  deputy_title_missing: ErrorCode.InputInvalid,
};

/** A refused sign-in as the coded error the listener boundary answers with. */
export function signInRefusalError(refusal: Extract<SignInCheck, { ok: false }>): AppError {
  return new AppError(CODES[refusal.code], refusal.message, { details: { refusal: refusal.code } });
}
