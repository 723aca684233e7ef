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

/** The calendar day `instant` falls on in `zone`, as YYYY-MM-DD. */
export function localDay(instant: Date, zone: string): string {
  return zoned(instant, zone).toISODate()!;
}

/** The wall-clock time of `instant` in `zone`, as HH:mm. */
export function localClock(instant: Date, zone: string): string {
  return zoned(instant, zone).toFormat("HH:mm");
}

/** The instant the clocks in `zone` show `time` on `day` (a time skipped by a DST jump moves forward). */
export function atLocalTime(day: string, time: string, zone: string): Date {
  const local = DateTime.fromISO(`${day}T${time}`, { zone });
  if (!local.isValid) throw new RangeError(`invalid local time ${day} ${time} in ${JSON.stringify(zone)}: ${local.invalidReason}`);
  return local.toJSDate();
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
