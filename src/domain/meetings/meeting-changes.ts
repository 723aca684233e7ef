import { z } from "zod";

/**
 * What an edit or reschedule changed, as the re-posted notices list it. Stored with the revision (MeetingRevision
 * .changes), so a notice rendered again later still says what changed; times are ISO strings there.
 */
export const ZMeetingChange = z.discriminatedUnion("field", [
  z.object({ field: z.literal("title"), from: z.string(), to: z.string() }),
  z.object({ field: z.literal("startsAt"), from: z.string(), to: z.string() }),
  z.object({
    field: z.literal("signIn"),
    from: z.tuple([z.string(), z.string()]),
    to: z.tuple([z.string(), z.string()]),
  }),
  z.object({ field: z.literal("departments"), added: z.array(z.string()), removed: z.array(z.string()) }),
  z.object({ field: z.literal("headMustAttend"), from: z.boolean(), to: z.boolean() }),
  z.object({ field: z.literal("briefingDueWorkingDays"), from: z.number().int(), to: z.number().int() }),
]);
export type MeetingChange = z.infer<typeof ZMeetingChange>;
export const ZMeetingChanges = z.array(ZMeetingChange);

/** The parts of a meeting an edit can change. */
export interface EditableMeeting {
  title: string;
  startsAt: Date;
  signInOpensAt: Date;
  signInClosesAt: Date;
  headMustAttend: boolean;
  briefingDueWorkingDays: number;
  departmentIds: readonly string[];
}

/** The differences between a meeting and its edited version, in the order the notice lists them; empty when nothing changed. */
export function meetingChanges(before: EditableMeeting, after: EditableMeeting): MeetingChange[] {
  const changes: MeetingChange[] = [];
  if (before.title !== after.title) changes.push({ field: "title", from: before.title, to: after.title });
  if (before.startsAt.getTime() !== after.startsAt.getTime())
    changes.push({ field: "startsAt", from: before.startsAt.toISOString(), to: after.startsAt.toISOString() });
  if (
    before.signInOpensAt.getTime() !== after.signInOpensAt.getTime() ||
    before.signInClosesAt.getTime() !== after.signInClosesAt.getTime()
  )
    changes.push({
      field: "signIn",
      from: [before.signInOpensAt.toISOString(), before.signInClosesAt.toISOString()],
      to: [after.signInOpensAt.toISOString(), after.signInClosesAt.toISOString()],
    });
  const was = new Set(before.departmentIds);
  const now = new Set(after.departmentIds);
  const added = after.departmentIds.filter((d) => !was.has(d));
  const removed = before.departmentIds.filter((d) => !now.has(d));
  if (added.length + removed.length > 0) changes.push({ field: "departments", added, removed });
  if (before.headMustAttend !== after.headMustAttend)
    changes.push({ field: "headMustAttend", from: before.headMustAttend, to: after.headMustAttend });
  if (before.briefingDueWorkingDays !== after.briefingDueWorkingDays)
    changes.push({ field: "briefingDueWorkingDays", from: before.briefingDueWorkingDays, to: after.briefingDueWorkingDays });
  return changes;
}

/**
 * Sign-ins an edit voids: those made outside the new sign-in window (the meeting moved, so "I was there" no longer
 * holds) and those of departments no longer required. They are removed and audited; the people sign in again.
 */
export function signInsVoidedBy<S extends { departmentId: string; signedInAt: Date }>(
  signIns: readonly S[],
  after: Pick<EditableMeeting, "signInOpensAt" | "signInClosesAt" | "departmentIds">,
): S[] {
  const required = new Set(after.departmentIds);
  return signIns.filter((s) => !required.has(s.departmentId) || s.signedInAt < after.signInOpensAt || s.signedInAt >= after.signInClosesAt);
}
