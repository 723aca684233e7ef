import { describe, expect, it } from "vitest";
import {
  DEFAULT_HAZARD_SETTINGS,
  deadlineStatus,
  formatHazardNumber,
  parseHazardNumber,
  routeHazard,
} from "../../../src/domain/hazards/index.ts";
import type { MatrixVenueType } from "../../../src/domain/matrix/types.ts";

const open = (
  deadlineDay: string,
  over: { listed?: boolean; state?: "registered" | "awaiting_acceptance" | "closed"; submittedDay?: string | null } = {},
) => ({
  state: over.state ?? ("registered" as const),
  listed: over.listed ?? false,
  deadlineDay,
  submittedDay: over.submittedDay ?? null,
});

describe("三色督办 on working days (defaults: blue ≤ 3 working days, red after 5)", () => {
  const s = DEFAULT_HAZARD_SETTINGS;
  it("no colour far from the deadline, blue within 3 working days (weekends not counted)", () => {
    // Deadline Wed 2026-11-18. On Mon 11-09 it is 7 working days away; on Fri 11-13 it is 3 (Mon, Tue, Wed).
    expect(deadlineStatus(open("2026-11-18"), "2026-11-09", s).colour).toBe("none");
    expect(deadlineStatus(open("2026-11-18"), "2026-11-13", s)).toMatchObject({ colour: "blue", workingDaysLeft: 3 });
    expect(deadlineStatus(open("2026-11-18"), "2026-11-18", s)).toMatchObject({ colour: "blue", overdue: false });
  });
  it("yellow the working day after the deadline, red after more than 5 working days overdue", () => {
    expect(deadlineStatus(open("2026-11-20"), "2026-11-23", s)).toMatchObject({ colour: "yellow", overdue: true, overdueWorkingDays: 1 });
    expect(deadlineStatus(open("2026-11-20"), "2026-11-27", s)).toMatchObject({ colour: "yellow", overdueWorkingDays: 5 });
    expect(deadlineStatus(open("2026-11-20"), "2026-11-30", s)).toMatchObject({ colour: "red", overdueWorkingDays: 6 });
  });
  it("a listed hazard is red as soon as it is overdue", () => {
    expect(deadlineStatus(open("2026-11-20", { listed: true }), "2026-11-23", s).colour).toBe("red");
  });
  it("a deadline on a Saturday is not late on Sunday, and the National Day holiday is not counted", () => {
    expect(deadlineStatus(open("2026-11-21"), "2026-11-22", s).overdue).toBe(false);
    // 2026-09-30 (Wed) deadline; 10-01..10-07 are holidays; 10-08 is the first working day after.
    expect(deadlineStatus(open("2026-09-30"), "2026-10-07", s).overdue).toBe(false);
    expect(deadlineStatus(open("2026-09-30"), "2026-10-08", s)).toMatchObject({ overdue: true, overdueWorkingDays: 1 });
  });
  it("awaiting acceptance is judged on the submission day; closed has no colour", () => {
    expect(deadlineStatus(open("2026-11-20", { state: "awaiting_acceptance", submittedDay: "2026-11-19" }), "2026-12-10", s).overdue).toBe(
      false,
    );
    expect(
      deadlineStatus(open("2026-11-20", { state: "awaiting_acceptance", submittedDay: "2026-11-24" }), "2026-12-10", s).overdueWorkingDays,
    ).toBe(2);
    expect(deadlineStatus(open("2026-11-20", { state: "closed" }), "2026-12-10", s).colour).toBe("none");
  });
  it("the thresholds come from settings", () => {
    expect(deadlineStatus(open("2026-11-20"), "2026-11-24", { blueWithinWorkingDays: 3, redAfterWorkingDays: 1 }).colour).toBe("red");
  });
});

describe("hazard numbers", () => {
  it("YH-<year>-<4 digits>, parsed as people type them", () => {
    expect(formatHazardNumber(2026, 1)).toBe("YH-2026-0001");
    expect(formatHazardNumber(2026, 12345)).toBe("YH-2026-12345");
    expect(parseHazardNumber(" yh－2026－0007 ")).toEqual({ year: 2026, seq: 7, number: "YH-2026-0007" });
    expect(parseHazardNumber("YH-2026-0000")).toBeNull();
    expect(parseHazardNumber("2026-0001")).toBeNull();
  });
});

const lead = (departmentId: string, scopeZh: string | null = null, qualifiers: string[] = []) => ({
  departmentId,
  departmentNameZh: departmentId,
  departmentNameEn: departmentId,
  scopeZh,
  scopeEn: scopeZh,
  qualifiers,
  sourceClause: "…",
  office: null,
});
const venue = (id: string, leads: ReturnType<typeof lead>[], unassigned: MatrixVenueType["unassigned"] = null): MatrixVenueType => ({
  id,
  nameZh: id,
  nameEn: id,
  category: "x",
  aliases: [],
  leads,
  unassigned,
});

describe("routing by the matrix", () => {
  const county = { id: "hongqi", kind: "county_district" as const };
  it("venue type → lead department, the county as 属地", () => {
    const r = routeHazard(county, venue("nursing-home", [lead("civil-affairs")]), "幸福养老院");
    expect(r).toMatchObject({ outcome: "routed", routing: "matrix", lead: { departmentId: "civil-affairs" }, territorialId: "hongqi" });
  });
  it("a department's hazard has no 属地", () => {
    expect(routeHazard({ id: "culture", kind: "department" }, venue("ktv", [lead("culture")]), "")).toMatchObject({ territorialId: null });
  });
  it("an uncovered place goes to the owning unit and the office, never an invented department", () => {
    expect(routeHazard(county, null, "某仓库")).toMatchObject({ outcome: "routed", routing: "office", lead: null });
    const pipelines = venue("pipeline", [], { source: "相关责任部门", noteZh: "讲话未指明牵头部门", noteEn: "no lead named" });
    expect(routeHazard(county, pipelines, "")).toMatchObject({ routing: "office", lead: null, unassigned: { source: "相关责任部门" } });
  });
  it("a scoped venue type is picked by the place's words, a university's own place by the university lead, else ambiguous", () => {
    const library = venue("library", [
      lead("culture", "公共图书馆", ["公共", "市图书馆"]),
      lead("education", "中小学校", ["中学", "小学"]),
      lead("universities", "高校", ["大学"]),
    ]);
    expect(routeHazard(county, library, "红旗区实验小学图书馆")).toMatchObject({ lead: { departmentId: "education" } });
    expect(routeHazard(county, library, "市图书馆")).toMatchObject({ lead: { departmentId: "culture" } });
    expect(routeHazard({ id: "hist", kind: "university" }, library, "图书馆")).toMatchObject({ lead: { departmentId: "universities" } });
    const amb = routeHazard(county, library, "图书馆");
    expect(amb).toMatchObject({ outcome: "ambiguous" });
    if (amb.outcome === "ambiguous") expect(amb.leads).toHaveLength(3);
  });
});
