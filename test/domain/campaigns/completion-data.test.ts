import { describe, expect, it } from "vitest";
import { reportProblems, ZEducationSessionData, ZReportData } from "../../../src/domain/campaigns/completion-data.ts";

describe("reportProblems", () => {
  it("accepts consistent reports", () => {
    expect(reportProblems({ status: "rectifying", hazardsFound: 12, hazardsRectified: 10 })).toEqual({});
    expect(reportProblems({ status: "all-rectified", hazardsFound: 12, hazardsRectified: 12 })).toEqual({});
    expect(reportProblems({ status: "none-found", hazardsFound: 0, hazardsRectified: 0 })).toEqual({});
  });

  it("puts more-rectified-than-found on the rectified field", () => {
    expect(reportProblems({ status: "rectifying", hazardsFound: 3, hazardsRectified: 5 })).toEqual({
      hazardsRectified: {
        zh: "已整改数（5）不能多于排查发现的隐患数（3）。",
        en: "Hazards rectified (5) cannot exceed hazards found (3).",
      },
    });
  });

  it("puts a status that contradicts the numbers on the status field", () => {
    expect(reportProblems({ status: "none-found", hazardsFound: 2, hazardsRectified: 0 }).status?.zh).toBe(
      "填写了 2 处隐患，不能选择“未发现隐患”。",
    );
    expect(reportProblems({ status: "all-rectified", hazardsFound: 12, hazardsRectified: 10 }).status?.zh).toBe(
      "仍有 2 处隐患未整改，不能选择“已全部整改到位”。",
    );
  });
});

describe("stored completion data", () => {
  it("validates a report, including the cross-field rules", () => {
    expect(ZReportData.parse({ status: "rectifying", hazardsFound: 4, hazardsRectified: 1, note: null })).toEqual({
      status: "rectifying",
      hazardsFound: 4,
      hazardsRectified: 1,
      note: null,
    });
    expect(ZReportData.safeParse({ status: "rectifying", hazardsFound: 1, hazardsRectified: 4, note: null }).success).toBe(false);
    expect(ZReportData.safeParse({ status: "rectifying", hazardsFound: -1, hazardsRectified: 0, note: null }).success).toBe(false);
  });

  it("validates an education session", () => {
    expect(ZEducationSessionData.safeParse({ heldOn: "2026-05-29", attendees: 80, location: "会议室", note: null }).success).toBe(true);
    expect(ZEducationSessionData.safeParse({ heldOn: "29/05/2026", attendees: 80, location: "会议室", note: null }).success).toBe(false);
    expect(ZEducationSessionData.safeParse({ heldOn: "2026-05-29", attendees: 0, location: "会议室", note: null }).success).toBe(false);
  });
});
