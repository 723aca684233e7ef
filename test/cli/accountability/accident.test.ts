import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { testCli as cli } from "../../support/test-cli.ts";

const add = (over: Record<string, string> = {}) => {
  const o = { date: "2026-03-02", unit: "housing-construction", county: "weihui", category: "建筑施工", level: "一般", deaths: "1", description: "工地塔吊倒塌", ...over };
  return Object.entries(o).flatMap(([k, v]) => [`--${k}`, v]);
};

describe.each(dbKinds())("redline accident and control targets on the command line (%s database)", (kind) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "redline-accident-cli-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("records an accident with four open 四不放过 items, and the same line twice records it once", async () => {
    const first = cli(db);
    expect(await first.run("accident", "add", ...add({ injuries: "2" }), "--responsible")).toBe(0);
    expect(first.out.join("\n")).toContain("recorded SG-2026-0001");
    const again = cli(db);
    expect(await again.run("accident", "add", ...add({ injuries: "2" }), "--responsible")).toBe(0);
    expect(again.out.join("\n")).toContain("already recorded as SG-2026-0001");
    const rows = await db.prisma.accident.findMany({ include: { followUps: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: "construction", level: "general", deaths: 1, injuries: 2, unitResponsible: true, countyId: "weihui", closedAt: null });
    expect(rows[0]!.followUps.map((f) => f.item).sort()).toEqual(["cause", "education", "measures", "people"]);
    expect(await db.prisma.auditEntry.count({ where: { action: "accident.record", subject: "accident:SG-2026-0001" } })).toBe(1);

    const second = cli(db);
    expect(await second.run("accident", "add", ...add({ date: "2026-04-01", category: "fire", description: "仓库火灾", deaths: "0" }))).toBe(0);
    expect(second.out.join("\n")).toContain("recorded SG-2026-0002");
  });

  it("refuses bad input naming the field, and an unknown county, recording nothing", async () => {
    const before = await db.prisma.accident.count();
    const bad = cli(db);
    expect(await bad.run("accident", "add", ...add({ level: "huge", deaths: "-1", description: "x2" }))).toBe(1);
    expect(bad.err.join("\n")).toContain("accident add: level: must be 一般/较大/重大/特别重大");
    expect(bad.err.join("\n")).toContain("accident add: deaths:");
    const county = cli(db);
    expect(await county.run("accident", "add", ...add({ county: "civil-affairs", description: "x3" }))).toBe(1);
    expect(county.err.join("\n")).toContain('"civil-affairs" 不是名录中的县（市）、区，未登记。');
    expect(await db.prisma.accident.count()).toBe(before);
  });

  it("lists the year's accidents with what is still open", async () => {
    const { run, out } = cli(db);
    expect(await run("accident", "list", "--year", "2026")).toBe(0);
    expect(out[0]).toContain("SG-2026-0001\t2026-03-02\t住建部门\t卫辉市\t建筑施工\t一般\t死亡1\t受伤2\t待落实：事故原因查清楚、责任人受到处理、职工群众受到教育、防范整改措施落实");
    expect(out).toHaveLength(2);
  });

  it("imports control targets all or nothing, naming file, entry and field, and counts against them", async () => {
    const good = path.join(dir, "targets-2026.yaml");
    await writeFile(good, await readFile("prisma/seed/accountability/control-targets.example.yaml", "utf8"));
    const ok = cli(db);
    expect(await ok.run("import", good)).toBe(0);
    expect(ok.out.join("\n")).toContain("imported targets-2026.yaml: 9 control targets for 2026");
    expect(await db.prisma.controlTarget.count({ where: { year: 2026 } })).toBe(9);

    const broken = path.join(dir, "broken.yaml");
    await writeFile(broken, ["version: 1", "year: 2026", "targets:", "  - { category: fire, maxDeaths: 1 }", "  - { category: 地震, maxDeaths: -2 }"].join("\n"));
    const refused = cli(db);
    expect(await refused.run("import", broken)).toBe(1);
    expect(refused.err.join("\n")).toContain("broken.yaml: targets[1].category: must be one of industry-trade");
    expect(refused.err.join("\n")).toContain("broken.yaml: targets[1].maxDeaths: must not be negative");
    const unknown = path.join(dir, "unknown.yaml");
    await writeFile(unknown, ["version: 1", "year: 2026", "targets:", "  - { category: fire, county: atlantis, maxDeaths: 1 }"].join("\n"));
    const refused2 = cli(db);
    expect(await refused2.run("import", unknown)).toBe(1);
    expect(refused2.err.join("\n")).toContain('unknown.yaml: targets[0].county: 名录中没有县（市）、区 "atlantis"，未导入任何内容。');
    const twice = path.join(dir, "twice.yaml");
    await writeFile(twice, ["version: 1", "year: 2026", "targets:", "  - { category: fire, maxDeaths: 1 }", "  - { category: 火灾, maxAccidents: 3 }"].join("\n"));
    const refused3 = cli(db);
    expect(await refused3.run("import", twice)).toBe(1);
    expect(refused3.err.join("\n")).toContain("twice.yaml: targets[1]: 与 targets[0] 重复");
    // Nothing changed: still the nine targets of the good file.
    expect(await db.prisma.controlTarget.count({ where: { year: 2026 } })).toBe(9);
    expect((await db.prisma.controlTarget.findUniqueOrThrow({ where: { year_category_countyId: { year: 2026, category: "fire", countyId: "" } } })).maxDeaths).toBe(3);

    const stats = cli(db);
    expect(await stats.run("accident", "stats", "--as-of", "2026-06-01")).toBe(0);
    expect(stats.out).toContain("全市\t火灾\t1起/4\t25%\t死亡0/3\t0%");
    expect(stats.out).toContain("卫辉市\t建筑施工\t1起/-\t-%\t死亡1/-\t-%");
  });
});
