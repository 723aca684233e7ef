import { localDay } from "../calendar/office-hours.ts";
import { plusDays } from "../calendar/working-days.ts";
import { taskState } from "../campaigns/task-state.ts";
import type { CampaignTask, CompletionRecord } from "../campaigns/types.ts";
import { deadlineStatus } from "../hazards/colour.ts";
import { DEFAULT_HAZARD_SETTINGS } from "../hazards/settings.ts";
import type { HazardLevel, HazardState } from "../hazards/types.ts";
import type { AttendanceReport } from "../meetings/build-attendance-report.ts";
import { categoryName } from "./categories.ts";
import type { Period } from "./period.ts";
import type { FactKind, FactRecord, UnitRecord, VetoAccident } from "./scoring.ts";
import { DEFAULT_THRESHOLDS, targetUsage, type TargetFact } from "./target-usage.ts";

/** Plain shapes of what the database holds for a period; the service maps rows onto them. */
export interface RecordUnit {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: "department" | "county_district" | "university" | "office";
}

export interface RecordCampaign {
  id: string;
  titleZh: string;
  titleEn: string;
  targets: readonly string[];
  tasks: readonly CampaignTask[];
  completions: readonly CompletionRecord[];
}

export interface RecordBriefing {
  meetingId: string;
  meetingTitle: string;
  departmentId: string;
  dueAt: Date;
  headConfirmedAt: Date | null;
}

export interface RecordHazard {
  number: string;
  unitId: string;
  level: HazardLevel;
  state: HazardState;
  listed: boolean;
  listedAt: Date | null;
  foundDay: string;
  deadlineDay: string;
  submittedAt: Date | null;
  closedAt: Date | null;
}

export interface RecordInterview {
  id: number;
  departmentId: string;
  onDay: string;
  summoned: string;
  hazardNumber: string | null;
}

export interface RecordAccident {
  id: string;
  departmentId: string;
  countyId: string;
  occurredOn: string;
  category: string;
  level: VetoAccident["level"];
  deaths: number;
  unitResponsible: boolean;
}

export interface RecordInput {
  period: Period;
  /** The instant the record is taken at: the end of the period, or now while the period runs. */
  asOf: Date;
  zone: string;
  units: readonly RecordUnit[];
  campaigns: readonly RecordCampaign[];
  /** Closed mandatory meetings (cancelled ones are not in the record). */
  meetings: readonly AttendanceReport[];
  briefings: readonly RecordBriefing[];
  hazards: readonly RecordHazard[];
  interviews: readonly RecordInterview[];
  /** The period's year, from 1 January. */
  accidents: readonly RecordAccident[];
  targets: readonly TargetFact[];
}

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function line(kind: FactKind, ref: string, day: string, text: string, textEn: string, count?: number): FactRecord {
  return { kind, ref, day, text, textEn, ...(count !== undefined ? { count } : {}) };
}

/** The local day a deadline instant belongs to: "by 31 May" is stored as 1 June 00:00, its day is 31 May. */
function dueDay(dueAt: Date, zone: string): string {
  return localDay(new Date(dueAt.getTime() - 1), zone);
}

function campaignFacts(c: RecordCampaign, unitId: string, input: RecordInput, inPeriod: (day: string) => boolean): FactRecord[] {
  if (!c.targets.includes(unitId)) return [];
  const out: FactRecord[] = [];
  for (const task of c.tasks) {
    const due = dueDay(task.dueAt, input.zone);
    if (!inPeriod(due)) continue;
    // A completion after the record's moment does not count yet: the same period and moment give the same record.
    const done = c.completions.find((x) => x.taskKey === task.key && x.departmentId === unitId && x.completedAt <= input.asOf);
    const s = taskState(task, done, input.asOf, input.zone);
    if (s.state !== "done" && s.state !== "overdue") continue;
    const ref = `${c.id}:${task.key}`;
    const what = `${c.titleZh}·${task.title.zh}`;
    const whatEn = `${c.titleEn}: ${task.title.en}`;
    const doneDay = s.completion ? localDay(s.completion.completedAt, input.zone) : null;
    const at = doneDay ?? due;
    const kinds: Record<string, [FactKind, FactKind, FactKind]> = {
      acknowledge: ["task_on_time", "task_late", "task_overdue"],
      report: ["task_on_time", "task_late", "task_overdue"],
      "education-session": ["education_held", "education_late", "education_missing"],
      pledge: ["pledge_signed", "pledge_signed", "pledge_missing"],
    };
    const [onTime, late, missing] = kinds[task.kind]!;
    if (s.state === "overdue") {
      out.push(line(missing, ref, due, `${what}：${md(due)}到期，逾期未完成`, `${whatEn} — due ${due}, not done`));
    } else if (s.late && late !== onTime) {
      out.push(line(late, ref, at, `${what}：${md(due)}到期，${md(at)}逾期完成`, `${whatEn} — due ${due}, done late on ${at}`));
    } else {
      out.push(line(onTime, ref, at, `${what}：${md(at)}完成`, `${whatEn} — done on ${at}`));
    }
  }
  return out;
}

function meetingFacts(r: AttendanceReport, unitId: string, zone: string): FactRecord[] {
  const d = r.departments.find((x) => x.departmentId === unitId);
  if (!d) return [];
  const day = localDay(r.meeting.startsAt, zone);
  const ref = `meeting:${r.meeting.id}`;
  const what = `${r.meeting.title}（${md(day)}）`;
  if (d.status === "head_in_person")
    return [line("meeting_in_person", ref, day, `${what}：主要负责人亲自参会`, `${r.meeting.title} (${day}): the principal head attended in person`)];
  // Approved leave (请假) is excused: a line of its own, not "nobody attended"; the shipped rules deduct nothing for it.
  if (d.status === "on_leave") {
    const who = d.attendees.map((a) => a.name).join("、");
    return [
      line("meeting_on_leave", ref, day, `${what}：主要负责人经批准请假${who ? `，由${who}参会` : ""}`, `${r.meeting.title} (${day}): the principal head was on approved leave${who ? `; ${who} attended` : ""}`),
    ];
  }
  if (d.status === "by_deputy") {
    const who = d.attendees.map((a) => a.name).join("、");
    const head = d.head ? d.head.name : "主要负责人";
    return [
      line("meeting_by_deputy", ref, day, `${what}：${head}未亲自参会，由${who}代会`, `${r.meeting.title} (${day}): ${d.head?.name ?? "the principal head"} sent ${who}`),
    ];
  }
  return [line("meeting_absent", ref, day, `${what}：无人参会`, `${r.meeting.title} (${day}): nobody attended`)];
}

/**
 * The hazard as it stood at `asOf`: closed then, waiting for acceptance (judged on its submission day), or still
 * being rectified. Later steps are not seen, so an old period's record does not change when a hazard moves on.
 */
function hazardFacts(h: RecordHazard, input: RecordInput, inPeriod: (day: string) => boolean, asOfDay: string): FactRecord[] {
  if (h.foundDay > asOfDay) return [];
  const out: FactRecord[] = [];
  const found = `${h.number}（${h.level === "major" ? "重大" : "一般"}隐患，期限${md(h.deadlineDay)}）`;
  if (inPeriod(h.foundDay)) out.push(line("hazard_found", h.number, h.foundDay, `${found}：${md(h.foundDay)}发现`, `${h.number} found on ${h.foundDay}`));
  const closed = h.closedAt !== null && h.closedAt <= input.asOf;
  const submittedDay = h.submittedAt && h.submittedAt <= input.asOf ? localDay(h.submittedAt, input.zone) : null;
  if (closed) {
    const closedDay = localDay(h.closedAt!, input.zone);
    if (inPeriod(closedDay)) {
      const by = submittedDay ?? closedDay;
      const late = deadlineStatus({ state: "awaiting_acceptance", listed: false, deadlineDay: h.deadlineDay, submittedDay: by }, by, DEFAULT_HAZARD_SETTINGS).overdue;
      out.push(
        late
          ? line("hazard_rectified_late", h.number, closedDay, `${found}：${md(by)}整改，超过期限`, `${h.number} rectified on ${by}, after its deadline ${h.deadlineDay}`)
          : line("hazard_rectified_on_time", h.number, closedDay, `${found}：按期整改销号`, `${h.number} rectified by its deadline`),
      );
    }
  } else {
    const state: HazardState = submittedDay && h.state !== "rectifying" && h.state !== "registered" ? "awaiting_acceptance" : "rectifying";
    const s = deadlineStatus({ state, listed: false, deadlineDay: h.deadlineDay, submittedDay }, asOfDay, DEFAULT_HAZARD_SETTINGS);
    if (s.overdue)
      out.push(
        line("hazard_overdue", h.number, h.deadlineDay, `${found}：逾期 ${s.overdueWorkingDays} 个工作日未整改`, `${h.number} overdue by ${s.overdueWorkingDays} working days`),
      );
  }
  if (h.listedAt && h.listedAt <= input.asOf && inPeriod(localDay(h.listedAt, input.zone))) {
    const day = localDay(h.listedAt, input.zone);
    out.push(line("hazard_listed", h.number, day, `${found}：${md(day)}挂牌督办`, `${h.number} listed for supervision on ${day}`));
  }
  return out;
}

function exceeded(rows: ReturnType<typeof targetUsage>, countyId: string): Map<string, (typeof rows)[number]> {
  return new Map(
    rows
      .filter((r) => r.countyId === countyId)
      .filter((r) => (r.maxAccidents !== null && r.accidents > r.maxAccidents) || (r.maxDeaths !== null && r.deaths > r.maxDeaths))
      .map((r) => [r.category, r]),
  );
}

/**
 * Each unit's record for the period: one line per campaign task due in it (on time, late, overdue), per closed
 * mandatory meeting (head in person, deputy, absent) and its briefing, per hazard found, rectified, overdue at the
 * record's moment or listed, per 约谈, per accident the unit is held to account for (and its deaths), and per control
 * target its county crossed in the period. Every line names the record it comes from.
 */
export function unitRecords(input: RecordInput): UnitRecord[] {
  const { period, zone } = input;
  const asOfDay = localDay(input.asOf, zone) < period.toDay ? localDay(input.asOf, zone) : period.toDay;
  const inPeriod = (day: string) => day >= period.fromDay && day <= asOfDay;
  const yearAccidents = input.accidents.filter((a) => a.occurredOn.startsWith(`${period.year}-`) && a.occurredOn <= asOfDay);
  const usage = (to: string) =>
    targetUsage({ asOf: to, accidents: yearAccidents, targets: input.targets, thresholds: DEFAULT_THRESHOLDS, lastYearHasData: false });
  const atEnd = usage(asOfDay);
  // A target crossed before the period began was counted in that earlier period.
  const before = period.fromDay.endsWith("-01-01") ? [] : usage(plusDays(period.fromDay, -1));

  return input.units
    .filter((u) => u.kind !== "office")
    .map((u) => {
      const facts: FactRecord[] = [];
      for (const c of input.campaigns) facts.push(...campaignFacts(c, u.id, input, inPeriod));
      for (const r of input.meetings) if (inPeriod(localDay(r.meeting.startsAt, zone))) facts.push(...meetingFacts(r, u.id, zone));
      for (const b of input.briefings) {
        if (b.departmentId !== u.id) continue;
        const ref = `meeting:${b.meetingId}:briefing`;
        const confirmed = b.headConfirmedAt !== null && b.headConfirmedAt <= input.asOf;
        const due = localDay(b.dueAt, zone);
        // A briefing belongs to its meeting's period (the caller passes those), judged at the record's moment.
        if (confirmed) {
          const day = localDay(b.headConfirmedAt!, zone);
          facts.push(line("briefing_confirmed", ref, day, `${b.meetingTitle}：主要负责人${md(day)}确认已听取传达`, `${b.meetingTitle}: the head confirmed the briefing on ${day}`));
        } else if (b.dueAt <= input.asOf) {
          facts.push(line("briefing_unconfirmed", ref, due, `${b.meetingTitle}：${md(due)}前未确认传达`, `${b.meetingTitle}: briefing not confirmed by ${due}`));
        }
      }
      for (const h of input.hazards) if (h.unitId === u.id) facts.push(...hazardFacts(h, input, inPeriod, asOfDay));
      for (const i of input.interviews) {
        if (i.departmentId !== u.id || !inPeriod(i.onDay)) continue;
        const about = i.hazardNumber ? `（${i.hazardNumber}）` : "";
        facts.push(line("interview", `interview:${i.id}`, i.onDay, `${md(i.onDay)}约谈${i.summoned}${about}`, `${i.onDay}: ${i.summoned} summoned${i.hazardNumber ? ` (${i.hazardNumber})` : ""}`));
      }
      for (const a of yearAccidents) {
        if (a.departmentId !== u.id || !inPeriod(a.occurredOn)) continue;
        const cat = categoryName(a.category, "zh");
        facts.push(line("accident", a.id, a.occurredOn, `${a.id}：${md(a.occurredOn)}${cat}事故，死亡 ${a.deaths} 人`, `${a.id}: ${categoryName(a.category, "en")} accident on ${a.occurredOn}, ${a.deaths} dead`));
        if (a.deaths > 0) facts.push(line("death", a.id, a.occurredOn, `${a.id}：死亡 ${a.deaths} 人`, `${a.id}: ${a.deaths} dead`, a.deaths));
      }
      if (u.kind === "county_district") {
        const was = exceeded(before, u.id);
        for (const [category, r] of exceeded(atEnd, u.id)) {
          if (was.has(category)) continue;
          const used = [r.maxAccidents !== null ? `事故 ${r.accidents}/${r.maxAccidents} 起` : null, r.maxDeaths !== null ? `死亡 ${r.deaths}/${r.maxDeaths} 人` : null].filter(Boolean).join("，");
          const usedEn = [r.maxAccidents !== null ? `accidents ${r.accidents}/${r.maxAccidents}` : null, r.maxDeaths !== null ? `deaths ${r.deaths}/${r.maxDeaths}` : null].filter(Boolean).join(", ");
          facts.push(line("target_exceeded", `target:${period.year}:${category}:${u.id}`, asOfDay, `${period.year}年${categoryName(category, "zh")}控制指标超出：${used}`, `${period.year} ${categoryName(category, "en")} control target exceeded: ${usedEn}`));
        }
      }
      const veto: VetoAccident[] = yearAccidents
        .filter((a) => a.departmentId === u.id)
        .map((a) => ({ id: a.id, level: a.level, unitResponsible: a.unitResponsible }));
      return { unitId: u.id, name: u.nameZh, facts, yearAccidents: veto };
    });
}
