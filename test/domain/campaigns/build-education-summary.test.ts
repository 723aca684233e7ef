import { describe, expect, it } from "vitest";
import { buildEducationSummary } from "../../../src/domain/campaigns/build-education-summary.ts";
import { ack, civil, completion, culture, education, weihui } from "./factories.ts";

describe("buildEducationSummary", () => {
  it("splits the targets into reported and not reported, in order, and totals the attendees", () => {
    const summary = buildEducationSummary(
      education,
      [civil, culture, weihui],
      [
        completion({
          taskKey: "warning-education",
          departmentId: "weihui",
          data: { heldOn: "2026-05-30", attendees: 45, location: "市政府礼堂", note: null },
        }),
        completion({
          taskKey: "warning-education",
          departmentId: "civil-affairs",
          data: { heldOn: "2026-05-29", attendees: 80, location: "三楼会议室", note: "观看专题片" },
        }),
        completion({ taskKey: "acknowledge", departmentId: "culture" }),
      ],
    );
    expect(summary.reported.map((r) => [r.department.id, r.session?.attendees])).toEqual([
      ["civil-affairs", 80],
      ["weihui", 45],
    ]);
    expect(summary.notReported).toEqual([culture]);
    expect(summary.totals).toEqual({ departments: 3, reported: 2, attendees: 125 });
  });

  it("counts a department whose stored form cannot be read as reported, with no attendees", () => {
    const summary = buildEducationSummary(
      education,
      [civil],
      [completion({ taskKey: "warning-education", departmentId: "civil-affairs", data: { broken: true } })],
    );
    expect(summary.reported[0]!.session).toBeNull();
    expect(summary.totals).toEqual({ departments: 1, reported: 1, attendees: 0 });
  });

  it("ignores completions of other tasks", () => {
    expect(buildEducationSummary(ack, [civil], []).notReported).toEqual([civil]);
  });
});
