import { describe, expect, it } from "vitest";
import { absenceRecord } from "../../../src/domain/meetings/absence-record.ts";
import { briefingsToOpen } from "../../../src/domain/meetings/briefings-to-open.ts";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import { checkLeaveRequest, type CheckLeaveInput } from "../../../src/domain/meetings/check-leave.ts";
import { civil, culture, education, leave, local, meeting, signIn } from "./factories.ts";

const chen = signIn({ departmentId: "civil-affairs", slackUserId: "U_CHEN", name: "陈芳" });

describe("attendance with leave (请假)", () => {
  it("counts an approved leave as on_leave, with whoever came, and not among the heads who skipped", () => {
    const r = buildAttendanceReport(meeting({ status: "closed" }), [civil, education], [chen], [leave({ departmentId: "civil-affairs" })]);
    const li = r.departments.find((d) => d.departmentId === "civil-affairs")!;
    expect(li.status).toBe("on_leave");
    expect(li.attendees.map((a) => a.name)).toEqual(["陈芳"]);
    expect(r.totals).toMatchObject({ onLeave: 1, byDeputy: 0, absent: 1, headNotInPerson: 1 });
    // The substitute still briefs the head.
    expect(briefingsToOpen(r).map((b) => [b.departmentId, b.deputy?.slackUserId])).toEqual([
      ["education", undefined],
      ["civil-affairs", "U_CHEN"],
    ]);
  });

  it("treats a pending or refused leave as no leave, and a head who came anyway as in person", () => {
    for (const status of ["pending", "refused"] as const) {
      const r = buildAttendanceReport(meeting(), [civil], [chen], [leave({ departmentId: "civil-affairs", status })]);
      expect(r.departments[0]!.status).toBe("by_deputy");
    }
    const came = buildAttendanceReport(
      meeting(),
      [civil],
      [signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", role: "head" })],
      [leave({ departmentId: "civil-affairs" })],
    );
    expect(came.departments[0]!.status).toBe("head_in_person");
  });

  it("lists approved leave apart in the absence record and never toward a summons", () => {
    const held = (id: string, at: string, leaves: ReturnType<typeof leave>[]) => {
      const start = local(at);
      return buildAttendanceReport(
        meeting({ id, startsAt: start, signInOpensAt: start, signInClosesAt: start, status: "closed" }),
        [civil],
        [],
        leaves,
      );
    };
    const record = absenceRecord([
      held("a", "2024-05-10 09:00", [leave({ departmentId: "civil-affairs", meetingId: "a" })]),
      held("b", "2024-05-20 09:00", [leave({ departmentId: "civil-affairs", meetingId: "b", reason: "住院" })]),
      held("c", "2024-05-28 09:00", []),
    ]);
    const li = record.heads.find((h) => h.head.slackUserId === "U_LI")!;
    expect(li.missed.map((m) => m.meetingId)).toEqual(["c"]);
    expect(li.onLeave.map((m) => [m.meetingId, m.status, m.leaveReason])).toEqual([
      ["a", "on_leave", "赴省里开会"],
      ["b", "on_leave", "住院"],
    ]);
    expect(li.flagged).toBe(false);
    expect(record.summons).toEqual([]);
  });
});

describe("checkLeaveRequest", () => {
  const base: CheckLeaveInput = {
    meeting: meeting(),
    department: civil,
    isMember: true,
    headSignedIn: false,
    existing: null,
    now: local("2024-05-28 09:00"),
  };
  const code = (over: Partial<CheckLeaveInput>) => {
    const c = checkLeaveRequest({ ...base, ...over });
    return c.ok ? "ok" : c.code;
  };

  it("accepts the unit before the meeting starts, once at a time; a refused leave may be asked again", () => {
    expect(code({})).toBe("ok");
    expect(code({ existing: leave({ departmentId: "civil-affairs", status: "pending" }) })).toBe("already_asked");
    expect(code({ existing: leave({ departmentId: "civil-affairs", status: "approved" }) })).toBe("already_asked");
    expect(code({ existing: leave({ departmentId: "civil-affairs", status: "refused" }) })).toBe("ok");
    expect(code({ existing: leave({ departmentId: "civil-affairs", status: "refused" }), now: local("2024-05-28 15:00") })).toBe(
      "meeting_started",
    );
  });

  it("refuses what a leave cannot change", () => {
    expect(code({ now: local("2024-05-28 15:00") })).toBe("meeting_started");
    expect(code({ meeting: meeting({ status: "cancelled" }) })).toBe("meeting_not_open");
    expect(code({ meeting: meeting({ headMustAttend: false }) })).toBe("head_need_not_attend");
    expect(code({ department: undefined })).toBe("department_not_required");
    expect(code({ department: culture })).toBe("no_registered_head");
    expect(code({ isMember: false })).toBe("not_a_member");
    expect(code({ headSignedIn: true })).toBe("head_signed_in");
    const started = checkLeaveRequest({ ...base, now: local("2024-05-28 15:10") });
    expect(started.ok ? "" : started.message.zh).toBe("请假须在会议开始（2024年5月28日 15:00）前提出，会议已开始。");
  });
});
