import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCORING_RULES_FILE } from "../../../src/accountability/scoring-rules-schema.ts";
import { rulesInForce } from "../../../src/accountability/scoring-rules-versions.ts";
import type { Database } from "../../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { testCli as cli } from "../../support/test-cli.ts";

describe.each(dbKinds())("redline import of the scoring rules (%s database)", (kind) => {
  let db: Database;
  let dir: string;
  let shipped: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "redline-rules-cli-"));
    shipped = await readFile(DEFAULT_SCORING_RULES_FILE, "utf8");
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await writeFile(f, text);
    return f;
  };

  it("uses the shipped default until a file is imported; each changed file is a new version in force, the same file again is not", async () => {
    expect(await rulesInForce(db.prisma)).toMatchObject({ version: null, fileName: "scoring-rules.yaml" });
    const first = cli(db);
    expect(await first.run("import", await file("细则.yaml", shipped))).toBe(0);
    expect(first.text()).toContain("已导入考核细则“安全生产目标责任考核细则（示例）”，第 1 版，即日起生效");
    const again = cli(db);
    expect(await again.run("import", await file("细则-副本.yaml", shipped))).toBe(0);
    expect(again.text()).toContain("考核细则与第 1 版相同，未作改动");

    const edited = shipped.replace("points: 20\n    deductions:\n      - { on: task_late, each: 1 }", "points: 20\n    deductions:\n      - { on: task_late, each: 2 }");
    expect(edited).not.toBe(shipped);
    const second = cli(db);
    expect(await second.run("import", await file("细则2.yaml", edited))).toBe(0);
    expect(second.text()).toContain("第 2 版");
    const inForce = await rulesInForce(db.prisma);
    expect(inForce).toMatchObject({ version: 2, fileName: "细则2.yaml" });
    expect(inForce.rules.items[0]!.deductions[0]).toEqual({ on: "task_late", each: 2 });
    expect((await rulesInForce(db.prisma, 1)).rules.items[0]!.deductions[0]).toEqual({ on: "task_late", each: 1 });
    expect(await db.prisma.auditEntry.count({ where: { action: "scoring-rules.import" } })).toBe(2);
  });

  it("refuses a file with errors naming the file, the entry and the field; nothing changes", async () => {
    const sum = cli(db);
    expect(await sum.run("import", await file("坏细则.yaml", shipped.replace("points: 15", "points: 25")))).toBe(1);
    expect(sum.errText()).toContain("坏细则.yaml: total: items add up to 110, not 100 / 各项分值合计 110，与总分不符");
    const kind = cli(db);
    expect(await kind.run("import", await file("坏细则2.yaml", shipped.replace("{ on: interview, each: 2.5 }", "{ on: summons, each: 2.5 }")))).toBe(1);
    expect(kind.errText()).toContain('坏细则2.yaml: items[5] (id "interviews").deductions[0].on: must be one of');
    expect(await db.prisma.scoringRulesVersion.count()).toBe(2);
  });

  it("two imports of the same new file at once make one version", async () => {
    const text = shipped.replace("each: 2.5", "each: 5").replace("points: 5\n", "points: 5\n");
    const f = await file("并发.yaml", text);
    const [a, b] = [cli(db), cli(db)];
    expect(await Promise.all([a.run("import", f), b.run("import", f)])).toEqual([0, 0]);
    expect(await db.prisma.scoringRulesVersion.count()).toBe(3);
    expect([a.text(), b.text()].join("\n")).toMatch(/第 3 版/);
  });
});
