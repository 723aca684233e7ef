import type { Bilingual } from "../../lib/i18n.ts";

/** A refused hazard action: a code for the audit log and a sentence for the person. */
export interface HazardRefusal {
  ok: false;
  code:
    | "not_owner_unit"
    | "not_acceptor"
    | "own_hazard"
    | "office_only"
    | "wrong_state"
    | "not_major"
    | "already_listed"
    | "not_listed"
    | "five_missing"
    | "reason_required"
    | "evidence_required";
  message: Bilingual;
}

export function refusal(code: HazardRefusal["code"], zh: string, en: string): HazardRefusal {
  return { ok: false, code, message: { zh, en } };
}
