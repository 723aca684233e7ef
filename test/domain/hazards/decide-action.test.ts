import { describe, expect, it } from "vitest";
import { decideHazardAction, type HazardActor, type HazardFacts } from "../../../src/domain/hazards/index.ts";

const hazard = (over: Partial<HazardFacts> = {}): HazardFacts => ({
  number: "YH-2026-0001",
  unitId: "hongqi",
  leadDepartmentId: "civil-affairs",
  routing: "matrix",
  level: "general",
  state: "registered",
  listed: false,
  deadlineDay: "2026-11-20",
  measures: null,
  responsibility: null,
  funding: null,
  contingencyPlan: null,
  responsibleSlackUserId: "UOWNER",
  responsibleName: null,
  ...over,
});
const actor = (over: Partial<HazardActor> = {}): HazardActor => ({
  slackUserId: "U1",
  isOffice: false,
  headOf: [],
  liaisonOf: [],
  channelMemberOf: [],
  ...over,
});
const unitMember = actor({ slackUserId: "UMEM", channelMemberOf: ["hongqi"] });
const leadLiaison = actor({ slackUserId: "ULEAD", liaisonOf: ["civil-affairs"] });
const leadMember = actor({ slackUserId: "ULM", channelMemberOf: ["civil-affairs"] });
const office = actor({ slackUserId: "UOFF", isOffice: true, liaisonOf: ["safety-office"] });
const stranger = actor({ slackUserId: "USTR", liaisonOf: ["culture"] });

describe("the hazard loop 已登记 → 整改中 → 待验收 → 已销号", () => {
  it("the owning unit submits a rectification with a note and evidence", () => {
    const d = decideHazardAction(hazard(), unitMember, "submit_rectification", { note: "已更换灭火器", fileCount: 2 });
    expect(d).toMatchObject({ ok: true, from: "registered", to: "awaiting_acceptance", as: "owner_unit" });
  });
  it("a rectification without a note or without evidence is refused", () => {
    expect(decideHazardAction(hazard(), unitMember, "submit_rectification", { note: "  ", fileCount: 1 })).toMatchObject({
      ok: false,
      code: "reason_required",
    });
    expect(decideHazardAction(hazard(), unitMember, "submit_rectification", { note: "done", fileCount: 0 })).toMatchObject({
      ok: false,
      code: "evidence_required",
    });
  });
  it("nobody outside the owning unit rectifies — not the lead department, not the office", () => {
    for (const a of [leadLiaison, office, stranger]) {
      const d = decideHazardAction(hazard(), a, "submit_rectification", { note: "x", fileCount: 1 });
      expect(d).toMatchObject({ ok: false, code: "not_owner_unit" });
    }
  });
  it("the lead department's liaison accepts; acceptance closes it", () => {
    expect(decideHazardAction(hazard({ state: "awaiting_acceptance" }), leadLiaison, "accept")).toMatchObject({
      ok: true,
      to: "closed",
      as: "lead_department",
    });
  });
  it("a mere channel member of the lead department may not accept; the office may", () => {
    expect(decideHazardAction(hazard({ state: "awaiting_acceptance" }), leadMember, "accept")).toMatchObject({
      ok: false,
      code: "not_acceptor",
    });
    expect(decideHazardAction(hazard({ state: "awaiting_acceptance" }), office, "accept")).toMatchObject({ ok: true, as: "office" });
  });
  it("a unit never accepts its own hazard, even when it is the lead department", () => {
    const own = hazard({ unitId: "civil-affairs", state: "awaiting_acceptance" });
    const d = decideHazardAction(own, leadLiaison, "accept");
    expect(d).toMatchObject({ ok: false, code: "own_hazard" });
    if (!d.ok) expect(d.message.zh).toContain("本单位不能验收自己的隐患");
  });
  it("退回 needs a reason and goes back to 整改中", () => {
    const waiting = hazard({ state: "awaiting_acceptance" });
    expect(decideHazardAction(waiting, leadLiaison, "return", { note: "" })).toMatchObject({ ok: false, code: "reason_required" });
    expect(decideHazardAction(waiting, leadLiaison, "return", { note: "照片不清晰" })).toMatchObject({ ok: true, to: "rectifying" });
  });
  it("refuses actions out of order, naming the state", () => {
    const d = decideHazardAction(hazard({ state: "registered" }), leadLiaison, "accept");
    expect(d).toMatchObject({ ok: false, code: "wrong_state" });
    if (!d.ok) expect(d.message.zh).toContain("已登记");
    expect(decideHazardAction(hazard({ state: "closed" }), unitMember, "submit_rectification", { note: "x", fileCount: 1 })).toMatchObject({
      ok: false,
      code: "wrong_state",
    });
    expect(
      decideHazardAction(hazard({ state: "awaiting_acceptance" }), unitMember, "submit_rectification", { note: "x", fileCount: 1 }),
    ).toMatchObject({
      ok: false,
      code: "wrong_state",
    });
  });
  it("a hazard the matrix does not cover is accepted by the office only", () => {
    const uncovered = hazard({ routing: "office", leadDepartmentId: null, state: "awaiting_acceptance" });
    expect(decideHazardAction(uncovered, leadLiaison, "accept")).toMatchObject({ ok: false, code: "not_acceptor" });
    expect(decideHazardAction(uncovered, office, "accept")).toMatchObject({ ok: true, as: "office" });
  });
});

describe("挂牌督办", () => {
  const five = {
    responsibility: "站长负总责",
    measures: "更换管道",
    funding: "20万元",
    contingencyPlan: "停用并疏散",
    responsibleSlackUserId: "UOWNER",
  };
  it("only the office lists, only a major hazard, only with the 五落实 complete", () => {
    expect(decideHazardAction(hazard({ level: "major", ...five }), leadLiaison, "list")).toMatchObject({ ok: false, code: "office_only" });
    expect(decideHazardAction(hazard({ ...five }), office, "list")).toMatchObject({ ok: false, code: "not_major" });
    const d = decideHazardAction(hazard({ level: "major", ...five, funding: " " }), office, "list");
    expect(d).toMatchObject({ ok: false, code: "five_missing" });
    if (!d.ok) expect(d.message.zh).toContain("资金");
    expect(decideHazardAction(hazard({ level: "major", ...five }), office, "list")).toMatchObject({ ok: true, listed: true });
    expect(decideHazardAction(hazard({ level: "major", ...five, listed: true }), office, "list")).toMatchObject({
      ok: false,
      code: "already_listed",
    });
  });
  it("a named person is part of responsibility", () => {
    const d = decideHazardAction(hazard({ level: "major", ...five, responsibleSlackUserId: null }), office, "list");
    expect(d).toMatchObject({ ok: false, code: "five_missing" });
  });
  it("a listed hazard is accepted (销号, delisted) by the office only", () => {
    const listed = hazard({ level: "major", ...five, listed: true, state: "awaiting_acceptance" });
    expect(decideHazardAction(listed, leadLiaison, "accept")).toMatchObject({ ok: false, code: "office_only" });
    expect(decideHazardAction(listed, office, "accept")).toMatchObject({ ok: true, to: "closed", listed: false, delists: true });
    expect(decideHazardAction(listed, leadLiaison, "return", { note: "x" })).toMatchObject({ ok: false, code: "office_only" });
  });
});
