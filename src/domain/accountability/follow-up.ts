import { isWorkingDay } from "../calendar/working-days.ts";
import { FOLLOW_UP_ITEMS, type FollowUpItemId } from "./categories.ts";

/** Words the office may type for each 四不放过 item: its id, its full name, or the short one. */
const ITEM_WORDS: Record<FollowUpItemId, string[]> = {
  cause: ["cause", "原因", "事故原因", "原因查清"],
  people: ["people", "责任人", "处理", "责任人处理"],
  education: ["education", "教育", "受教育", "群众教育"],
  measures: ["measures", "措施", "整改措施", "防范措施"],
};

export function findFollowUpItem(text: string): FollowUpItemId | undefined {
  const t = text.trim().toLowerCase();
  return FOLLOW_UP_ITEMS.find((i) => i.zh === text.trim() || ITEM_WORDS[i.id].includes(t))?.id;
}

/** The reminder of open items goes out once per working day, from this local time. */
export const FOLLOW_UP_REMINDER_AT = "09:30";

/** Whether the day's reminder is due at this local day and clock time: working days only, from FOLLOW_UP_REMINDER_AT. */
export function followUpReminderDue(day: string, clock: string): boolean {
  return isWorkingDay(day) && clock >= FOLLOW_UP_REMINDER_AT;
}

/** An accident is closed only when all four items are. */
export function allClosed(items: readonly { closedAt: Date | null }[]): boolean {
  return items.length === FOLLOW_UP_ITEMS.length && items.every((i) => i.closedAt !== null);
}
