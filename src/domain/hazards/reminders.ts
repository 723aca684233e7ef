import { DateTime } from "luxon";
import { addWorkingDays, isWorkingDay, plusDays, workingDayOnOrBefore, workingDaysBetween } from "../calendar/working-days.ts";
import { deadlineStatus } from "./colour.ts";
import type { HazardSettings } from "./settings.ts";
import type { HazardState } from "./types.ts";

/**
 * What the ledger reminds of, and to whom:
 * - `near` (blue) / `today` / `overdue` (daily while overdue): the owning unit, to rectify;
 * - `escalate`: once a hazard turns red (a listed one overdue, or overdue more than N working days): the unit's principal
 *   head and the office;
 * - `acceptance`: a rectification waiting for acceptance more than N working days: the acceptor;
 * - `progress`: a listed hazard's weekly progress report (跟踪督办), on the configured weekday, until it is filed.
 */
export type HazardReminderKind = "near" | "today" | "overdue" | "escalate" | "acceptance" | "progress";

export interface HazardReminderFacts {
  state: HazardState;
  listed: boolean;
  deadlineDay: string;
  /** The office-local day the current rectification was submitted, and that submission's history entry id. */
  submittedDay: string | null;
  submissionId: string | null;
  /** The office-local day of the latest progress report, or null. */
  lastProgressDay: string | null;
}

export interface HazardReminder {
  kind: HazardReminderKind;
  /** The slot's part of the dispatch key: with the hazard's id it makes the key (so each slot goes out once). */
  slot: string;
  overdueWorkingDays: number;
  workingDaysLeft: number;
}

/** Monday of the ISO week holding `day`, and the week's name (2026-W47). */
export function isoWeekOf(day: string): { monday: string; key: string } {
  const d = DateTime.fromISO(day, { zone: "utc" });
  return { monday: d.startOf("week").toISODate()!, key: `${d.weekYear}-W${String(d.weekNumber).padStart(2, "0")}` };
}

/**
 * The day in `day`'s week a listed hazard's progress report is due: the configured weekday, or the last working day
 * before it in that week when it is a day off (a Friday holiday moves it to Thursday); null in a week with no working
 * day up to then.
 */
export function progressDueDay(day: string, weekday: number): string | null {
  const { monday } = isoWeekOf(day);
  const due = workingDayOnOrBefore(plusDays(monday, weekday - 1));
  return due >= monday && isWorkingDay(due) ? due : null;
}

/** Which reminders are due for one hazard on `today` at local `clock` (working days only, from settings.remindAt). */
export function hazardRemindersDue(h: HazardReminderFacts, today: string, clock: string, settings: HazardSettings): HazardReminder[] {
  if (h.state === "closed" || !isWorkingDay(today) || clock < settings.remindAt) return [];
  const status = deadlineStatus(h, today, settings);
  const out: HazardReminder[] = [];
  const at = (kind: HazardReminderKind, slot: string) =>
    out.push({ kind, slot, overdueWorkingDays: status.overdueWorkingDays, workingDaysLeft: status.workingDaysLeft });

  if (h.state === "registered" || h.state === "rectifying") {
    // The last working day on or before the deadline is the day it is due (a Sunday deadline is due on Friday).
    const lastDay = workingDayOnOrBefore(h.deadlineDay);
    if (status.overdue) {
      at("overdue", `overdue:${today}`);
      if (status.colour === "red") at("escalate", `escalate:${h.deadlineDay}`);
    } else if (today === lastDay) at("today", `today:${h.deadlineDay}`);
    else if (today < lastDay && status.workingDaysLeft <= settings.blueWithinWorkingDays) at("near", `near:${h.deadlineDay}`);

    if (h.listed) {
      const due = progressDueDay(today, settings.progressWeekday);
      const { monday, key } = isoWeekOf(today);
      if (due !== null && today >= due && (h.lastProgressDay === null || h.lastProgressDay < monday)) at("progress", `progress:${key}`);
    }
  }

  if (h.state === "awaiting_acceptance" && h.submittedDay !== null && h.submissionId !== null) {
    if (workingDaysBetween(h.submittedDay, today) > settings.acceptanceWaitWorkingDays) at("acceptance", `acceptance:${h.submissionId}`);
  }
  return out;
}

/**
 * The latest deadline that can have a reminder due on `today`: the sweep reads open hazards with deadlineDay up to it
 * (an indexed range), so its cost grows with what is due, not with the ledger.
 */
export function deadlineHorizon(today: string, settings: Pick<HazardSettings, "blueWithinWorkingDays">): string {
  // A deadline on the days off after the horizon's working day is due on that working day, so include them.
  const last = addWorkingDays(today, settings.blueWithinWorkingDays);
  let d = last;
  while (!isWorkingDay(plusDays(d, 1))) d = plusDays(d, 1);
  return d;
}

/** A rectification submitted before this day has waited more than N working days for acceptance on `today`. */
export function acceptanceWaitCutoff(today: string, settings: Pick<HazardSettings, "acceptanceWaitWorkingDays">): string {
  // workingDaysBetween(s, today) > N  ⇔  s is before the N-th working day before today.
  return addWorkingDays(today, -settings.acceptanceWaitWorkingDays);
}
