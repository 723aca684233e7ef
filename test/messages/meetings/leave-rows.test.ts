import { describe, expect, it } from "vitest";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import { attendanceRows, attendanceSummary } from "../../../src/messages/meetings/rows/attendance-rows.ts";
import { civil, leave, local, meeting, signIn } from "../../domain/meetings/factories.ts";

describe("the sign-in sheet with leave", () => {
  it("says 请假 with its reason in the in-person column, and the substitute as who attended", () => {
    const chen = signIn({ departmentId: "civil-affairs", slackUserId: "U_CHEN", name: "陈芳" });
    const r = buildAttendanceReport(meeting({ status: "closed" }), [civil], [chen], [leave({ departmentId: "civil-affairs" })]);
    const [row] = attendanceRows(r, { now: local("2024-05-29 09:00") }, "zh");
    expect(row).toMatchObject({ inPerson: "否（请假，已批准：赴省里开会）", attendedBy: "陈芳（副局长）", status: "on_leave" });
    expect(attendanceSummary(r, "zh")).toBe("应到 1 个单位：主要负责人本人参会 0 个，请假 1 个，他人代参会 0 个，缺席 0 个");
  });
});
