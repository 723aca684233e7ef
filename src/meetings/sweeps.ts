import type { Sweep } from "../delivery/sweep.ts";
import { sendBriefingReminders } from "./briefings.ts";
import { closeDueMeetings } from "./close-meeting.ts";
import { postDueNotices } from "./notices.ts";

/** Scheduled work for meetings, in order: notices, closing (report and briefings), briefing reminders and the overdue list. */
export const meetingSweeps: Sweep[] = [
  { id: "meetings.notices", run: (deps, now) => postDueNotices(deps, now) },
  { id: "meetings.close", run: (deps, now) => closeDueMeetings(deps, now) },
  { id: "meetings.briefing-reminders", run: (deps, now) => sendBriefingReminders(deps, now) },
];
