import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { isWorkingDay, plusDays, workingDayOnOrAfter } from "./working-days.ts";

export const DEFAULT_ZONE = "Asia/Shanghai";

export const ZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  message: "不是有效的 IANA 时区（如 Asia/Shanghai）/ not an IANA timezone such as Asia/Shanghai",
});

export const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "时间格式应为 HH:mm（24 小时制，如 09:00）/ time must be HH:mm, 24-hour, e.g. 09:00" });

export const OfficeHoursSchema = z
  .strictObject({ start: ClockTimeSchema, end: ClockTimeSchema })
  .refine((h) => h.start < h.end, { message: "办公时间的结束必须晚于开始 / office hours must end after they start", path: ["end"] });
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: "09:00", end: "18:00" };

function zoned(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`cannot place ${String(instant)} in zone ${JSON.stringify(zone)}: ${local.invalidReason}`);
  return local;
}

/**
 * The zone's UTC offset in minutes at `ms`, as luxon computes it (through Intl, costly: a tick asks thousands of times),
 * kept per 15-minute stretch whose two ends have the same offset — no zone changes its offset twice within one.
 */
const STRETCH_MS = 15 * 60_000;
const offsets = new Map<string, number>();
const zones = new Map<string, IANAZone | null>();
function offsetAt(zone: string, ms: number): number | undefined {
  let z = zones.get(zone);
  if (z === undefined) zones.set(zone, (z = IANAZone.isValidZone(zone) ? IANAZone.create(zone) : null));
  if (!z || !Number.isFinite(ms)) return undefined;
  const stretch = Math.floor(ms / STRETCH_MS);
  const key = `${zone}|${stretch}`;
  const kept = offsets.get(key);
  if (kept !== undefined) return kept;
  const start = z.offset(stretch * STRETCH_MS);
  if (start !== z.offset((stretch + 1) * STRETCH_MS - 1)) return z.offset(ms);
  if (offsets.size >= 50_000) offsets.clear();
  offsets.set(key, start);
  return start;
}

/**
 * `instant` as the clocks in `zone` show it, as an ISO string in UTC clothing (`YYYY-MM-DDTHH:mm:ss.sssZ`); undefined
 * for an invalid instant or zone, or outside four-digit years, where luxon decides (and explains what is wrong).
 */
function wallClock(instant: Date, zone: string): string | undefined {
  const ms = instant.getTime();
  const offset = offsetAt(zone, ms);
  if (offset === undefined) return undefined;
  const wall = new Date(ms + offset * 60_000);
  return wall.getUTCFullYear() < 1 || wall.getUTCFullYear() > 9999 ? undefined : wall.toISOString();
}

/** The calendar day `instant` falls on in `zone`, as YYYY-MM-DD. */
export function localDay(instant: Date, zone: string): string {
  return wallClock(instant, zone)?.slice(0, 10) ?? zoned(instant, zone).toISODate()!;
}

/** The wall-clock time of `instant` in `zone`, as HH:mm. */
export function localClock(instant: Date, zone: string): string {
  return wallClock(instant, zone)?.slice(11, 16) ?? zoned(instant, zone).toFormat("HH:mm");
}

const DAY_AND_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant the clocks in `zone` show `time` on `day` (a time skipped by a DST jump moves forward). */
export function atLocalTime(day: string, time: string, zone: string): Date {
  const m = DAY_AND_TIME.exec(`${day}T${time}`);
  const localMs = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) : NaN;
  const provisional = offsetAt(zone, Date.now());
  // Anything but a real day at HH:mm in a known zone: luxon parses it (or says what is wrong).
  if (!m || provisional === undefined || new Date(localMs).toISOString().slice(0, 16) !== `${day}T${time}` || +m[1]! < 1) {
    const local = DateTime.fromISO(`${day}T${time}`, { zone });
    if (!local.isValid) throw new RangeError(`invalid local time ${day} ${time} in ${JSON.stringify(zone)}: ${local.invalidReason}`);
    return local.toJSDate();
  }
  // luxon's own resolution (fixOffset), with the same provisional offset (now's), so every answer is the one it gives.
  const offset = (ms: number) => offsetAt(zone, ms)!;
  let guess = localMs - provisional * 60_000;
  const o2 = offset(guess);
  if (o2 === provisional) return new Date(guess);
  guess -= (o2 - provisional) * 60_000;
  const o3 = offset(guess);
  if (o3 === o2) return new Date(guess);
  return new Date(localMs - Math.min(o2, o3) * 60_000);
}

/** Inside office hours on a working day: start inclusive, end exclusive. */
export function isOfficeMoment(instant: Date, zone: string, hours: OfficeHours): boolean {
  const clock = localClock(instant, zone);
  return isWorkingDay(localDay(instant, zone)) && hours.start <= clock && clock < hours.end;
}

/**
 * The first moment at or after `instant` when the office is open: `instant` itself inside office hours on a
 * working day; that day's opening when it is earlier on a working day; otherwise the next working day's opening.
 */
export function nextOfficeMoment(instant: Date, zone: string, hours: OfficeHours): Date {
  if (isOfficeMoment(instant, zone, hours)) return instant;
  const day = localDay(instant, zone);
  if (isWorkingDay(day) && localClock(instant, zone) < hours.start) return atLocalTime(day, hours.start, zone);
  return atLocalTime(workingDayOnOrAfter(plusDays(day, 1)), hours.start, zone);
}
