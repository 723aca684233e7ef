import type { Db } from "../db/client.ts";
import type { MeetingListItem } from "../messages/meetings/meeting-list.ts";

/** The open meetings and the most recent closed ones, newest first. */
export async function listMeetings(db: Db, limit = 20): Promise<MeetingListItem[]> {
  const rows = await db.meeting.findMany({
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: limit,
    include: { _count: { select: { departments: true, signIns: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    status: m.status,
    required: m._count.departments,
    signedIn: m._count.signIns,
  }));
}
