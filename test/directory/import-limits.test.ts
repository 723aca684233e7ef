import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import { IMPORT_LIMITS, ZImportFile } from "../../src/directory/import-file-schema.ts";
import { AppError } from "../../src/lib/errors.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { testCli } from "../support/test-cli.ts";

const dept = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, nameZh: `单位${id}`, nameEn: `Unit ${id}`, kind: "department", ...extra });
const code = (i: number) => String(i).padStart(4, "0");

describe.each(dbKinds())("redline import: duplicates, limits, size (%s database)", (kind) => {
  let db: Database;
  let dir: string;
  const file = async (name: string, data: unknown) => {
    const p = path.join(dir, name);
    await writeFile(p, typeof data === "string" ? data : stringify(data));
    return p;
  };
  const departmentCount = () => db.prisma.department.count();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "redline-import-limits-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses duplicate ids, channels and liaisons, naming both entries, and writes nothing", async () => {
    const before = await departmentCount();
    const p = await file("dupes.yaml", {
      version: 1,
      departments: [
        dept("flood-a", { slackChannelId: "C0FLOODA" }),
        dept("flood-b", { slackChannelId: "C0FLOODA", liaisons: [{ slackUserId: "U0AAA", name: "甲" }, { slackUserId: "U0AAA", name: "乙" }] }),
        dept("flood-a"),
      ],
      venueTypes: [
        { id: "dam", nameZh: "水库", nameEn: "Reservoir", category: "水利", leads: [{ department: "flood-a", source: "…" }] },
        { id: "dam", nameZh: "大坝", nameEn: "Dam", category: "水利", leads: [{ department: "flood-a", source: "…" }] },
      ],
    });
    const cli = testCli(db);
    expect(await cli.run("import", p)).toBe(1);
    const err = cli.errText();
    expect(err).toContain('dupes.yaml: departments[2] (id "flood-a").id: duplicate id "flood-a", also departments[0]');
    expect(err).toContain('dupes.yaml: departments[1] (id "flood-b").slackChannelId: duplicate Slack channel "C0FLOODA", also departments[0]');
    expect(err).toContain('dupes.yaml: departments[1] (id "flood-b").liaisons[1].slackUserId: U0AAA is listed twice (also liaisons[0])');
    expect(err).toContain('dupes.yaml: venueTypes[1] (id "dam").id: duplicate id "dam", also venueTypes[0]');
    expect(err).toMatch(/^文件有误，未导入任何内容/);
    expect(await departmentCount()).toBe(before);
    expect(await db.prisma.venueType.count({ where: { id: "dam" } })).toBe(0);
  });

  it("refuses over-long names, naming the entry, the field and the limit", async () => {
    const p = await file("long.yaml", {
      version: 1,
      departments: [
        dept("long-name", { nameZh: "很".repeat(IMPORT_LIMITS.nameZh + 1) }),
        dept("long-head", { head: { slackUserId: "U0HEAD", name: "名".repeat(IMPORT_LIMITS.personName + 1) } }),
      ],
    });
    const cli = testCli(db);
    expect(await cli.run("import", p)).toBe(1);
    expect(cli.errText()).toContain(`long.yaml: departments[0] (id "long-name").nameZh: is longer than ${IMPORT_LIMITS.nameZh} characters`);
    expect(cli.errText()).toContain(`long.yaml: departments[1] (id "long-head").head.name: is longer than ${IMPORT_LIMITS.personName} characters`);
    expect(await db.prisma.department.count({ where: { id: { in: ["long-name", "long-head"] } } })).toBe(0);
    // exactly at the limit is fine
    expect(ZImportFile.safeParse({ version: 1, departments: [dept("at-limit", { nameZh: "很".repeat(IMPORT_LIMITS.nameZh) })] }).success).toBe(true);
  });

  it("a channel registered to a department outside the file: refused naming both; a swap inside the file works", async () => {
    await importDirectory(db.prisma, ZImportFile.parse({ version: 1, departments: [dept("swap-a", { slackChannelId: "C0SWAPA" }), dept("swap-b", { slackChannelId: "C0SWAPB" })] }), "setup.yaml");
    const p = await file("steal.yaml", { version: 1, departments: [dept("swap-c", { slackChannelId: "C0SWAPA" })] });
    const cli = testCli(db);
    expect(await cli.run("import", p)).toBe(1);
    expect(cli.errText()).toContain('steal.yaml: departments (id "swap-c").slackChannelId: 频道 C0SWAPA 已登记给 单位swap-a（swap-a），未导入任何内容。');
    expect(await db.prisma.department.count({ where: { id: "swap-c" } })).toBe(0);

    const swap = await file("swap.yaml", { version: 1, departments: [dept("swap-a", { slackChannelId: "C0SWAPB" }), dept("swap-b", { slackChannelId: "C0SWAPA" })] });
    expect(await testCli(db).run("import", swap)).toBe(0);
    const rows = await db.prisma.department.findMany({ where: { id: { startsWith: "swap-" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.slackChannelId])).toEqual([
      ["swap-a", "C0SWAPB"],
      ["swap-b", "C0SWAPA"],
    ]);
  });

  it("1,000 departments with liaisons import in one transaction; the same file again writes nothing", async () => {
    const departments = Array.from({ length: 1000 }, (_, i) =>
      dept(`bulk-${code(i)}`, {
        slackChannelId: `C0BULK${code(i)}`,
        head: { slackUserId: `U0BULK${code(i)}H`, name: `负责人${i}`, title: "局长" },
        liaisons: [
          { slackUserId: `U0BULK${code(i)}L`, name: `联络员${i}` },
          { slackUserId: `U0BULK${code(i)}M`, name: `联络员${i}乙` },
        ],
      }),
    );
    const p = await file("bulk.yaml", { version: 1, departments });
    const cli = testCli(db);
    expect(await cli.run("import", p)).toBe(0);
    expect(cli.text()).toContain("imported bulk.yaml: 1000 departments");
    expect(await db.prisma.department.count({ where: { id: { startsWith: "bulk-" } } })).toBe(1000);
    expect(await db.prisma.liaison.count({ where: { departmentId: { startsWith: "bulk-" } } })).toBe(2000);
    const stamp = await db.prisma.department.aggregate({ where: { id: { startsWith: "bulk-" } }, _max: { updatedAt: true } });

    expect(await testCli(db).run("import", p)).toBe(0);
    const again = await db.prisma.department.aggregate({ where: { id: { startsWith: "bulk-" } }, _max: { updatedAt: true } });
    expect(again._max.updatedAt).toEqual(stamp._max.updatedAt);
    expect(await db.prisma.liaison.count({ where: { departmentId: { startsWith: "bulk-" } } })).toBe(2000);

    // one liaison changed: only that department's liaisons are replaced
    departments[7]!.liaisons = [{ slackUserId: "U0BULKNEW", name: "新联络员" }];
    expect(await testCli(db).run("import", await file("bulk2.yaml", { version: 1, departments }))).toBe(0);
    expect((await db.prisma.liaison.findMany({ where: { departmentId: "bulk-0007" } })).map((l) => l.slackUserId)).toEqual(["U0BULKNEW"]);
    expect(await db.prisma.liaison.count({ where: { departmentId: { startsWith: "bulk-" } } })).toBe(1999);
  }, 120_000);

  it("an import that runs out of time: a clear message in both languages, and nothing imported", async () => {
    const parsed = ZImportFile.parse({ version: 1, departments: Array.from({ length: 50 }, (_, i) => dept(`slow-${i}`)) });
    // The fault: a database so slow that the transaction's first statement comes after its time limit.
    const slow = new Proxy(db.prisma, {
      get(target, key, receiver) {
        if (key !== "$transaction") return Reflect.get(target, key, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, options: unknown) =>
          target.$transaction(async (tx) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            return fn(tx);
          }, options as { timeout: number });
      },
    });
    const error = await importDirectory(slow, parsed, "slow.yaml", { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).messageFor("zh")).toBe(
      "slow.yaml：导入未能在 1 秒内完成（数据库繁忙），已全部撤销，未导入任何内容。请稍后重试，或把文件拆小。",
    );
    expect((error as AppError).messageFor("en")).toContain("did not finish within 1 s");
    expect(await db.prisma.department.count({ where: { id: { startsWith: "slow-" } } })).toBe(0);
  });
});
