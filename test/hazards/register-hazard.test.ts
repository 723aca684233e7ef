import { describe, expect, it } from "vitest";
import { registerHazard } from "../../src/hazards/register-hazard.ts";
import type { RegisterHazardInput } from "../../src/hazards/hazard-input.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

const NOW = new Date("2026-11-09T02:00:00Z");
const input = (over: Partial<RegisterHazardInput> = {}): RegisterHazardInput => ({
  unitId: "hongqi",
  placeName: "幸福养老院",
  placeAddress: "红旗区人民路1号",
  venueTypeId: "nursing-home",
  description: "厨房灭火器过期",
  level: "general",
  foundBySlackUserId: "U0FINDER",
  foundDay: "2026-11-09",
  deadlineDay: "2026-11-20",
  responsibleSlackUserId: "U0RESP",
  files: [{ slackFileId: "F0BEFORE1", name: "before.jpg", mimetype: "image/jpeg" }],
  ...over,
});

describe.each(dbKinds())("registering a hazard (%s)", (kind) => {
  const db = useTestDatabase(kind);

  it("numbers it YH-<year>-0001, routes it by the matrix, writes history, evidence and the audit entry", async () => {
    const r = await registerHazard(db().prisma, input(), NOW);
    expect(r.created).toBe(true);
    expect(r.hazard).toMatchObject({
      number: "YH-2026-0001",
      state: "registered",
      routing: "matrix",
      leadDepartmentId: "civil-affairs",
      unitId: "hongqi",
    });
    expect(r.route.territorialId).toBe("hongqi");
    const events = await db().prisma.hazardEvent.findMany({ where: { hazardId: r.hazard.id } });
    expect(events.map((e) => [e.action, e.fromState, e.toState, e.actorSlackUserId])).toEqual([
      ["register", null, "registered", "U0FINDER"],
    ]);
    const files = await db().prisma.hazardFile.findMany({ where: { hazardId: r.hazard.id } });
    expect(files.map((f) => [f.kind, f.slackFileId, f.eventId])).toEqual([["before", "F0BEFORE1", events[0]!.id]]);
    const audit = await db().prisma.auditEntry.findMany({ where: { subject: "hazard:YH-2026-0001" } });
    expect(audit.map((a) => [a.action, a.outcome, a.actor])).toEqual([["hazard.register", "ok", "U0FINDER"]]);
  });

  it("gives concurrent registrations distinct consecutive numbers, per year", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => registerHazard(db().prisma, input({ description: `问题 ${i}` }), NOW)),
    );
    const numbers = results.map((r) => r.hazard.number).sort();
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[0]).toBe("YH-2026-0002");
    expect(numbers[11]).toBe("YH-2026-0013");
    const next = await registerHazard(db().prisma, input({ foundDay: "2027-01-05", deadlineDay: "2027-01-20" }), NOW);
    expect(next.hazard.number).toBe("YH-2027-0001");
  });

  it("registers a repeated submission once", async () => {
    const [a, b] = await Promise.all([
      registerHazard(db().prisma, input({ clientKey: "view:V1" }), NOW),
      registerHazard(db().prisma, input({ clientKey: "view:V1" }), NOW),
    ]);
    expect(a.hazard.number).toBe(b.hazard.number);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await db().prisma.hazard.count({ where: { clientKey: "view:V1" } })).toBe(1);
  });

  it("routes a place the matrix does not cover to the office, never an invented department", async () => {
    const r = await registerHazard(db().prisma, input({ venueTypeId: null, placeName: "某物流仓库" }), NOW);
    expect(r.hazard).toMatchObject({ routing: "office", leadDepartmentId: null });
  });

  it("refuses bad input with a sentence and writes nothing", async () => {
    const before = await db().prisma.hazard.count();
    await expect(registerHazard(db().prisma, input({ deadlineDay: "2026-11-01" }), NOW)).rejects.toMatchObject({
      code: "input_invalid",
      userMessage: { zh: "整改期限不能早于发现日期" },
    });
    await expect(registerHazard(db().prisma, input({ unitId: "nowhere" }), NOW)).rejects.toMatchObject({ code: "input_invalid" });
    await expect(registerHazard(db().prisma, input({ venueTypeId: "spaceport" }), NOW)).rejects.toMatchObject({ code: "input_invalid" });
    await expect(registerHazard(db().prisma, input({ responsibleSlackUserId: null, responsibleName: null }), NOW)).rejects.toMatchObject({
      userMessage: { zh: "须指定整改责任人" },
    });
    const amb = registerHazard(db().prisma, input({ venueTypeId: "library", placeName: "图书馆", description: "电线老化" }), NOW);
    await expect(amb).rejects.toMatchObject({ code: "input_invalid" });
    await expect(amb).rejects.toThrow(/school|university/);
    expect(await db().prisma.hazard.count()).toBe(before);
  });

  it("keeps the history append-only: the database refuses UPDATE and DELETE", async () => {
    const ev = await db().prisma.hazardEvent.findFirstOrThrow();
    await expect(db().prisma.hazardEvent.update({ where: { id: ev.id }, data: { note: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(db().prisma.hazardEvent.delete({ where: { id: ev.id } })).rejects.toThrow(/append-only/);
    expect((await db().prisma.hazardEvent.findUniqueOrThrow({ where: { id: ev.id } })).note).toBeNull();
  });
});
