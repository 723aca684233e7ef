import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { ZImportFile } from "../../src/directory/import-file-schema.ts";
import { SEED_DIR } from "../../src/directory/seed-defaults.ts";
import { parseYamlText } from "../../src/lib/yaml-file.ts";
import { openTestDatabase } from "../support/db.ts";
import { testCli } from "../support/test-cli.ts";

const matrixRows = (db: Database) =>
  db.prisma.venueType.findMany({
    include: {
      entries: {
        select: {
          departmentId: true,
          scopeZh: true,
          scopeEn: true,
          qualifiers: true,
          sourceClause: true,
          sourceDocument: true,
          changedBy: true,
          changedAt: true,
        },
        orderBy: { id: "asc" },
      },
    },
    orderBy: { id: "asc" },
  });

describe("npx redline matrix export", () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase("embedded");
    dir = await mkdtemp(path.join(tmpdir(), "matrix-export-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the seeded matrix as the import YAML, equal to the seed file entry for entry", async () => {
    const cli = testCli(db);
    const file = path.join(dir, "matrix.yaml");
    expect(await cli.run("matrix", "export", file)).toBe(0);
    const seed = parseYamlText(readFileSync(path.join(SEED_DIR, "matrix.yaml"), "utf8"), "matrix.yaml", ZImportFile);
    expect(cli.out.join("\n")).toContain(`exported ${seed.venueTypes!.length} venue types`);
    const exported = parseYamlText(await readFile(file, "utf8"), "matrix.yaml", ZImportFile);
    expect(exported.departments).toBeUndefined();
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(exported.venueTypes).toEqual(byId(seed.venueTypes!));
  });

  it("re-imports to the same matrix, an office's edit included", async () => {
    await db.prisma.venueType.create({
      data: {
        id: "flower-market",
        nameZh: "花鸟市场",
        nameEn: "Flower and bird market",
        category: "市场",
        aliases: ["花鸟鱼虫市场", "flower market"],
        entries: {
          create: [
            {
              departmentId: "culture",
              scopeZh: null,
              scopeEn: null,
              qualifiers: [],
              sourceClause: "花鸟市场由文化部门牵头",
              sourceDocument: "市安委办 2026 年第 3 号通知",
              changedBy: "UOFFICE1",
              changedAt: new Date("2026-05-25T02:00:00Z"),
            },
          ],
        },
      },
    });
    const before = await matrixRows(db);
    const cli = testCli(db);
    const file = path.join(dir, "edited.yaml");
    expect(await cli.run("matrix", "export", file)).toBe(0);
    await db.prisma.venueType.deleteMany({ where: { id: { in: ["flower-market", "ktv"] } } });
    expect(await cli.run("import", file)).toBe(0);
    expect(await matrixRows(db)).toEqual(before);
    expect(await cli.run("ask", "花鸟鱼虫市场归谁管")).toBe(0);
    expect(cli.out.join("\n")).toContain("牵头部门：文化部门");
    expect(cli.out.join("\n")).toContain("市安委办 2026 年第 3 号通知：花鸟市场由文化部门牵头");
    expect(cli.out.join("\n")).toContain("（此条由安委办 UOFFICE1 于 2026-05-25 设定）");
  });

  it("prints to standard output without a file", async () => {
    const cli = testCli(db);
    expect(await cli.run("matrix", "export")).toBe(0);
    const text = cli.out.join("\n");
    expect(text).toMatch(/^# Responsibility matrix exported by redline/);
    expect(parseYamlText(text, "stdout", ZImportFile).venueTypes!.map((v) => v.id)).toContain("nursing-home");
  });
});
