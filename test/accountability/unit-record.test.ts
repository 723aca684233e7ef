import { beforeAll, describe, expect, it } from "vitest";
import { loadScoringRules } from "../../src/accountability/scoring-rules-schema.ts";
import { loadUnitRecords } from "../../src/accountability/unit-record.ts";
import { parsePeriod } from "../../src/domain/accountability/period.ts";
import { scoreUnits, type Scorecard } from "../../src/domain/accountability/scoring.ts";
import { seedAccountabilityScenario } from "../support/accountability-scenario.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

const ZONE = "Asia/Shanghai";
const AFTER = new Date("2026-07-10T02:00:00Z");

// The seeded 2026-Q2 (test/support/accountability-scenario.ts) under the shipped default rules, computed by hand:
// | unit       | record lines that cost points                                                                 | lost | score | grade  | rank |
// | 卫辉市     | none (ack, education and pledge on time; head in person; YH-0006 submitted before its deadline) | 0    | 100   | 优秀   | 1    |
// | 7 others   | none                                                                                          | 0    | 100   | 优秀   | 1    |
// | 新乡县     | SG-2026-0002 (3); its road-traffic target was already exceeded in Q1 (SG-0001), so no line now  | 3    | 97    | 优秀   | 9    |
// | 市教育局   | ack overdue (3), education late (2), pledge missing (10), meeting absent (5)                   | 20   | 80    | 良好   | 10   |
// | 红旗区     | ack late (1), education missing (5), pledge on an old text (10), deputy (3), briefing (2),     | 31.5 | 68.5  | 合格   | 11   |
// |            | YH-0004 late (1), YH-0001 + YH-0005 overdue on 30 June (4), YH-0003 listed (3), 约谈 (2.5)      |      |       |        |      |
// | 辉县市     | SG-0003 + SG-0004 (6), 3 deaths (6), industry-trade target exceeded (15, capped at the 3 left); | 15   | 85    | 不合格 | 12   |
// |            | two larger accidents it is responsible for → 一票否决                                          |      |       |        |      |
describe.each(dbKinds())("unit records from the database (%s)", (kind) => {
  const db = useTestDatabase(kind);
  let cards: Scorecard[];
  const card = (id: string) => cards.find((c) => c.unitId === id)!;
  const lost = (id: string) => Object.fromEntries(card(id).lines.map((l) => [l.on, { lost: l.lost, refs: l.refs }]));

  beforeAll(async () => {
    await seedAccountabilityScenario(db().prisma);
    const loaded = await loadUnitRecords(db().prisma, parsePeriod("2026-Q2")!, AFTER, ZONE);
    cards = scoreUnits(loaded.records, await loadScoringRules());
  });

  it("scores the seeded quarter as the hand-computed table", () => {
    expect(card("weihui")).toMatchObject({ score: 100, rank: 1, grade: { name: "优秀" } });
    expect(cards).toHaveLength(12);
    expect(cards.filter((c) => c.score === 100).map((c) => c.rank)).toEqual(Array(8).fill(1));
    expect(cards.slice(8).map((c) => [c.unitId, c.score, c.grade.name, c.rank])).toEqual([
      ["xinxiang-county", 97, "优秀", 9],
      ["education", 80, "良好", 10],
      ["hongqi", 68.5, "合格", 11],
      ["huixian", 85, "不合格", 12],
    ]);
    expect(card("weihui").fullMarks).toBe(true);
    expect(card("huixian").vetoes).toEqual([{ id: "two-larger", name: "一年内发生两起较大事故且负有责任", accidents: ["SG-2026-0003", "SG-2026-0004"] }]);
    expect(card("huixian").mayBeRatedExcellent).toBe(false);
  });

  it("traces each deduction to its record", () => {
    expect(lost("hongqi")).toEqual({
      task_late: { lost: 1, refs: ["summer-fire-safety-2026:ack"] },
      education_missing: { lost: 5, refs: ["summer-fire-safety-2026:education"] },
      pledge_missing: { lost: 10, refs: ["summer-fire-safety-2026:pledge"] },
      meeting_by_deputy: { lost: 3, refs: ["meeting:m-0610"] },
      briefing_unconfirmed: { lost: 2, refs: ["meeting:m-0610:briefing"] },
      hazard_rectified_late: { lost: 1, refs: ["YH-2026-0004"] },
      hazard_overdue: { lost: 4, refs: ["YH-2026-0001", "YH-2026-0005"] },
      hazard_listed: { lost: 3, refs: ["YH-2026-0003"] },
      interview: { lost: 2.5, refs: [expect.stringMatching(/^interview:\d+$/)] },
    });
    expect(lost("education")).toEqual({
      task_overdue: { lost: 3, refs: ["summer-fire-safety-2026:ack"] },
      education_late: { lost: 2, refs: ["summer-fire-safety-2026:education"] },
      pledge_missing: { lost: 10, refs: ["summer-fire-safety-2026:pledge"] },
      meeting_absent: { lost: 5, refs: ["meeting:m-0610"] },
    });
    expect(lost("huixian")).toEqual({
      accident: { lost: 6, refs: ["SG-2026-0003", "SG-2026-0004"] },
      death: { lost: 6, refs: ["SG-2026-0003", "SG-2026-0004"] },
      target_exceeded: { lost: 3, refs: ["target:2026:industry-trade:huixian"] },
    });
    expect(lost("xinxiang-county")).toEqual({ accident: { lost: 3, refs: ["SG-2026-0002"] } });
  });

  it("says what each line is, in words a person reads", async () => {
    const loaded = await loadUnitRecords(db().prisma, parsePeriod("2026-Q2")!, AFTER, ZONE);
    const hongqi = loaded.records.find((r) => r.unitId === "hongqi")!;
    const texts = hongqi.facts.map((f) => f.text);
    expect(texts).toContain("夏季消防安全专项行动·收到：5月25日到期，5月27日逾期完成");
    expect(texts).toContainEqual(expect.stringMatching(/^全市安全生产电视电话会议（6月10日）：负责人\d+未亲自参会，由赵副区长代会$/));
    expect(texts).toContain("6月15日约谈王强（区长）（YH-2026-0001）");
    expect(texts).toContain("YH-2026-0005（一般隐患，期限6月10日）：逾期 13 个工作日未整改"); // 11–30 June less weekends and 端午 (19 June)
    // The cancelled meeting is not in anyone's record.
    expect(loaded.records.flatMap((r) => r.facts.map((f) => f.ref))).not.toContain("meeting:m-0617");
  });

  it("gives the same numbers for the same period however much later it is asked", async () => {
    const rules = await loadScoringRules();
    const later = scoreUnits((await loadUnitRecords(db().prisma, parsePeriod("2026年第二季度")!, new Date("2027-03-01T00:00:00Z"), ZONE)).records, rules);
    expect(later).toEqual(cards);
  });

  it("counts a control target in the period it was crossed: the year shows it, the quarter after does not", async () => {
    const rules = await loadScoringRules();
    const year = scoreUnits((await loadUnitRecords(db().prisma, parsePeriod("2026")!, AFTER, ZONE)).records, rules);
    const xinxiang = year.find((c) => c.unitId === "xinxiang-county")!;
    expect(xinxiang.score).toBe(85);
    expect(xinxiang.lines.map((l) => [l.on, l.lost])).toEqual([
      ["accident", 6],
      ["target_exceeded", 9],
    ]);
  });

  it("takes a running period's record now: what is not due yet costs nothing, what is overdue already does", async () => {
    const rules = await loadScoringRules();
    // 26 May, 12:00: the ack was due on the 25th (hongqi had not acknowledged yet); education and pledge not due yet.
    const mid = scoreUnits((await loadUnitRecords(db().prisma, parsePeriod("2026-Q2")!, new Date("2026-05-26T04:00:00Z"), ZONE)).records, rules);
    const hongqi = mid.find((c) => c.unitId === "hongqi")!;
    expect(hongqi.lines.filter((l) => l.itemId === "campaign-tasks").map((l) => [l.on, l.refs])).toEqual([["task_overdue", ["summer-fire-safety-2026:ack"]]]);
    expect(hongqi.lines.some((l) => l.on === "pledge_missing" || l.on === "education_missing")).toBe(false);
  });

  // Last: it adds a meeting to the shared scenario.
  it("records a head on approved leave (请假) as such, which the shipped rules do not deduct for", async () => {
    const p = db().prisma;
    const weihui = await p.department.findUniqueOrThrow({ where: { id: "weihui" } });
    const startsAt = new Date("2026-06-24T07:00:00Z");
    await p.meeting.create({
      data: {
        id: "m-0624",
        title: "汛期安全会议",
        startsAt,
        signInOpensAt: new Date(startsAt.getTime() - 1800_000),
        signInClosesAt: new Date(startsAt.getTime() + 900_000),
        status: "closed",
        createdBy: "UOFFICE",
        departments: { create: [{ departmentId: "weihui", headSlackUserId: weihui.headSlackUserId, headName: weihui.headName }] },
        leaves: { create: [{ departmentId: "weihui", slackUserId: weihui.headSlackUserId!, name: weihui.headName!, reason: "出差", substituteName: "副市长", status: "approved" }] },
      },
    });
    const loaded = await loadUnitRecords(p, parsePeriod("2026-Q2")!, AFTER, ZONE);
    const facts = loaded.records.find((r) => r.unitId === "weihui")!.facts.filter((f) => f.ref === "meeting:m-0624");
    expect(facts.map((f) => [f.kind, f.text])).toEqual([["meeting_on_leave", "汛期安全会议（6月24日）：主要负责人经批准请假"]]);
    expect(scoreUnits(loaded.records, await loadScoringRules()).find((c) => c.unitId === "weihui")!.score).toBe(100);
  });
});
