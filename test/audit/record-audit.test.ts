import { describe, expect, it } from "vitest";
import { recordAudit, SCHEDULER_ACTOR } from "../../src/audit/record-audit.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

describe.each(dbKinds())("the audit log (%s)", (kind) => {
  const db = useTestDatabase(kind, { seed: false });

  it("appends entries with who, what, when, the Slack ids and the outcome", async () => {
    const at = new Date("2026-05-25T09:00:00+08:00");
    await recordAudit(db().prisma, {
      actor: "U0LIAISON",
      action: "campaign.acknowledge",
      outcome: "ok",
      subject: "campaign:summer-fire-safety",
      departmentId: "civil-affairs",
      channelId: "C0CIVIL",
      messageTs: "1.0001",
      detail: { task: "acknowledge" },
      at,
    });
    await recordAudit(db().prisma, { actor: SCHEDULER_ACTOR, action: "reminder.sent", outcome: "ok" });
    const rows = await db().prisma.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.actor, r.action, r.outcome, r.subject, r.departmentId, r.channelId, r.messageTs, r.detail])).toEqual([
      [
        "U0LIAISON",
        "campaign.acknowledge",
        "ok",
        "campaign:summer-fire-safety",
        "civil-affairs",
        "C0CIVIL",
        "1.0001",
        { task: "acknowledge" },
      ],
      ["scheduler", "reminder.sent", "ok", null, null, null, null, null],
    ]);
    expect(rows[0]!.at.toISOString()).toBe(at.toISOString());
  });

  it("writes an entry quoting text PostgreSQL cannot store, with the replacement character in its place", async () => {
    await recordAudit(db().prisma, {
      actor: "U0TYPIST",
      action: "campaign.command",
      outcome: "refused",
      subject: "campaign:x\u0000",
      detail: { text: "结束 \u0000 \ud800 ok", ["k\u0000"]: ["\udc00"] },
    });
    const row = await db().prisma.auditEntry.findFirstOrThrow({ where: { actor: "U0TYPIST" } });
    expect([row.subject, row.detail]).toEqual(["campaign:x\uFFFD", { text: "结束 \uFFFD \uFFFD ok", ["k\uFFFD"]: ["\uFFFD"] }]);
  });

  it("refuses to change or delete an entry, whoever asks", async () => {
    const first = await db().prisma.auditEntry.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(db().prisma.auditEntry.update({ where: { id: first.id }, data: { outcome: "refused" } })).rejects.toThrow(/append-only/);
    await expect(db().prisma.auditEntry.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db().prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    expect(await db().prisma.auditEntry.count()).toBe(3);
    expect((await db().prisma.auditEntry.findUniqueOrThrow({ where: { id: first.id } })).outcome).toBe("ok");
  });
});
