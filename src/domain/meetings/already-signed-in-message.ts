import type { Bilingual } from "../../lib/i18n.ts";
import { formatLocalDateTime } from "./local-time.ts";
import type { SignInRecord } from "./types.ts";

/** The answer when the unique key (meetingId, slackUserId) rejects a second sign-in: the first one stands. */
export function alreadySignedInMessage(existing: Pick<SignInRecord, "signedInAt" | "role">): Bilingual {
  const zhRole = existing.role === "head" ? "主要负责人本人" : "代主要负责人参会";
  const enRole = existing.role === "head" ? "principal head in person" : "attending for the principal head";
  return {
    zh: `您已于${formatLocalDateTime(existing.signedInAt, "zh")}签到（${zhRole}），无需重复签到。`,
    en: `You already signed in at ${formatLocalDateTime(existing.signedInAt, "en")} (${enRole}); it is recorded once.`,
  };
}
