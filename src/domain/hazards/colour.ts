import { workingDaysBetween } from "../calendar/working-days.ts";
import type { HazardSettings } from "./settings.ts";
import type { HazardState } from "./types.ts";

/** 三色督办: blue as the deadline nears, yellow when overdue, red when long overdue or a listed hazard is overdue. */
export type HazardColour = "blue" | "yellow" | "red" | "none";

export const HAZARD_COLOUR_NAMES: Record<HazardColour, { zh: string; en: string; emoji: string }> = {
  blue: { zh: "蓝色", en: "blue", emoji: ":large_blue_circle:" },
  yellow: { zh: "黄色", en: "yellow", emoji: ":large_yellow_circle:" },
  red: { zh: "红色", en: "red", emoji: ":red_circle:" },
  none: { zh: "正常", en: "on track", emoji: ":white_circle:" },
};

export interface DeadlineStatus {
  colour: HazardColour;
  overdue: boolean;
  /** Working days past the deadline (0 when not overdue). */
  overdueWorkingDays: number;
  /** Working days left until the deadline (0 on the day and after). */
  workingDaysLeft: number;
}

/**
 * Derives the colour from the deadline on working days; never stored. The deadline day itself is not overdue.
 * A hazard waiting for acceptance is judged on the day its rectification was submitted (the unit did its part then);
 * a closed hazard has no colour.
 */
export function deadlineStatus(
  h: { state: HazardState; listed: boolean; deadlineDay: string; submittedDay: string | null },
  today: string,
  settings: Pick<HazardSettings, "blueWithinWorkingDays" | "redAfterWorkingDays">,
): DeadlineStatus {
  if (h.state === "closed") return { colour: "none", overdue: false, overdueWorkingDays: 0, workingDaysLeft: 0 };
  const asOf = h.state === "awaiting_acceptance" && h.submittedDay !== null ? h.submittedDay : today;
  if (asOf > h.deadlineDay) {
    const late = workingDaysBetween(h.deadlineDay, asOf);
    // A deadline that fell on a day off is late only from the next working day on.
    if (late >= 1) {
      const red = h.listed || late > settings.redAfterWorkingDays;
      return { colour: red ? "red" : "yellow", overdue: true, overdueWorkingDays: late, workingDaysLeft: 0 };
    }
    return { colour: "blue", overdue: false, overdueWorkingDays: 0, workingDaysLeft: 0 };
  }
  const left = workingDaysBetween(asOf, h.deadlineDay);
  return {
    colour: left <= settings.blueWithinWorkingDays ? "blue" : "none",
    overdue: false,
    overdueWorkingDays: 0,
    workingDaysLeft: left,
  };
}
