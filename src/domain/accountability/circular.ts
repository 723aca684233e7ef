import { categoryName } from "./categories.ts";
import { FACT_KIND_NAMES } from "./fact-names.ts";
import { periodName, type Period } from "./period.ts";
import type { FactKind, FactRecord, Scorecard } from "./scoring.ts";
import { CITY, type UsageRow } from "./target-usage.ts";

/** What a 通报 says, fixed at drafting: publishing sends exactly this, and the document is rendered from it. */
export interface CircularContent {
  period: string;
  periodName: string;
  title: string;
  rules: { name: string; version: number | null };
  /** Local day the records were taken to. */
  asOfDay: string;
  overview: {
    tasks: { done: number; due: number; percent: number | null };
    meetings: { inPerson: number; required: number; percent: number | null };
    hazards: { found: number; rectified: number; onTime: number; overdue: number; percent: number | null };
    accidents: { accidents: number; deaths: number; lines: string[] };
  };
  praise: { unitId: string; name: string }[];
  criticism: { unitId: string; name: string; score: number; grade: string; failings: string[] }[];
  absentHeads: { unitId: string; name: string; lines: string[] }[];
  summons: { unitId: string; name: string; reasons: string[] }[];
  ranking: { rank: number; unitId: string; name: string; score: number; grade: string; veto: boolean }[];
}

export interface CircularInput {
  period: Period;
  asOfDay: string;
  rules: { name: string; version: number | null; grades: readonly { id: string }[] };
  units: readonly { card: Scorecard; record: { facts: readonly FactRecord[] } }[];
  usage: readonly UsageRow[];
  /** Principal heads the absence record flags for 约谈 in the period, by unit. */
  flaggedHeads: readonly { unitId: string; head: string; misses: number }[];
}

const count = (facts: readonly FactRecord[], kinds: readonly FactKind[]) =>
  facts.filter((f) => kinds.includes(f.kind)).reduce((n, f) => n + (f.count ?? 1), 0);
const pct = (n: number, d: number) => (d === 0 ? null : Math.floor((n / d) * 1000) / 10);

const DONE: FactKind[] = ["task_on_time", "task_late", "education_held", "education_late", "pledge_signed"];
const NOT_DONE: FactKind[] = ["task_overdue", "education_missing", "pledge_missing"];

/** The figures, praise, criticism and 约谈 of a period's 通报, from the period's scorecards and records. */
export function draftCircular(input: CircularInput): CircularContent {
  const facts = input.units.flatMap((u) => u.record.facts);
  const done = count(facts, DONE);
  const due = done + count(facts, NOT_DONE);
  const inPerson = count(facts, ["meeting_in_person"]);
  const required = inPerson + count(facts, ["meeting_by_deputy", "meeting_absent", "meeting_on_leave"]);
  const found = count(facts, ["hazard_found"]);
  const onTime = count(facts, ["hazard_rectified_on_time"]);
  const rectified = onTime + count(facts, ["hazard_rectified_late"]);
  const city = input.usage.filter((r) => r.countyId === CITY);
  const accidents = city.reduce((n, r) => n + r.accidents, 0);
  const deaths = city.reduce((n, r) => n + r.deaths, 0);
  const lines = city
    .filter((r) => r.maxAccidents !== null || r.maxDeaths !== null)
    .map((r) => {
      const parts = [
        r.maxAccidents !== null ? `事故 ${r.accidents} 起，占全年控制指标 ${r.accidentsPercent}%` : `事故 ${r.accidents} 起`,
        r.maxDeaths !== null ? `死亡 ${r.deaths} 人，占全年控制指标 ${r.deathsPercent}%` : `死亡 ${r.deaths} 人`,
      ];
      return `${categoryName(r.category, "zh")}${parts.join("，")}`;
    });

  const top = input.rules.grades[0]?.id;
  const named = (u: (typeof input.units)[number]) => ({ unitId: u.card.unitId, name: u.card.name });
  const failingsOf = (u: (typeof input.units)[number]) =>
    u.card.lines.map((l) => `${FACT_KIND_NAMES[l.on].zh} ${l.count} ${l.on === "death" ? "人" : "项"}（扣 ${l.lost} 分）`);

  const criticism = input.units
    .filter((u) => u.card.vetoes.length > 0 || u.card.grade.id !== top)
    .map((u) => ({
      ...named(u),
      score: u.card.score,
      grade: u.card.grade.name,
      failings: [...u.card.vetoes.map((v) => `${v.name}（${v.accidents.join("、")}），一票否决，不得评优`), ...failingsOf(u)],
    }));
  const absentHeads = input.units
    .map((u) => ({ ...named(u), lines: u.record.facts.filter((f) => f.kind === "meeting_by_deputy" || f.kind === "meeting_absent").map((f) => f.text) }))
    .filter((u) => u.lines.length > 0);
  const summonsBy = new Map<string, { unitId: string; name: string; reasons: string[] }>();
  const summon = (unitId: string, name: string, reason: string) => {
    const s = summonsBy.get(unitId) ?? { unitId, name, reasons: [] };
    s.reasons.push(reason);
    summonsBy.set(unitId, s);
  };
  for (const u of input.units) {
    if (u.card.vetoes.length) summon(u.card.unitId, u.card.name, `${u.card.vetoes.map((v) => v.name).join("；")}（一票否决）`);
    else if (u.card.grade.id === input.rules.grades[input.rules.grades.length - 1]?.id) summon(u.card.unitId, u.card.name, `考核${u.card.grade.name}（${u.card.score} 分）`);
  }
  for (const h of input.flaggedHeads) {
    const u = input.units.find((x) => x.card.unitId === h.unitId);
    summon(h.unitId, u?.card.name ?? h.unitId, `主要负责人${h.head}本期 ${h.misses} 次未亲自参加必须参加的会议`);
  }

  return {
    period: input.period.label,
    periodName: periodName(input.period, "zh"),
    title: `关于${periodName(input.period, "zh")}安全生产工作情况的通报`,
    rules: { name: input.rules.name, version: input.rules.version },
    asOfDay: input.asOfDay,
    overview: {
      tasks: { done, due, percent: pct(done, due) },
      meetings: { inPerson, required, percent: pct(inPerson, required) },
      hazards: { found, rectified, onTime, overdue: count(facts, ["hazard_overdue"]), percent: pct(rectified, found) },
      accidents: { accidents, deaths, lines },
    },
    praise: input.units.filter((u) => u.card.fullMarks).map(named),
    criticism,
    absentHeads,
    summons: [...summonsBy.values()],
    ranking: input.units.map((u) => ({ rank: u.card.rank, unitId: u.card.unitId, name: u.card.name, score: u.card.score, grade: u.card.grade.name, veto: u.card.vetoes.length > 0 })),
  };
}

/** Every unit the 通报 names (praised, criticised, heads named, summoned): each gets it when it is published. */
export function unitsNamed(c: CircularContent): string[] {
  return [...new Set([...c.praise, ...c.criticism, ...c.absentHeads, ...c.summons].map((u) => u.unitId))];
}

/** The paragraphs of 总体情况, as the document and the Slack preview say them. */
export function overviewParagraphs(c: CircularContent): string[] {
  const o = c.overview;
  const p = (n: number | null) => (n === null ? "—" : `${n}%`);
  return [
    `专项行动任务：本期到期 ${o.tasks.due} 项，完成 ${o.tasks.done} 项，完成率 ${p(o.tasks.percent)}。`,
    `必须参加的会议：应由主要负责人参会 ${o.meetings.required} 人次，亲自参会 ${o.meetings.inPerson} 人次，亲自参会率 ${p(o.meetings.percent)}。`,
    `隐患排查治理：本期排查发现隐患 ${o.hazards.found} 处，整改销号 ${o.hazards.rectified} 处（按期 ${o.hazards.onTime} 处），整改率 ${p(o.hazards.percent)}；截至期末逾期未整改 ${o.hazards.overdue} 处。`,
    `生产安全事故：截至${c.asOfDay.slice(0, 4)}年${Number(c.asOfDay.slice(5, 7))}月${Number(c.asOfDay.slice(8, 10))}日，全市共发生各类生产安全事故 ${o.accidents.accidents} 起，死亡 ${o.accidents.deaths} 人${o.accidents.lines.length ? `。其中${o.accidents.lines.join("；")}` : ""}。`,
  ];
}
