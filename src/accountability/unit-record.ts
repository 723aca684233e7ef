import type { Db } from "../db/client.ts";
import { atLocalTime } from "../domain/calendar/office-hours.ts";
import { plusDays } from "../domain/calendar/working-days.ts";
import type { Period } from "../domain/accountability/period.ts";
import type { UnitRecord } from "../domain/accountability/scoring.ts";
import { unitRecords, type RecordInput, type RecordUnit } from "../domain/accountability/unit-facts.ts";
import { inFileOrder, toCampaignTask, toCompletionRecord } from "../campaigns/load-boards.ts";
import { loadClosedReports } from "../meetings/absences.ts";

/** The instant a period's record is taken at: its end, or `now` while it runs. */
export function recordMoment(period: Period, now: Date, zone: string): Date {
  const end = atLocalTime(plusDays(period.toDay, 1), "00:00", zone);
  return now < end ? now : end;
}

export interface LoadedRecords {
  period: Period;
  asOf: Date;
  units: RecordUnit[];
  records: UnitRecord[];
}

/**
 * Every unit's record for the period, computed from what the database holds (campaign tasks, meetings and
 * briefings, the hazard ledger, 约谈, accidents and the year's control targets), never typed. A fixed number of
 * queries, whatever the number of units.
 */
export async function loadUnitRecords(db: Db, period: Period, now: Date, zone: string): Promise<LoadedRecords> {
  const asOf = recordMoment(period, now, zone);
  const from = atLocalTime(period.fromDay, "00:00", zone);
  // Deadlines are stored as the instant after their day ("by 31 May" = 1 June 00:00), so the window is shifted by one.
  const dueTo = atLocalTime(plusDays(period.toDay, 1), "00:00", zone);
  const [units, campaigns, reports, briefings, hazards, interviews, accidents, targets] = await Promise.all([
    db.department.findMany({ where: { kind: { not: "office" } }, orderBy: [{ kind: "asc" }, { id: "asc" }] }),
    db.campaign.findMany({
      where: { tasks: { some: { dueAt: { gt: from, lte: dueTo } } } },
      include: { targets: { select: { departmentId: true } }, tasks: { include: { completions: { include: { task: { select: { key: true } } } } } } },
      orderBy: { launchedAt: "asc" },
    }),
    loadClosedReports(db, from),
    db.briefing.findMany({ where: { meeting: { status: "closed", startsAt: { gte: from, lt: dueTo } } }, include: { meeting: { select: { title: true } } } }),
    db.hazard.findMany({
      where: { foundDay: { lte: period.toDay }, OR: [{ closedAt: null }, { closedAt: { gte: from } }] },
      select: { number: true, unitId: true, level: true, state: true, listed: true, listedAt: true, foundDay: true, deadlineDay: true, submittedAt: true, closedAt: true },
      orderBy: { number: "asc" },
    }),
    db.safetyInterview.findMany({ where: { onDay: { gte: period.fromDay, lte: period.toDay } }, orderBy: [{ onDay: "asc" }, { id: "asc" }] }),
    db.accident.findMany({ where: { year: period.year }, orderBy: [{ occurredOn: "asc" }, { id: "asc" }] }),
    db.controlTarget.findMany({ where: { year: period.year } }),
  ]);
  const hazardNumbers = new Map(
    (
      await db.hazard.findMany({
        where: { id: { in: interviews.flatMap((i) => (i.hazardId ? [i.hazardId] : [])) } },
        select: { id: true, number: true },
      })
    ).map((h) => [h.id, h.number]),
  );
  const input: RecordInput = {
    period,
    asOf,
    zone,
    units,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      targets: c.targets.map((t) => t.departmentId),
      tasks: inFileOrder(c.tasks, c.definition).map(toCampaignTask),
      completions: c.tasks.flatMap((t) => t.completions.map(toCompletionRecord)),
    })),
    meetings: reports.filter((r) => r.meeting.startsAt < dueTo),
    briefings: briefings.map((b) => ({
      meetingId: b.meetingId,
      meetingTitle: b.meeting.title,
      departmentId: b.departmentId,
      dueAt: b.dueAt,
      headConfirmedAt: b.headConfirmedAt,
    })),
    hazards,
    interviews: interviews.map((i) => ({
      id: i.id,
      departmentId: i.departmentId,
      onDay: i.onDay,
      summoned: i.summoned,
      hazardNumber: i.hazardId ? (hazardNumbers.get(i.hazardId) ?? null) : null,
    })),
    accidents,
    targets,
  };
  return { period, asOf, units, records: unitRecords(input) };
}
