import type { Sweep } from "../delivery/sweep.ts";
import { sendHazardReminders } from "./reminders.ts";

/** Scheduled work for the hazard ledger: deadline, escalation, acceptance and weekly progress reminders. */
export const hazardSweeps: Sweep[] = [{ id: "hazards.reminders", run: (deps, now) => sendHazardReminders(deps, now) }];
