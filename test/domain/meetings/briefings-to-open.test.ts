import { describe, expect, it } from "vitest";
import { briefingsToOpen } from "../../../src/domain/meetings/briefings-to-open.ts";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import { civil, culture, education, local, meeting, signIn, weihui } from "./factories.ts";

const signIns = [
  signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", name: "李明", role: "head" }),
  signIn({ departmentId: "education", slackUserId: "U_B", name: "后到", signedInAt: local("2024-05-28 14:40") }),
  signIn({ departmentId: "education", slackUserId: "U_A", name: "先到", signedInAt: local("2024-05-28 14:02") }),
];

describe("briefingsToOpen", () => {
  it("opens one follow-up per department whose head was not there, deputy = first to sign in", () => {
    const report = buildAttendanceReport(meeting(), [civil, education, weihui], signIns);
    expect(briefingsToOpen(report)).toEqual([
      { meetingId: "m-0528", departmentId: "weihui", head: { slackUserId: "U_WANG", name: "王强" }, deputy: null },
      {
        meetingId: "m-0528",
        departmentId: "education",
        head: { slackUserId: "U_ZHAO", name: "赵刚" },
        deputy: { slackUserId: "U_A", name: "先到" },
      },
    ]);
  });

  it("opens a deputy-only follow-up for an attended department without a registered head, none when nobody came", () => {
    const attended = buildAttendanceReport(meeting(), [culture], [signIn({ departmentId: "culture", slackUserId: "U_WU", name: "吴" })]);
    expect(briefingsToOpen(attended)).toEqual([
      { meetingId: "m-0528", departmentId: "culture", head: null, deputy: { slackUserId: "U_WU", name: "吴" } },
    ]);
    expect(briefingsToOpen(buildAttendanceReport(meeting(), [culture], []))).toEqual([]);
  });

  it("opens none when the meeting did not require heads in person", () => {
    const report = buildAttendanceReport(meeting({ headMustAttend: false }), [civil, education, weihui], signIns);
    expect(briefingsToOpen(report)).toEqual([]);
  });
});
