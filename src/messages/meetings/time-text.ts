import { formatLocalDateTime, formatWindow, toLocal } from "../../domain/meetings/local-time.ts";
import type { Lang } from "../../lib/i18n.ts";

const WEEKDAY_ZH = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/** "2026年5月29日（周五）15:00" / "Fri 29 May 2026, 15:00": a meeting's start, with the weekday people plan by. */
export function meetingTime(at: Date, lang: Lang): string {
  const t = toLocal(at);
  return lang === "zh"
    ? `${t.toFormat("yyyy年M月d日")}（${WEEKDAY_ZH[t.weekday]}）${t.toFormat("HH:mm")}`
    : t.setLocale("en-GB").toFormat("ccc d MMM yyyy, HH:mm");
}

/** "14:05" on the meeting's day, the full date otherwise. */
export function clockOrDate(at: Date, reference: Date, lang: Lang): string {
  const t = toLocal(at);
  return t.hasSame(toLocal(reference), "day") ? t.toFormat("HH:mm") : formatLocalDateTime(at, lang);
}

export function signInWindow(opensAt: Date, closesAt: Date, lang: Lang): string {
  return formatWindow(opensAt, closesAt, lang);
}

export { formatLocalDateTime };

/** "2026年4月1日" / "1 Apr 2026". */
export function localDate(at: Date, lang: Lang): string {
  const t = toLocal(at);
  return lang === "zh" ? t.toFormat("yyyy年M月d日") : t.setLocale("en-GB").toFormat("d MMM yyyy");
}
