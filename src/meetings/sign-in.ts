import type { Db } from "../db/client.ts";
import { alreadySignedInMessage } from "../domain/meetings/already-signed-in-message.ts";
import { checkSignIn, type AcceptedSignIn, type SignInCheck, type SignInClaim } from "../domain/meetings/check-sign-in.ts";
import type { SignInRecord } from "../domain/meetings/types.ts";
import { isUniqueViolation, type UserMessage } from "../lib/errors.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Person } from "../delivery/people.ts";
import { departmentRole } from "../directory/membership.ts";
import { loadMeeting, toSignInRecord, type LoadedMeeting, type MeetingDepartmentRow } from "./load-meeting.ts";

export interface SignInAttempt {
  meeting: LoadedMeeting;
  /** The department whose button was pressed, when the meeting requires it. */
  department: MeetingDepartmentRow | undefined;
  person: Person;
  check: SignInCheck;
}

/**
 * Checks a sign-in on the server: the person as Slack names them, their tie to the department (registered head,
 * liaison or channel member, asked fresh), and the meeting's rules. The button press checks with a deputy claim,
 * which refuses everything that does not depend on the form (window, department, membership) before it opens.
 */
export async function checkSignInAttempt(
  db: Db,
  slack: Delivery,
  args: { meetingId: string; departmentId: string; slackUserId: string; claim: SignInClaim; now: Date },
): Promise<SignInAttempt> {
  const meeting = await loadMeeting(db, args.meetingId);
  const [person, role] = await Promise.all([
    slack.lookUpPerson(args.slackUserId),
    departmentRole(db, slack, args.slackUserId, args.departmentId),
  ]);
  const check = checkSignIn({
    meeting: meeting.info,
    requiredDepartments: meeting.departments,
    person: {
      slackUserId: person.slackUserId,
      name: person.name,
      memberships: role ? [{ departmentId: args.departmentId, as: role }] : [],
    },
    departmentId: args.departmentId,
    claim: args.claim,
    now: args.now,
  });
  return { meeting, department: meeting.departments.find((d) => d.departmentId === args.departmentId), person, check };
}

export type RecordResult =
  | { recorded: true; signIn: SignInRecord }
  | { recorded: false; existing: SignInRecord; message: UserMessage }
  /** The meeting closed between the check and the insert. */
  | { recorded: false; closed: true };

/**
 * Stores an accepted sign-in. The (meeting, person) key decides a second one — a double click, two replicas — so
 * the first stands and the person is told when they signed in. The insert holds the meeting's row lock, as the
 * close does: a sign-in racing the close either lands before it (and is in the report) or is refused.
 */
export async function recordSignIn(db: Db, meetingId: string, signIn: AcceptedSignIn, now: Date): Promise<RecordResult> {
  try {
    const row = await db.$transaction(async (tx) => {
      const open = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Meeting" WHERE id = ${meetingId} AND status = 'scheduled' FOR UPDATE`;
      if (open.length === 0) return null;
      return tx.signIn.create({ data: { meetingId, ...signIn, createdAt: now } });
    });
    if (!row) return { recorded: false, closed: true };
    return { recorded: true, signIn: toSignInRecord(row) };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const row = await db.signIn.findUniqueOrThrow({ where: { meetingId_slackUserId: { meetingId, slackUserId: signIn.slackUserId } } });
  const existing = toSignInRecord(row);
  return { recorded: false, existing, message: alreadySignedInMessage(existing) };
}
