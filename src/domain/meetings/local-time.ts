import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";
import { DEFAULT_ZONE } from "../calendar/office-hours.ts";

/** Meetings are held, and read about, in the city's local time whatever zone the server runs in. */
export const MEETING_ZONE = DEFAULT_ZONE;

export function toLocal(at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: MEETING_ZONE });
}

/** "2024年5月28日 14:00" / "28 May 2024, 14:00". */
export function formatLocalDateTime(at: Date, lang: Lang): string {
  const t = toLocal(at);
  return lang === "zh" ? t.toFormat("yyyy年M月d日 HH:mm") : t.setLocale("en-GB").toFormat("d MMM yyyy, HH:mm");
}

/** "2024-05-28 14:00", for sheets and CSV where people sort and filter. */
export function formatLocalStamp(at: Date): string {
  return toLocal(at).toFormat("yyyy-MM-dd HH:mm");
}

/**
 * A sign-in window as people say it: the date once when both ends fall on the same local day.
 * "2024年5月28日 14:00 至 15:30（北京时间）" / "28 May 2024, 14:00 to 15:30 (Beijing time)".
 */
export function formatWindow(opensAt: Date, closesAt: Date, lang: Lang): string {
  const open = toLocal(opensAt);
  const close = toLocal(closesAt);
  const sameDay = open.hasSame(close, "day");
  const closeText = sameDay ? close.toFormat("HH:mm") : formatLocalDateTime(closesAt, lang);
  return lang === "zh"
    ? `${formatLocalDateTime(opensAt, "zh")} 至 ${closeText}（北京时间）`
    : `${formatLocalDateTime(opensAt, "en")} to ${closeText} (Beijing time)`;
}
