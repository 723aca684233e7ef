import { describe, expect, it } from "vitest";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import { civil, college, culture, education, local, meeting, signIn, weihui } from "./factories.ts";

const required = [civil, education, culture, weihui, college];

function byId(report: ReturnType<typeof buildAttendanceReport>, id: string) {
  const d = report.departments.find((x) => x.departmentId === id);
  if (!d) throw new Error(`no department ${id} in report`);
  return d;
}

describe("buildAttendanceReport", () => {
  it("sorts counties and districts first, then departments in pinyin order, then universities", () => {
    const r = buildAttendanceReport(meeting(), required, []);
    // 市教育局 (jiao) < 市民政局 (min) < 市文化局 (wen)
    expect(r.departments.map((d) => d.departmentId)).toEqual(["weihui", "education", "civil-affairs", "culture", "xxu"]);
  });

  it("marks a department whose registered head signed in as head in person", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", name: "李明", role: "head", title: "局长" }),
    ]);
    expect(byId(r, "civil-affairs")).toMatchObject({ status: "head_in_person", headSignedInAt: local("2024-05-28 14:10"), attendees: [] });
  });

  it("names the absent head and who came instead, with titles", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "education", slackUserId: "U_QIAN", name: "钱伟", title: "副局长" }),
    ]);
    const d = byId(r, "education");
    expect(d.status).toBe("by_deputy");
    expect(d.head).toEqual({ slackUserId: "U_ZHAO", name: "赵刚", title: "局长" });
    expect(d.nameZh).toBe("市教育局");
    expect(d.attendees).toEqual([
      { slackUserId: "U_QIAN", name: "钱伟", title: "副局长", role: "deputy", signedInAt: local("2024-05-28 14:10") },
    ]);
  });

  it("lists a department nobody came from as absent", () => {
    const r = buildAttendanceReport(meeting(), required, []);
    expect(byId(r, "weihui")).toMatchObject({ status: "absent", attendees: [], headSignedInAt: null, head: { name: "王强" } });
  });

  it("treats the registered head who signed in as a deputy as the head in person", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "weihui", slackUserId: "U_WANG", role: "deputy", title: "市长" }),
    ]);
    expect(byId(r, "weihui")).toMatchObject({ status: "head_in_person", attendees: [] });
  });

  it("keeps the head in person when a deputy came as well, listing the deputy as an attendee", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "civil-affairs", slackUserId: "U_CHEN", signedInAt: local("2024-05-28 14:01") }),
      signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", role: "head", signedInAt: local("2024-05-28 14:20") }),
    ]);
    const d = byId(r, "civil-affairs");
    expect(d.status).toBe("head_in_person");
    expect(d.headSignedInAt).toEqual(local("2024-05-28 14:20"));
    expect(d.attendees.map((a) => a.slackUserId)).toEqual(["U_CHEN"]);
  });

  it("lists several deputies from one department earliest first", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "education", slackUserId: "U_B", signedInAt: local("2024-05-28 14:30") }),
      signIn({ departmentId: "education", slackUserId: "U_A", signedInAt: local("2024-05-28 14:05") }),
    ]);
    expect(byId(r, "education").attendees.map((a) => a.slackUserId)).toEqual(["U_A", "U_B"]);
  });

  it("counts a person twice signed in once, keeping the earliest", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "education", slackUserId: "U_A", signedInAt: local("2024-05-28 14:30") }),
      signIn({ departmentId: "education", slackUserId: "U_A", signedInAt: local("2024-05-28 14:05") }),
    ]);
    expect(byId(r, "education").attendees).toHaveLength(1);
    expect(byId(r, "education").attendees[0]?.signedInAt).toEqual(local("2024-05-28 14:05"));
    expect(r.totals.attendees).toBe(1);
  });

  it("does not count a head-role sign-in by someone other than the registered head as in person", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "education", slackUserId: "U_NEW", role: "head", title: "局长" }),
    ]);
    expect(byId(r, "education").status).toBe("by_deputy");
  });

  it("flags a department with no registered head; someone attending makes it present by deputy", () => {
    const r = buildAttendanceReport(meeting(), required, [signIn({ departmentId: "culture", slackUserId: "U_WU" })]);
    expect(byId(r, "culture")).toMatchObject({ head: null, status: "by_deputy" });
    expect(r.totals.withoutRegisteredHead).toBe(1);
  });

  it("totals each status and keeps stray sign-ins out of them", () => {
    const r = buildAttendanceReport(meeting(), required, [
      signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", role: "head" }),
      signIn({ departmentId: "xxu", slackUserId: "U_SUN", role: "head" }),
      signIn({ departmentId: "education", slackUserId: "U_QIAN" }),
      signIn({ departmentId: "housing", slackUserId: "U_STRAY" }),
    ]);
    expect(r.totals).toEqual({
      required: 5,
      headInPerson: 2,
      byDeputy: 1,
      absent: 2,
      onLeave: 0,
      headNotInPerson: 3,
      withoutRegisteredHead: 1,
      attendees: 3,
    });
    expect(r.unexpectedSignIns.map((s) => s.slackUserId)).toEqual(["U_STRAY"]);
  });
});
