import { describe, expect, it } from "vitest";
import { localDay } from "../../src/domain/calendar/office-hours.ts";
import { ledgerStats, type UnitStats } from "../../src/domain/hazards/ledger.ts";
import { DEFAULT_HAZARD_SETTINGS } from "../../src/domain/hazards/settings.ts";
import { ledgerStatistics, sectorStatistics, toLedgerHazard } from "../../src/hazards/ledger.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

const ZONE = "Asia/Shanghai";
const UNITS = ["hongqi", "weihui", "huixian", "civil-affairs", "culture", "universities", "safety-office", "not-in-directory"];
const LEADS = [null, "civil-affairs", "culture", "education", "fire-brigade"];
const STATES = ["registered", "rectifying", "awaiting_acceptance", "closed"] as const;

/** A small deterministic generator, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** Deadlines and submissions around the National Day holiday and its 调休 working Saturday, where working days matter. */
function ledgerRows(n: number): Prisma.HazardCreateManyInput[] {
  const rnd = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const day = (from: string, span: number) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + Math.floor(rnd() * span));
    return d.toISOString().slice(0, 10);
  };
  return Array.from({ length: n }, (_, i) => {
    const state = pick(STATES);
    const lead = pick(LEADS);
    const submitted = state === "awaiting_acceptance" && rnd() < 0.85;
    return {
      number: `YH-2026-${String(i + 1).padStart(4, "0")}`,
      year: 2026,
      seq: i + 1,
      unitId: pick(UNITS),
      placeName: `场所${i}`,
      routing: lead ? "matrix" : "office",
      leadDepartmentId: lead,
      description: "消防通道堵塞",
      level: rnd() < 0.2 ? "major" : "general",
      source: "self_inspection",
      foundBySlackUserId: "U0FINDER",
      foundDay: "2026-09-01",
      deadlineDay: day("2026-09-20", 40),
      state,
      listed: rnd() < 0.15,
      // Some submitted late at night (another day in UTC than in the office), some after the `now` asked about.
      submittedAt: submitted ? new Date(`${day("2026-09-22", 30)}T${pick(["01:00", "15:30", "17:00"])}:00Z`) : null,
    } satisfies Prisma.HazardCreateManyInput;
  });
}

describe.each(dbKinds())("ledger statistics from grouped counts (%s)", (kind) => {
  const db = useTestDatabase(kind);

  it("give the same figures as reading every hazard and applying the colour rule, on working days and days off", async () => {
    const p = db().prisma;
    await p.hazard.createMany({ data: ledgerRows(600) });
    const all = await p.hazard.findMany();
    const departments = await p.department.findMany({ where: { kind: { not: "office" } }, orderBy: [{ kind: "asc" }, { id: "asc" }] });
    const byId = (units: readonly UnitStats[]) => new Map(units.map((u) => [u.unitId, u]));
    const strip = ({ unitId, found, rectified, rate, open, overdue, major, listed }: UnitStats) => ({
      unitId,
      found,
      rectified,
      rate,
      open,
      overdue,
      major,
      listed,
    });

    // A working day, the holiday itself, the 调休 Saturday, a Sunday, the day after the holiday.
    for (const at of [
      "2026-09-29T10:00:00+08:00",
      "2026-10-03T10:00:00+08:00",
      "2026-10-10T10:00:00+08:00",
      "2026-10-11T23:30:00+08:00",
      "2026-10-12T00:10:00+08:00",
    ]) {
      const now = new Date(at);
      const today = localDay(now, ZONE);
      const expected = ledgerStats(
        all.map((h) => toLedgerHazard(h, ZONE)),
        departments.map((d) => d.id),
        today,
        DEFAULT_HAZARD_SETTINGS,
      );
      const got = await ledgerStatistics(p, { all: true }, { now, zone: ZONE });
      expect(got.units.map((u) => u.unitId).slice(0, departments.length)).toEqual(departments.map((d) => d.id));
      expect(new Map([...byId(got.units)].map(([k, v]) => [k, strip(v)]))).toEqual(byId(expected.units));
      expect(got.total).toEqual(expected.total);
      expect(got.total.overdue).toBeGreaterThan(0);
      expect(got.units.find((u) => u.unitId === "hongqi")).toMatchObject({ nameZh: "红旗区" });

      // A unit's own view: only its units.
      const scoped = await ledgerStatistics(
        p,
        { all: false, unitIds: ["weihui", "culture"], leadIds: ["weihui", "culture"] },
        { now, zone: ZONE },
      );
      expect(scoped.units.map(strip)).toEqual(expected.units.filter((u) => u.unitId === "culture" || u.unitId === "weihui"));

      // Each lead department's sector, per owning unit.
      const sectors = await sectorStatistics(p, ["civil-affairs", "culture", "education", "quality-supervision"], { now, zone: ZONE });
      for (const s of sectors) {
        const rows = all.filter((h) => h.leadDepartmentId === s.leadId);
        const ref = ledgerStats(
          rows.map((h) => toLedgerHazard(h, ZONE)),
          departments.filter((d) => rows.some((h) => h.unitId === d.id)).map((d) => d.id),
          today,
          DEFAULT_HAZARD_SETTINGS,
        );
        expect(new Map([...byId(s.units)].map(([k, v]) => [k, strip(v)]))).toEqual(byId(ref.units));
        expect(s.total).toEqual(ref.total);
      }
      expect(sectors.find((s) => s.leadId === "quality-supervision")).toMatchObject({ units: [], total: { found: 0, rate: null } });
    }
  });
});
