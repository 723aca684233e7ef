import { describe, expect, it } from "vitest";
import { loadScoringRules } from "../../../src/accountability/scoring-rules-schema.ts";
import {
  scoreUnits,
  type FactKind,
  type FactRecord,
  type UnitRecord,
  type VetoAccident,
} from "../../../src/domain/accountability/scoring.ts";

function facts(...spec: [FactKind, number, number?][]): FactRecord[] {
  return spec.flatMap(([kind, n, count]) =>
    Array.from({ length: n }, (_, i) => ({ kind, ref: `${kind}#${i + 1}`, day: "2026-05-10", text: kind, ...(count ? { count } : {}) })),
  );
}

function unit(unitId: string, name: string, f: FactRecord[], yearAccidents: VetoAccident[] = []): UnitRecord {
  return { unitId, name, facts: f, yearAccidents };
}

// Equal scores share a rank and are listed by name (the zh-CN collator reads 长 as zhǎng: 红旗 before 长垣).
// A hand-computed table under the shipped default rules (prisma/seed/accountability/scoring-rules.yaml):
// | unit   | record                                                                       | lost                         | score | grade  | rank |
// | 卫辉市 | 2 tasks on time, pledge signed, head in person                               | 0                            | 100   | 优秀   | 1    |
// | 红旗区 | 1 late (1), 1 overdue (3), deputy (3), briefing (2), 2 hazards overdue (4), 约谈 (2.5) | 15.5               | 84.5  | 良好   | 2    |
// | 长垣市 | 4 deputies (12), 约谈 (2.5), 1 hazard rectified late (1)                       | 15.5                         | 84.5  | 良好   | 2    |
// | 教育局 | pledge missing (10), absent twice (10), education missing ×3 (15, capped 10), accident (3) + 1 death (2) | 35 | 65    | 合格   | 4    |
// | 辉县市 | accident (3), 3 deaths (6), target exceeded (15, capped at the 6 left); two larger accidents → 一票否决 | 15 | 85 | 不合格 | 5 |
const RECORDS: UnitRecord[] = [
  unit(
    "education",
    "市教育局",
    facts(["pledge_missing", 1], ["meeting_absent", 2], ["education_missing", 3], ["accident", 1], ["death", 1, 1]),
  ),
  unit("huixian", "辉县市", facts(["accident", 1], ["death", 1, 3], ["target_exceeded", 1]), [
    { id: "SG-2026-0001", level: "larger", unitResponsible: true },
    { id: "SG-2026-0004", level: "larger", unitResponsible: true },
    { id: "SG-2026-0005", level: "major", unitResponsible: false },
  ]),
  unit(
    "hongqi",
    "红旗区",
    facts(
      ["task_late", 1],
      ["task_overdue", 1],
      ["meeting_by_deputy", 1],
      ["briefing_unconfirmed", 1],
      ["hazard_overdue", 2],
      ["interview", 1],
      ["hazard_found", 5],
    ),
  ),
  unit("changyuan", "长垣市", facts(["meeting_by_deputy", 4], ["interview", 1], ["hazard_rectified_late", 1]), [
    { id: "SG-2026-0002", level: "larger", unitResponsible: true },
  ]),
  unit("weihui", "卫辉市", facts(["task_on_time", 2], ["pledge_signed", 1], ["meeting_in_person", 1])),
];

describe("scoreUnits under the shipped default rules", () => {
  it("matches the hand-computed table: scores, grades, ranks, 一票否决", async () => {
    const cards = scoreUnits(RECORDS, await loadScoringRules());
    expect(cards.map((c) => [c.name, c.score, c.grade.name, c.rank, c.mayBeRatedExcellent])).toEqual([
      ["卫辉市", 100, "优秀", 1, true],
      ["红旗区", 84.5, "良好", 2, true],
      ["长垣市", 84.5, "良好", 2, true],
      ["市教育局", 65, "合格", 4, true],
      ["辉县市", 85, "不合格", 5, false],
    ]);
    expect(cards[0]!.fullMarks).toBe(true);
    expect(cards.filter((c) => c.fullMarks).map((c) => c.unitId)).toEqual(["weihui"]);
    expect(cards[4]!.vetoes).toEqual([
      { id: "two-larger", name: "一年内发生两起较大事故且负有责任", accidents: ["SG-2026-0001", "SG-2026-0004"] },
    ]);
    // One larger accident is not enough for 一票否决, nor is a major one the unit is not responsible for.
    expect(cards.find((c) => c.unitId === "changyuan")!.vetoes).toEqual([]);
  });

  it("lists each line that cost points with the records behind it, capped at the item's points", async () => {
    const cards = scoreUnits(RECORDS, await loadScoringRules());
    const education = cards.find((c) => c.unitId === "education")!;
    expect(education.lines.map((l) => [l.itemId, l.on, l.count, l.lost])).toEqual([
      ["warning-education", "education_missing", 3, 10],
      ["pledge", "pledge_missing", 1, 10],
      ["meetings", "meeting_absent", 2, 10],
      ["accidents", "accident", 1, 3],
      ["accidents", "death", 1, 2],
    ]);
    expect(education.lines[2]!.refs).toEqual(["meeting_absent#1", "meeting_absent#2"]);
    const huixian = cards.find((c) => c.unitId === "huixian")!;
    expect(huixian.lines.map((l) => [l.on, l.count, l.lost])).toEqual([
      ["accident", 1, 3],
      ["death", 3, 6],
      ["target_exceeded", 1, 6],
    ]);
    // Lines that cost nothing (hazards found, tasks on time) are not listed as deductions.
    expect(cards.find((c) => c.unitId === "hongqi")!.lines.some((l) => l.on === "hazard_found")).toBe(false);
  });

  it("is reproducible: the same record in another order gives the same cards", async () => {
    const rules = await loadScoringRules();
    expect(scoreUnits([...RECORDS].reverse(), rules)).toEqual(scoreUnits(RECORDS, rules));
  });
});
