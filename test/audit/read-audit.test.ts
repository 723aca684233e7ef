import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit, SCHEDULER_ACTOR, type AuditRecord } from "../../src/audit/record-audit.ts";
import { readAuditLog, readAuditPage } from "../../src/audit/read-audit.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

const at = (t: string) => new Date(`2026-05-${t}+08:00`);

const ENTRIES: AuditRecord[] = [
  {
    actor: "U0LIAISON",
    action: "campaign.acknowledge",
    outcome: "ok",
    subject: "campaign:summer-fire-safety",
    departmentId: "culture",
    at: at("25T09:00:00"),
  },
  {
    actor: "U0OUTSIDER",
    action: "campaign.ack",
    outcome: "refused",
    subject: "campaign:summer-fire-safety",
    departmentId: "culture",
    detail: { code: "forbidden" },
    at: at("25T09:05:00"),
  },
  {
    actor: SCHEDULER_ACTOR,
    action: "reminder.sent",
    outcome: "ok",
    subject: "campaign:summer-fire-safety",
    departmentId: "education",
    at: at("26T09:00:00"),
  },
  { actor: "cli:wang", action: "campaign.launch", outcome: "ok", subject: "campaign:hazard-rectification-report", at: at("27T10:00:00") },
  { actor: "cli:li", action: "directory.import", outcome: "ok", at: at("28T10:00:00") },
  {
    actor: "U0HEAD",
    action: "meeting.sign-in",
    outcome: "ok",
    subject: "meeting:2026-05-29-1",
    departmentId: "culture",
    at: at("29T15:00:00"),
  },
  {
    actor: "U0HEAD",
    action: "meeting.sign-in",
    outcome: "ok",
    subject: "meeting:2026-05-29-10",
    departmentId: "culture",
    at: at("29T15:01:00"),
  },
];

describe.each(dbKinds())("reading the audit log (%s database)", (kind) => {
  const db = useTestDatabase(kind, { seed: false });
  const actions = (rows: { action: string; actor: string }[]) => rows.map((r) => `${r.actor} ${r.action}`);

  beforeAll(async () => {
    for (const e of ENTRIES) await recordAudit(db().prisma, e);
  });

  it("pages newest first, each page older than the cursor, the last page saying so", async () => {
    const first = await readAuditPage(db().prisma, {}, { limit: 3 });
    expect(first.entries.map((e) => e.at.toISOString())).toEqual(
      [at("29T15:01:00"), at("29T15:00:00"), at("28T10:00:00")].map((d) => d.toISOString()),
    );
    const second = await readAuditPage(db().prisma, {}, { limit: 3, before: first.older! });
    const third = await readAuditPage(db().prisma, {}, { limit: 3, before: second.older! });
    expect([...first.entries, ...second.entries, ...third.entries]).toHaveLength(ENTRIES.length);
    expect(new Set([...first.entries, ...second.entries, ...third.entries].map((e) => e.id)).size).toBe(ENTRIES.length);
    expect(third.older).toBeNull();
    expect((await readAuditPage(db().prisma, {}, { limit: ENTRIES.length })).older).toBeNull();
  });

  it("narrows by time: since inclusive, until exclusive", async () => {
    const page = await readAuditPage(db().prisma, { since: at("26T09:00:00"), until: at("28T10:00:00") }, { limit: 50 });
    expect(actions(page.entries)).toEqual(["cli:wang campaign.launch", "scheduler reminder.sent"]);
  });

  it("narrows by actor exactly, or by prefix with a trailing *", async () => {
    expect(actions((await readAuditPage(db().prisma, { actor: "cli:wang" }, { limit: 50 })).entries)).toEqual(["cli:wang campaign.launch"]);
    expect(actions((await readAuditPage(db().prisma, { actor: "cli:*" }, { limit: 50 })).entries)).toEqual([
      "cli:li directory.import",
      "cli:wang campaign.launch",
    ]);
    expect((await readAuditPage(db().prisma, { actor: "cli" }, { limit: 50 })).entries).toEqual([]);
  });

  it("narrows by action prefix, subject and department together", async () => {
    const campaign = await readAuditPage(db().prisma, { actionPrefix: "campaign.", departmentId: "culture" }, { limit: 50 });
    expect(actions(campaign.entries)).toEqual(["U0OUTSIDER campaign.ack", "U0LIAISON campaign.acknowledge"]);
    const oneMeeting = await readAuditPage(db().prisma, { subject: "meeting:2026-05-29-1" }, { limit: 50 });
    expect(oneMeeting.entries.map((e) => e.subject)).toEqual(["meeting:2026-05-29-1"]);
    const meetings = await readAuditPage(db().prisma, { subject: "meeting:*" }, { limit: 50 });
    expect(meetings.entries).toHaveLength(2);
  });

  it("reads a whole range oldest first in batches, every entry once", async () => {
    const batches: string[][] = [];
    for await (const batch of readAuditLog(db().prisma, { since: at("25T00:00:00") }, 2)) batches.push(batch.map((e) => e.action));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 1]);
    expect(batches.flat()).toEqual(ENTRIES.map((e) => e.action));
    const none: unknown[] = [];
    for await (const batch of readAuditLog(db().prisma, { actor: "nobody" })) none.push(batch);
    expect(none).toEqual([]);
  });
});
