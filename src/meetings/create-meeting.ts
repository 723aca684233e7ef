import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { AppError, ErrorCode, isUniqueViolation } from "../lib/errors.ts";
import { loadDirectory } from "./directory.ts";
import { planMeeting, type MeetingDraft, type MeetingPlan, type MeetingProblem } from "../domain/meetings/plan-meeting.ts";

export interface CreatedMeeting {
  id: string;
  plan: MeetingPlan;
}

/** The problems of a draft as one coded error (for the CLI and commands); the modal maps `details.problems` to its fields. */
export function meetingProblemsError(problems: readonly MeetingProblem[]): AppError {
  return new AppError(
    ErrorCode.InputInvalid,
    {
      zh: `会议未创建：\n${problems.map((p) => `• ${p.message.zh}`).join("\n")}`,
      en: `The meeting was not created:\n${problems.map((p) => `• ${p.message.en}`).join("\n")}`,
    },
    { details: { problems } },
  );
}

/**
 * Saves a meeting with its required departments and each one's principal head as registered now. Without an id
 * the meeting is named after its local day ("2026-05-29-1", "-2" …), short enough to type in a command; a given
 * id that exists already is refused, so running the same file twice does not call the meeting twice.
 */
export async function createMeeting(
  db: Db,
  draft: MeetingDraft,
  options: { createdBy: string; now: Date; zone: string },
): Promise<CreatedMeeting> {
  const planned = planMeeting(draft, await loadDirectory(db), options.now);
  if (!planned.ok) throw meetingProblemsError(planned.problems);
  const { plan } = planned;
  const data = (id: string) => ({
    id,
    title: plan.title,
    startsAt: plan.startsAt,
    signInOpensAt: plan.signInOpensAt,
    signInClosesAt: plan.signInClosesAt,
    headMustAttend: plan.headMustAttend,
    briefingDueWorkingDays: plan.briefingDueWorkingDays,
    createdBy: options.createdBy,
    departments: {
      create: plan.departments.map((d) => ({
        departmentId: d.id,
        channelId: d.slackChannelId,
        headSlackUserId: d.headSlackUserId,
        headName: d.headName,
        headTitle: d.headTitle,
      })),
    },
  });

  if (plan.id) {
    try {
      await db.meeting.create({ data: data(plan.id) });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw new AppError(ErrorCode.Conflict, {
        zh: `会议 ${plan.id} 已存在，未重复创建。`,
        en: `Meeting ${plan.id} already exists; it was not created again.`,
      });
    }
    return { id: plan.id, plan };
  }

  const day = localDay(plan.startsAt, options.zone);
  let n = (await db.meeting.count({ where: { id: { startsWith: `${day}-` } } })) + 1;
  for (let attempt = 0; attempt < 20; attempt++, n++) {
    const id = `${day}-${n}`;
    try {
      await db.meeting.create({ data: data(id) });
      return { id, plan };
    } catch (e) {
      // Another office member created a meeting for the same day at the same moment: take the next number.
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError(ErrorCode.Conflict, { zh: "无法为会议分配编号，请稍后再试。", en: "Could not number the meeting; please try again." });
}
