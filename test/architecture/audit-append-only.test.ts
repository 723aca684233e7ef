import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { findAuditChanges } from "./audit-append-only.ts";
import { LAYERS } from "./import-layers.ts";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));

describe("the audit log has no way to change or delete an entry", () => {
  it("nothing in src/ or the migrations updates, deletes, truncates the audit table or drops its trigger", () => {
    expect(findAuditChanges(SRC, MIGRATIONS)).toEqual([]);
  });

  it("src/audit imports no other service, so every service can record through it without a loop", () => {
    const services = new Set(LAYERS.find((l) => l.name === "services")!.folders);
    const dir = path.join(SRC, "audit");
    const imported = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/from\s+["']\.\.\/([\w-]+)\//g)].map((m) => `${f} → ${m[1]}`));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((i) => services.has(i.split(" → ")[1]!))).toEqual([]);
  });
});

describe("findAuditChanges", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const tree = (files: Record<string, string>) => {
    root = mkdtempSync(path.join(tmpdir(), "audit-writes-"));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return findAuditChanges(path.join(root, "src"), path.join(root, "migrations")).map((w) => `${w.file}:${w.line} ${w.what}`);
  };

  it("accepts appending and reading, and changes to other tables", () => {
    expect(
      tree({
        "src/audit/record.ts": "await db.auditEntry.create({ data });\nawait tx.auditEntry.createMany({ data: [] });",
        "src/audit/read.ts": "await db.auditEntry.findMany({});\nawait db.auditEntry.count();",
        "src/campaigns/x.ts": "await db.completion.deleteMany({});\nawait db.$executeRawUnsafe('DELETE FROM \"Completion\"');",
        "migrations/1_audit/migration.sql": 'CREATE TRIGGER "audit_entry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry"',
      }),
    ).toEqual([]);
  });

  it("finds updates and deletes through Prisma, however the delegate is reached", () => {
    expect(
      tree({
        "src/a.ts": [
          "await db.auditEntry.update({ where: { id }, data: {} });",
          "await tx.auditEntry.deleteMany({});",
          'await db["auditEntry"].upsert({});',
          "const { auditEntry } = db;\nawait auditEntry.delete({ where: { id } });",
        ].join("\n"),
      }),
    ).toEqual(["a.ts:1 auditEntry.update", "a.ts:2 auditEntry.deleteMany", "a.ts:3 auditEntry.upsert", "a.ts:5 auditEntry.delete"]);
  });

  it("finds SQL that changes the table or takes its trigger away, in code and in migrations", () => {
    const found = tree({
      "src/b.ts": 'await db.$executeRawUnsafe(`UPDATE "AuditEntry" SET actor = ${x}`);\nawait db.$executeRaw`DELETE FROM "AuditEntry"`;',
      "migrations/2_oops/migration.sql": '-- a comment about DROP TRIGGER is fine\nDROP TRIGGER "audit_entry_append_only" ON "AuditEntry";',
    });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^b\.ts:1 SQL/);
    expect(found[1]).toMatch(/^b\.ts:2 SQL/);
    expect(found[2]).toMatch(/^migrations\/2_oops\/migration\.sql:2 SQL DROP TRIGGER/);
  });
});
