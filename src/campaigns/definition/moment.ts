import { DateTime } from "luxon";

/**
 * When a task opens or is due, as a campaign file writes it:
 * - `launch`, `launch+7d`: relative to the moment the office launches the campaign (calendar days, same wall-clock time);
 * - `2026-05-31`: a whole day in the office's timezone — as `opens` its first moment, as `due` its end;
 * - `05-31`: the same in the launch year, so a file like "report by the end of May" can be reused every year;
 * - `2026-05-31T17:00` (local) or with an offset, `2026-05-31T17:00+08:00`: an exact moment.
 */
export type MomentSpec =
  { kind: "launch"; days: number } | { kind: "day"; year: number | null; month: number; day: number } | { kind: "datetime"; iso: string };

export type MomentRole = "opens" | "due";

const LAUNCH = /^launch(?:\+(\d{1,3})d)?$/;
const DAY = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$/;

export const MAX_LAUNCH_OFFSET_DAYS = 366;

/** The parsed spec, or null when `text` is none of the forms above (or names a day that does not exist). */
export function parseMoment(text: string): MomentSpec | null {
  const launch = LAUNCH.exec(text);
  if (launch) {
    const days = launch[1] === undefined ? 0 : Number(launch[1]);
    return days <= MAX_LAUNCH_OFFSET_DAYS ? { kind: "launch", days } : null;
  }
  const day = DAY.exec(text);
  if (day) {
    const year = day[1] === undefined ? null : Number(day[1]);
    const spec = { kind: "day" as const, year, month: Number(day[2]), day: Number(day[3]) };
    // A yearless day is checked against a leap year so that 02-29 is allowed here and refused only in a year without it.
    return DateTime.fromObject({ year: year ?? 2024, month: spec.month, day: spec.day }, { zone: "utc" }).isValid ? spec : null;
  }
  if (DATETIME.test(text) && DateTime.fromISO(text, { setZone: true }).isValid) return { kind: "datetime", iso: text };
  return null;
}

export const MOMENT_FORMS_MESSAGE =
  "应为 launch、launch+7d、2026-05-31、05-31 或 2026-05-31T17:00 / must be launch, launch+7d, 2026-05-31, 05-31 or 2026-05-31T17:00";

/**
 * The instant a spec means for a campaign launched at `launchAt`, in `zone`. A day as `due` ends at the next day's
 * midnight (the reminder schedule reads such a deadline as belonging to the day before). Returns null for a
 * yearless 02-29 in a year without one.
 */
export function resolveMoment(spec: MomentSpec, role: MomentRole, launchAt: Date, zone: string): Date | null {
  switch (spec.kind) {
    case "launch":
      return DateTime.fromJSDate(launchAt, { zone }).plus({ days: spec.days }).toJSDate();
    case "day": {
      const year = spec.year ?? DateTime.fromJSDate(launchAt, { zone }).year;
      const start = DateTime.fromObject({ year, month: spec.month, day: spec.day }, { zone });
      if (!start.isValid) return null;
      return (role === "due" ? start.plus({ days: 1 }) : start).toJSDate();
    }
    case "datetime":
      return DateTime.fromISO(spec.iso, { zone }).toJSDate();
  }
}

/**
 * Whether `due` comes after `opens` whatever the launch moment and zone, or null when that depends on them
 * (one relative to launch and one absolute, or one with a year and one without).
 */
export function dueAfterOpens(opens: MomentSpec, due: MomentSpec): boolean | null {
  if (opens.kind === "launch" || due.kind === "launch") {
    return opens.kind === "launch" && due.kind === "launch" ? due.days > opens.days : null;
  }
  const yearless = (m: MomentSpec) => m.kind === "day" && m.year === null;
  if (yearless(opens) !== yearless(due)) return null;
  // Both absolute in the same year-ness: any zone and a leap launch year give the same order, up to a few hours of
  // offset between a datetime with an explicit offset and a local day; resolveCampaign checks again with the real zone.
  const launchAt = new Date("2024-01-01T00:00:00Z");
  const a = resolveMoment(opens, "opens", launchAt, "UTC");
  const b = resolveMoment(due, "due", launchAt, "UTC");
  return a === null || b === null ? null : b.getTime() > a.getTime();
}
