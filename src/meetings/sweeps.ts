import type { Sweep } from "../delivery/sweep.ts";
import { sendBriefingReminders } from "./briefings.ts";
import { closeDueMeetings } from "./close-meeting.ts";
import { postDueNotices } from "./notices.ts";
import { retryCancellations } from "./cancel-meeting.ts";
import { retryChangeNotices } from "./edit-meeting.ts";
import { retryLeavePosts } from "./leave.ts";
import { postStartReports } from "./start-report.ts";

/** Scheduled work for meetings, in order: notices, the start-time attendance, leave posts, closing (report and briefings), briefing reminders. */
export const meetingSweeps: Sweep[] = [
  { id: "meetings.changes", run: (deps, now) => retryChangeNotices(deps, now) },
  { id: "meetings.notices", run: (deps, now) => postDueNotices(deps, now) },
  { id: "meetings.start-report", run: (deps, now) => postStartReports(deps, now) },
  { id: "meetings.leaves", run: (deps, now) => retryLeavePosts(deps, now) },
  { id: "meetings.cancellations", run: (deps, now) => retryCancellations(deps, now) },
  { id: "meetings.close", run: (deps, now) => closeDueMeetings(deps, now) },
  { id: "meetings.briefing-reminders", run: (deps, now) => sendBriefingReminders(deps, now) },
];
