import type { SweepDeps } from "../delivery/sweep.ts";
import { atLocalTime, localDay } from "../domain/calendar/office-hours.ts";
import { addWorkingDays } from "../domain/calendar/working-days.ts";
import { createMeeting } from "../meetings/create-meeting.ts";
import { checkLeaveAttempt, postLeaveRequest, saveLeave } from "../meetings/leave.ts";
import { postDueNotices, refreshNotices } from "../meetings/notices.ts";

/** The demo meeting's id, so a restarted sandbox finds it instead of calling another. */
export const DEMO_MEETING_ID = "sandbox-demo-meeting";
const REQUIRED = ["weihui", "hongqi", "civil-affairs", "education"];

/**
 * A mandatory meeting on the next working day at 15:00 for four units, and 卫辉市's leave (请假) already asked by its
 * liaison through the real rules, so the office channel shows a request to approve or refuse and 卫辉市's notice its
 * state. Once: a sandbox that has the meeting, or a directory without these units, is left as it is.
 */
export async function seedDemoMeeting(deps: SweepDeps, now: Date): Promise<boolean> {
  const { db, config } = deps;
  if (await db.meeting.findUnique({ where: { id: DEMO_MEETING_ID }, select: { id: true } })) return false;
  const present = await db.department.findMany({ where: { id: { in: REQUIRED } }, select: { id: true } });
  const office = await db.liaison.findFirst({ where: { department: { kind: "office" } }, orderBy: { slackUserId: "asc" } });
  const asker = await db.liaison.findFirst({ where: { departmentId: "weihui" }, orderBy: { slackUserId: "asc" } });
  if (present.length !== REQUIRED.length || !office || !asker) return false;

  const day = addWorkingDays(localDay(now, config.zone), 1);
  await createMeeting(
    db,
    {
      id: DEMO_MEETING_ID,
      title: "全市安全生产工作电视电话会议",
      startsAt: atLocalTime(day, "15:00", config.zone),
      opensMinutesBefore: 60,
      closesMinutesAfter: 30,
      departments: { groups: [], ids: REQUIRED, except: [] },
      headMustAttend: true,
      briefingDueWorkingDays: 2,
    },
    { createdBy: office.slackUserId, now, zone: config.zone },
  );
  await postDueNotices(deps, now, [DEMO_MEETING_ID]);

  const attempt = await checkLeaveAttempt(db, deps.delivery, {
    meetingId: DEMO_MEETING_ID,
    departmentId: "weihui",
    slackUserId: asker.slackUserId,
    now,
  });
  if (!attempt.check.ok || !attempt.department) return true;
  const saved = await saveLeave(
    db,
    { ...attempt, department: attempt.department },
    { reason: "同一时间须参加省政府防汛调度会", substituteSlackUserId: asker.slackUserId, substituteName: null },
    await deps.delivery.lookUpPerson(asker.slackUserId),
    now,
  );
  if (saved.saved) {
    await postLeaveRequest(deps, attempt.meeting, attempt.department, saved.leave);
    await refreshNotices(deps, attempt.meeting, ["weihui"], now);
  }
  return true;
}
