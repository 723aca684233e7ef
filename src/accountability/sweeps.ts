import type { Sweep } from "../delivery/sweep.ts";
import { sendFollowUpReminders } from "./follow-up-reminders.ts";

export const accountabilitySweeps: Sweep[] = [{ id: "accountability.follow-up-reminders", run: (deps, now) => sendFollowUpReminders(deps, now) }];
