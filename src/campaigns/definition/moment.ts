import { DateTime } from "luxon";

/**
 * When a task opens or is due, as a campaign file writes it:
 * - `launch`, `launch+7d`: relative to the moment the office launches the campaign (calendar days, same wall-clock time);
 * - `2026-05-31`: a whole day in the office's timezone — as `opens` its first moment, as `due` its end;
 * - `05-31`: a yearless day, so a template like "report by the end of May" launches every year: as `due` the next
 *   31 May on or after the launch day; as `opens` the last one before the task is due;
 * - `2026-05-31T17:00` (local) or with an offset, `2026-05-31T17:00+08:00`: an exact moment;
 * - `ask`: left open by the template; the office gives the day when it launches (`--date <task>=2027-05-31`, or
 *   the launch form's date field).
 */
export type MomentSpec =
  | { kind: "launch"; days: number }
  | { kind: "day"; year: number | null; month: number; day: number }
  | { kind: "datetime"; iso: string }
  | { kind: "ask" };

export type MomentRole = "opens" | "due";

const LAUNCH = /^launch(?:\+(\d{1,3})d)?$/;
const DAY = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$/;

export const MAX_LAUNCH_OFFSET_DAYS = 366;
export const ASK = "ask";

/** The parsed spec, or null when `text` is none of the forms above (or names a day that does not exist). */
export function parseMoment(text: string): MomentSpec | null {
  if (text === ASK) return { kind: "ask" };
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
  "应为 launch、launch+7d、2026-05-31、05-31、2026-05-31T17:00 或 ask（发起时填写）/ must be launch, launch+7d, 2026-05-31, 05-31, 2026-05-31T17:00 or ask (given at launch)";

/**
 * The instant a spec means for a campaign launched at `launchAt`, in `zone`. A day as `due` ends at the next day's
 * midnight (the reminder schedule reads such a deadline as belonging to the day before). A yearless day is the next
 * occurrence on or after the launch day — or, for a task's `opens` given its resolved `dueAt`, the last occurrence
 * before it (so 04-15 … 06-30 launched in July is next April to next June). Null for `ask` (the office gives it) and
 * for a yearless 02-29 with no leap day in reach.
 */
export function resolveMoment(spec: MomentSpec, role: MomentRole, launchAt: Date, zone: string, dueAt?: Date): Date | null {
  switch (spec.kind) {
    case "launch":
      return DateTime.fromJSDate(launchAt, { zone }).plus({ days: spec.days }).toJSDate();
    case "day": {
      const at = (year: number) => {
        const start = DateTime.fromObject({ year, month: spec.month, day: spec.day }, { zone });
        return start.isValid ? start : null;
      };
      const edge = (start: DateTime) => (role === "due" ? start.plus({ days: 1 }) : start).toJSDate();
      if (spec.year !== null) {
        const start = at(spec.year);
        return start && edge(start);
      }
      const launchDay = DateTime.fromJSDate(launchAt, { zone }).startOf("day");
      if (role === "opens" && dueAt) {
        // The last occurrence that starts before the deadline (8 years back covers every 02-29).
        for (let year = DateTime.fromJSDate(dueAt, { zone }).year; year >= launchDay.year - 8; year--) {
          const start = at(year);
          if (start && start.toJSDate() < dueAt) return start.toJSDate();
        }
        return null;
      }
      for (let year = launchDay.year; year <= launchDay.year + 8; year++) {
        const start = at(year);
        if (start && start >= launchDay) return edge(start);
      }
      return null;
    }
    case "datetime":
      return DateTime.fromISO(spec.iso, { zone }).toJSDate();
    case "ask":
      return null;
  }
}

/**
 * Whether `due` comes after `opens` whatever the launch moment and zone, or null when that depends on them
 * (one relative to launch and one absolute, or one with a year and one without).
 */
export function dueAfterOpens(opens: MomentSpec, due: MomentSpec): boolean | null {
  if (opens.kind === "ask" || due.kind === "ask") return null;
  if (opens.kind === "launch" || due.kind === "launch") {
    return opens.kind === "launch" && due.kind === "launch" ? due.days > opens.days : null;
  }
  const yearless = (m: MomentSpec) => m.kind === "day" && m.year === null;
  // A yearless opening is the last occurrence before the deadline, so it always comes first.
  if (yearless(opens)) return true;
  if (yearless(due)) return null;
  // Both absolute: any zone gives the same order, up to a few hours of offset between a datetime with an explicit
  // offset and a local day; resolveCampaign checks again with the real zone.
  const launchAt = new Date("2024-01-01T00:00:00Z");
  const a = resolveMoment(opens, "opens", launchAt, "UTC");
  const b = resolveMoment(due, "due", launchAt, "UTC");
  return a === null || b === null ? null : b.getTime() > a.getTime();
}
