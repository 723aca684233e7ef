import type { Db } from "../db/client.ts";
import { parsePeriod, type Period } from "../domain/accountability/period.ts";
import { scoreUnits, type FactRecord, type Scorecard, type UnitRecord } from "../domain/accountability/scoring.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { rulesInForce, type RulesInForce } from "./scoring-rules-versions.ts";
import { loadUnitRecords } from "./unit-record.ts";

export interface ScoredUnit {
  card: Scorecard;
  nameEn: string;
  record: UnitRecord;
}

export interface ScoredPeriod {
  period: Period;
  asOf: Date;
  rules: RulesInForce;
  /** Ranked, best first. */
  units: ScoredUnit[];
}

/** The period typed, or the current year when nothing is typed; anything else is refused with examples. */
export function periodArg(text: string | undefined, now: Date, zone: string): Period {
  if (text === undefined || text.trim() === "") return parsePeriod(localDay(now, zone).slice(0, 4))!;
  const p = parsePeriod(text);
  if (p) return p;
  throw new AppError(ErrorCode.InputInvalid, {
    zh: `“${text}”不是考核期间，例如 2026、2026-Q2、2026年第二季度、2026-05。`,
    en: `"${text}" is not a period; e.g. 2026, 2026-Q2, 2026-05.`,
  });
}

/** Every unit scored for the period under the rules in force (or the version asked for). */
export async function scorePeriod(db: Db, period: Period, now: Date, zone: string, opts: { rulesVersion?: number } = {}): Promise<ScoredPeriod> {
  const rules = await rulesInForce(db, opts.rulesVersion);
  const loaded = await loadUnitRecords(db, period, now, zone);
  const byId = new Map(loaded.records.map((r) => [r.unitId, r]));
  const names = new Map(loaded.units.map((u) => [u.id, u.nameEn]));
  const cards = scoreUnits(loaded.records, rules.rules);
  return {
    period,
    asOf: loaded.asOf,
    rules,
    units: cards.map((card) => ({ card, nameEn: names.get(card.unitId) ?? card.unitId, record: byId.get(card.unitId)! })),
  };
}

/** The record lines behind one deduction line (the same kind, in the record's order). */
export function recordsOf(unit: ScoredUnit, on: FactRecord["kind"]): FactRecord[] {
  return unit.record.facts.filter((f) => f.kind === on);
}

/** A scored period as JSON: every card with each deduction's records, and every record line. */
export function scoredPeriodJson(s: ScoredPeriod) {
  return {
    period: s.period.label,
    from: s.period.fromDay,
    to: s.period.toDay,
    asOf: s.asOf.toISOString(),
    rules: { name: s.rules.rules.name, version: s.rules.version, file: s.rules.fileName, total: s.rules.rules.total },
    units: s.units.map((u) => ({
      unitId: u.card.unitId,
      name: u.card.name,
      nameEn: u.nameEn,
      rank: u.card.rank,
      score: u.card.score,
      grade: u.card.grade.name,
      mayBeRatedExcellent: u.card.mayBeRatedExcellent,
      fullMarks: u.card.fullMarks,
      vetoes: u.card.vetoes,
      deductions: u.card.lines.map((l) => ({
        item: l.itemName,
        on: l.on,
        count: l.count,
        each: l.each,
        lost: l.lost,
        records: recordsOf(u, l.on).map((f) => ({ ref: f.ref, day: f.day, text: f.text, ...(f.count ? { count: f.count } : {}) })),
      })),
      records: u.record.facts.map((f) => ({ kind: f.kind, ref: f.ref, day: f.day, text: f.text, ...(f.count ? { count: f.count } : {}) })),
    })),
  };
}
