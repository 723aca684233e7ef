import { DateTime } from "luxon";
import type { Lang } from "../../lib/i18n.ts";

const WEEKDAY_ZH = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

function zoned(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/** The year is shown only when it differs from the reference (usually now): "5月28日 10:02" / "28 May, 10:02". */
export function formatInstant(at: Date, zone: string, lang: Lang, reference?: Date): string {
  const t = zoned(at, zone);
  const withYear = reference === undefined || zoned(reference, zone).year !== t.year;
  if (lang === "zh") return t.toFormat(withYear ? "yyyy年M月d日 HH:mm" : "M月d日 HH:mm");
  return t.setLocale("en-GB").toFormat(withYear ? "d MMM yyyy, HH:mm" : "d MMM, HH:mm");
}

/** A calendar day with its weekday: "5月31日（周日）" / "Sun 31 May". */
export function formatDay(day: DateTime, lang: Lang, withYear: boolean): string {
  if (lang === "zh") return `${day.toFormat(withYear ? "yyyy年M月d日" : "M月d日")}（${WEEKDAY_ZH[day.weekday]}）`;
  return day.setLocale("en-GB").toFormat(withYear ? "ccc d MMM yyyy" : "ccc d MMM");
}

/**
 * A deadline as people say it. One at local midnight ("by 31 May", stored as 1 June 00:00) reads as the end of
 * the day before — "5月31日（周日）24:00前" / "by the end of Sun 31 May" — never as "1 June 00:00".
 */
export function formatDeadline(dueAt: Date, zone: string, lang: Lang, reference?: Date): string {
  const t = zoned(dueAt, zone);
  const endOfDay = t.hour === 0 && t.minute === 0 && t.second === 0;
  const day = endOfDay ? t.minus({ days: 1 }) : t;
  const withYear = reference === undefined || zoned(reference, zone).year !== day.year;
  const date = formatDay(day, lang, withYear);
  if (lang === "zh") return endOfDay ? `${date}24:00前` : `${date}${t.toFormat("HH:mm")}前`;
  return endOfDay ? `by the end of ${date}` : `by ${date}, ${t.toFormat("HH:mm")}`;
}

/**
 * A deadline that has passed, as the moment it fell: "12月3日（周四）11:31" / "5月31日（周日）24:00", so a sentence
 * reads "已于12月3日（周四）11:31截止" — never "已于…11:31前截止". English keeps `formatDeadline`'s "by …".
 */
export function formatDeadlineMoment(dueAt: Date, zone: string, lang: Lang, reference?: Date): string {
  if (lang !== "zh") return formatDeadline(dueAt, zone, lang, reference);
  const t = zoned(dueAt, zone);
  const endOfDay = t.hour === 0 && t.minute === 0 && t.second === 0;
  const day = endOfDay ? t.minus({ days: 1 }) : t;
  const withYear = reference === undefined || zoned(reference, zone).year !== day.year;
  return `${formatDay(day, lang, withYear)}${endOfDay ? "24:00" : t.toFormat("HH:mm")}`;
}

/**
 * How late a task is: "逾期 2 个工作日"; before a whole working day has passed "逾期不足 1 个工作日" — never
 * "逾期 0 个工作日". English: "2 working days late" / "less than a working day late".
 */
export function lateBy(n: number, lang: Lang): string {
  if (lang === "zh") return n > 0 ? `逾期 ${n} 个工作日` : "逾期不足 1 个工作日";
  return n > 0 ? `${n} working day${n === 1 ? "" : "s"} late` : "less than a working day late";
}
