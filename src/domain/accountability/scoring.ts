/**
 * 考核: a unit's record for a period scored by the office's rules (考核细则). Pure: the record is computed from the
 * database by the caller; the same record and rules always give the same card.
 */

/** What a record line can be; the rules deduct per line of a kind. */
export const FACT_KINDS = [
  "task_on_time",
  "task_late",
  "task_overdue",
  "education_held",
  "education_late",
  "education_missing",
  "pledge_signed",
  "pledge_missing",
  "meeting_in_person",
  "meeting_by_deputy",
  "meeting_on_leave",
  "meeting_absent",
  "briefing_confirmed",
  "briefing_unconfirmed",
  "hazard_found",
  "hazard_rectified_on_time",
  "hazard_rectified_late",
  "hazard_overdue",
  "hazard_listed",
  "interview",
  "accident",
  "death",
  "target_exceeded",
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** One line of a unit's record, traceable to the row it came from ("SG-2026-0001", "summer-fire:pledge", "YH-2026-0003"). */
export interface FactRecord {
  kind: FactKind;
  ref: string;
  day: string;
  text: string;
  /** The same line in English, when the record was built with it. */
  textEn?: string;
  /** How many this line counts for (deaths of one accident); 1 when omitted. */
  count?: number;
}

export interface VetoAccident {
  id: string;
  level: "general" | "larger" | "major" | "especially_major";
  unitResponsible: boolean;
}

export interface UnitRecord {
  unitId: string;
  name: string;
  facts: readonly FactRecord[];
  /** The year's accidents up to the period's end, for the 一票否决 conditions (which count a whole year). */
  yearAccidents: readonly VetoAccident[];
}

export interface Deduction {
  on: FactKind;
  each: number;
}

export interface ScoringItem {
  id: string;
  name: string;
  points: number;
  deductions: readonly Deduction[];
}

export interface VetoCondition {
  id: string;
  name: string;
  levels: readonly VetoAccident["level"][];
  atLeast: number;
}

export interface Grade {
  id: string;
  name: string;
  min: number;
}

export interface ScoringRules {
  name: string;
  total: number;
  items: readonly ScoringItem[];
  veto: { conditions: readonly VetoCondition[]; grade: string };
  /** Highest first. */
  grades: readonly Grade[];
}

export interface ScoreLine {
  itemId: string;
  itemName: string;
  on: FactKind;
  count: number;
  each: number;
  /** Points this line cost, after the item's cap (an item never goes below zero). */
  lost: number;
  refs: string[];
}

export interface Scorecard {
  unitId: string;
  name: string;
  score: number;
  rank: number;
  grade: Grade;
  /** The 一票否决 conditions met, with the accidents that met them; any → 不得评优. */
  vetoes: { id: string; name: string; accidents: string[] }[];
  mayBeRatedExcellent: boolean;
  fullMarks: boolean;
  lines: ScoreLine[];
}

/** Scores in tenths, so 0.5-point deductions add up exactly. */
const tenths = (n: number) => Math.round(n * 10);

function vetoesOf(record: UnitRecord, rules: ScoringRules): Scorecard["vetoes"] {
  return rules.veto.conditions.flatMap((c) => {
    const hits = record.yearAccidents.filter((a) => a.unitResponsible && c.levels.includes(a.level)).map((a) => a.id);
    return hits.length >= c.atLeast ? [{ id: c.id, name: c.name, accidents: hits }] : [];
  });
}

function cardOf(record: UnitRecord, rules: ScoringRules): Omit<Scorecard, "rank"> {
  const lines: ScoreLine[] = [];
  let score = 0;
  for (const item of rules.items) {
    let left = tenths(item.points);
    for (const d of item.deductions) {
      const facts = record.facts.filter((f) => f.kind === d.on);
      const count = facts.reduce((n, f) => n + (f.count ?? 1), 0);
      if (count === 0) continue;
      const lost = Math.min(left, tenths(d.each) * count);
      left -= lost;
      lines.push({ itemId: item.id, itemName: item.name, on: d.on, count, each: d.each, lost: lost / 10, refs: facts.map((f) => f.ref) });
    }
    score += left;
  }
  const vetoes = vetoesOf(record, rules);
  const value = score / 10;
  const byScore = rules.grades.find((g) => value >= g.min) ?? rules.grades[rules.grades.length - 1]!;
  const grade = vetoes.length ? (rules.grades.find((g) => g.id === rules.veto.grade) ?? byScore) : byScore;
  return {
    unitId: record.unitId,
    name: record.name,
    score: value,
    grade,
    vetoes,
    mayBeRatedExcellent: vetoes.length === 0,
    fullMarks: vetoes.length === 0 && value === rules.total,
    lines,
  };
}

const collator = new Intl.Collator("zh-CN");

/**
 * Every unit's card, ranked: highest score first, units under 一票否决 after all others; equal scores share a rank
 * (1, 2, 2, 4) and are listed by name.
 */
export function scoreUnits(records: readonly UnitRecord[], rules: ScoringRules): Scorecard[] {
  const cards = records.map((r) => cardOf(r, rules));
  cards.sort(
    (a, b) =>
      Number(b.vetoes.length === 0) - Number(a.vetoes.length === 0) ||
      b.score - a.score ||
      collator.compare(a.name, b.name) ||
      a.unitId.localeCompare(b.unitId),
  );
  const ranked: Scorecard[] = [];
  cards.forEach((c, i) => {
    const prev = ranked[i - 1];
    const tied = prev && prev.score === c.score && (prev.vetoes.length === 0) === (c.vetoes.length === 0);
    ranked.push({ ...c, rank: tied ? prev.rank : i + 1 });
  });
  return ranked;
}
