import type { AttendanceStatus } from "./build-attendance-report.ts";
import type { BriefingRecord } from "./types.ts";

/**
 * Where a department's briefing follow-up stands. Every party on the row must confirm: the deputy that
 * they briefed the head in full, the head that they were briefed. A missing party (nobody came, or no
 * registered head) has nothing to confirm.
 */
export type BriefingState =
  | { state: "not_needed" }
  | { state: "not_opened" }
  | { state: "confirmed"; at: Date }
  | { state: "pending" | "overdue"; dueAt: Date; deputyConfirmed: boolean; headConfirmed: boolean };

export function briefingState(status: AttendanceStatus, briefing: BriefingRecord | undefined, now: Date): BriefingState {
  if (status === "head_in_person") return { state: "not_needed" };
  if (!briefing) return { state: "not_opened" };
  const deputyConfirmed = briefing.deputySlackUserId === null || briefing.deputyConfirmedAt !== null;
  const headConfirmed = briefing.headSlackUserId === null || briefing.headConfirmedAt !== null;
  if (deputyConfirmed && headConfirmed) {
    const times = [briefing.deputyConfirmedAt, briefing.headConfirmedAt].filter((t): t is Date => t !== null);
    const at = times.reduce<Date | null>((latest, t) => (latest && latest > t ? latest : t), null);
    // A row with neither party is never opened by briefingsToOpen; treat a stray one the same way.
    return at ? { state: "confirmed", at } : { state: "not_opened" };
  }
  return {
    state: now.getTime() > briefing.dueAt.getTime() ? "overdue" : "pending",
    dueAt: briefing.dueAt,
    deputyConfirmed,
    headConfirmed,
  };
}
