import { describe, expect, it } from "vitest";
import { absenceRecord } from "../../../src/domain/meetings/absence-record.ts";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import type { MeetingInfo, RequiredDepartment, SignInRecord } from "../../../src/domain/meetings/types.ts";
import { civil, culture, education, local, meeting, signIn } from "./factories.ts";

function held(
  id: string,
  startsAt: string,
  signIns: SignInRecord[],
  opts: { required?: RequiredDepartment[]; meeting?: Partial<MeetingInfo> } = {},
) {
  const start = local(startsAt);
  const m = meeting({
    id,
    title: `会议 ${id}`,
    startsAt: start,
    signInOpensAt: start,
    signInClosesAt: start,
    status: "closed",
    ...opts.meeting,
  });
  return buildAttendanceReport(
    m,
    opts.required ?? [civil, education],
    signIns.map((s) => ({ ...s, signedInAt: start })),
  );
}

const liInPerson = signIn({ departmentId: "civil-affairs", slackUserId: "U_LI", role: "head" });
const liDeputy = signIn({ departmentId: "civil-affairs", slackUserId: "U_CHEN", name: "陈芳", title: "副局长" });
const zhaoInPerson = signIn({ departmentId: "education", slackUserId: "U_ZHAO", role: "head" });

function head(record: ReturnType<typeof absenceRecord>, slackUserId: string) {
  return record.heads.find((h) => h.head.slackUserId === slackUserId);
}

describe("absenceRecord", () => {
  it("lists each meeting a head missed in person, with the date and who came instead", () => {
    const record = absenceRecord([held("a", "2024-05-10 09:00", [liDeputy, zhaoInPerson]), held("b", "2024-05-28 15:00", [liInPerson])]);
    const li = head(record, "U_LI");
    expect(li).toMatchObject({ head: { name: "李明", title: "局长" }, required: 2, attendedInPerson: 1 });
    expect(li?.missed).toHaveLength(1);
    expect(li?.missed[0]).toMatchObject({ meetingId: "a", startsAt: local("2024-05-10 09:00"), status: "by_deputy", period: "2024-Q2" });
    expect(li?.missed[0]?.attendedBy.map((p) => `${p.name}（${p.title}）`)).toEqual(["陈芳（副局长）"]);
    // Zhao was absent entirely from b: listed with nobody attending.
    expect(head(record, "U_ZHAO")?.missed.map((m) => [m.meetingId, m.status, m.attendedBy.length])).toEqual([["b", "absent", 0]]);
  });

  it("leaves out heads who attended every meeting in person", () => {
    const record = absenceRecord([held("a", "2024-05-10 09:00", [liInPerson, zhaoInPerson])]);
    expect(record.heads).toEqual([]);
    expect(record.summons).toEqual([]);
  });

  it("flags a head with two misses in one quarter for the summons list", () => {
    const record = absenceRecord([held("a", "2024-04-10 09:00", [zhaoInPerson]), held("b", "2024-06-20 09:00", [liDeputy, zhaoInPerson])]);
    expect(record.summons.map((h) => h.head.slackUserId)).toEqual(["U_LI"]);
    expect(head(record, "U_LI")).toMatchObject({
      flagged: true,
      flaggedPeriods: ["2024-Q2"],
      missesByPeriod: [{ period: "2024-Q2", count: 2 }],
    });
  });

  it("does not flag two misses that fall in different quarters", () => {
    const record = absenceRecord([held("a", "2024-06-28 09:00", [zhaoInPerson]), held("b", "2024-07-03 09:00", [zhaoInPerson])]);
    expect(head(record, "U_LI")).toMatchObject({
      flagged: false,
      missesByPeriod: [
        { period: "2024-Q2", count: 1 },
        { period: "2024-Q3", count: 1 },
      ],
    });
    expect(record.summons).toEqual([]);
  });

  it("places quarters by Beijing time: 00:30 on 1 April is Q2 though it is still March in UTC", () => {
    const record = absenceRecord([held("a", "2024-04-01 00:30", [zhaoInPerson]), held("b", "2024-05-15 09:00", [zhaoInPerson])]);
    expect(head(record, "U_LI")?.missed.map((m) => m.period)).toEqual(["2024-Q2", "2024-Q2"]);
    expect(head(record, "U_LI")?.flagged).toBe(true);
  });

  it("honours a higher threshold and other periods", () => {
    const reports = [held("a", "2024-04-10 09:00", [zhaoInPerson]), held("b", "2024-05-10 09:00", [zhaoInPerson])];
    expect(absenceRecord(reports, { threshold: 3 }).summons).toEqual([]);
    expect(absenceRecord(reports, { per: "month" }).summons).toEqual([]);
    expect(absenceRecord(reports, { per: "year" }).summons.map((h) => h.flaggedPeriods)).toEqual([["2024"]]);
    expect(() => absenceRecord(reports, { threshold: 0 })).toThrow(RangeError);
  });

  it("counts only meetings from `since` on", () => {
    const reports = [held("a", "2024-04-10 09:00", [zhaoInPerson]), held("b", "2024-05-10 09:00", [zhaoInPerson])];
    const record = absenceRecord(reports, { since: local("2024-05-01 00:00") });
    expect(record.meetingsCounted).toBe(1);
    expect(head(record, "U_LI")?.missed.map((m) => m.meetingId)).toEqual(["b"]);
    expect(record.since).toEqual(local("2024-05-01 00:00"));
  });

  it("ignores meetings that do not require heads in person, and meetings not yet closed", () => {
    const record = absenceRecord([
      held("optional", "2024-04-10 09:00", [], { meeting: { headMustAttend: false } }),
      held("open", "2024-04-11 09:00", [], { meeting: { status: "scheduled" } }),
      held("real", "2024-04-12 09:00", [zhaoInPerson]),
    ]);
    expect(record.meetingsCounted).toBe(1);
    expect(head(record, "U_LI")?.missed.map((m) => m.meetingId)).toEqual(["real"]);
  });

  it("keeps misses of departments without a registered head apart, since nobody can be named", () => {
    const record = absenceRecord([held("a", "2024-04-10 09:00", [liInPerson], { required: [civil, culture] })]);
    expect(record.heads).toEqual([]);
    expect(record.withoutRegisteredHead.map((m) => [m.departmentId, m.status])).toEqual([["culture", "absent"]]);
  });

  it("follows the person, not the department, when the head changes", () => {
    const newHead: RequiredDepartment = { ...civil, headSlackUserId: "U_NEW", headName: "新局长" };
    const record = absenceRecord([
      held("a", "2024-04-10 09:00", [zhaoInPerson]),
      held("b", "2024-05-10 09:00", [zhaoInPerson], { required: [newHead, education] }),
    ]);
    expect(head(record, "U_LI")?.missed.map((m) => m.meetingId)).toEqual(["a"]);
    expect(head(record, "U_NEW")?.missed.map((m) => m.meetingId)).toEqual(["b"]);
    expect(record.summons).toEqual([]);
  });

  it("orders flagged heads first, even ahead of heads with more misses spread over quarters", () => {
    const record = absenceRecord([
      held("a", "2024-01-10 09:00", [liInPerson]),
      held("b", "2024-04-10 09:00", [zhaoInPerson]),
      held("c", "2024-05-10 09:00", [zhaoInPerson]),
      held("d", "2024-08-10 09:00", [liInPerson]),
      held("e", "2024-11-10 09:00", [liInPerson]),
    ]);
    expect(record.heads.map((h) => [h.head.slackUserId, h.missed.length, h.flagged])).toEqual([
      ["U_LI", 2, true],
      ["U_ZHAO", 3, false],
    ]);
  });
});
