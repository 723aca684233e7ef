import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import { ZImportFile } from "../../src/directory/import-file-schema.ts";
import { AppError } from "../../src/lib/errors.ts";
import { readYamlFile } from "../../src/lib/yaml-file.ts";
import { createWhoLeadsService } from "../../src/matrix/who-leads.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "redline-import-"));
});
const file = async (name: string, text: string) => {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
};
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).messageFor("zh");
  }
  throw new Error("expected a failure");
};

describe.each(dbKinds())("redline import (%s database)", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it("names the file, entry and field of every problem and writes nothing", async () => {
    const p = await file(
      "bad-directory.yaml",
      `version: 1
departments:
  - id: culture
    nameZh: 文化和旅游局
    nameEn: Culture and Tourism
    kind: department
    slackChannelId: general
  - id: police
    nameZh: 公安局
    nameEn: Police
    kind: ministry
`,
    );
    const message = await errorOf(readYamlFile(p, ZImportFile));
    expect(message).toContain('bad-directory.yaml: departments[0] (id "culture").slackChannelId');
    expect(message).toContain('bad-directory.yaml: departments[1] (id "police").kind');
    expect((await db.prisma.department.findUniqueOrThrow({ where: { id: "culture" } })).nameZh).toBe("文化部门");
  });

  it("rejects a matrix lead that names an unknown department, and keeps the old matrix", async () => {
    const p = await file(
      "bad-matrix.yaml",
      `version: 1
venueTypes:
  - id: gas-station
    nameZh: 加油站
    nameEn: Gas station
    category: 危化品
    leads: [{ department: emergency-management, source: 某文件第3条 }]
`,
    );
    const parsed = await readYamlFile(p, ZImportFile);
    const message = await errorOf(importDirectory(db.prisma, parsed, "bad-matrix.yaml"));
    expect(message).toContain('bad-matrix.yaml: venueTypes[0] (id "gas-station").leads[0].department: 未知部门 "emergency-management"');
    expect(await db.prisma.venueType.count({ where: { id: "gas-station" } })).toBe(0);
    expect(await db.prisma.venueType.count()).toBeGreaterThan(20);
  });

  it("rejects a split place whose leads have no scopes", async () => {
    const p = await file(
      "unscoped.yaml",
      `version: 1
venueTypes:
  - id: library
    nameZh: 图书馆
    nameEn: Library
    category: x
    leads: [{ department: culture, source: a }, { department: education, source: b }]
`,
    );
    expect(await errorOf(readYamlFile(p, ZImportFile))).toContain("scope");
  });

  it("rejects broken YAML with the line", async () => {
    const p = await file("broken.yaml", "version: 1\ndepartments:\n  - id: [unclosed\n");
    expect(await errorOf(readYamlFile(p, ZImportFile))).toMatch(/broken\.yaml \(line \d+\) 不是有效的 YAML/);
  });

  it("imports an office's own directory and matrix; answers then come from it", async () => {
    const p = await file(
      "our-city.yaml",
      `version: 1
departments:
  - id: emergency-management
    nameZh: 应急管理局
    nameEn: Emergency Management Bureau
    kind: department
    slackChannelId: C0EMERGENCY
    head: { slackUserId: U0EMHEAD, name: 赵强, title: 局长 }
    liaisons: [{ slackUserId: U0EMLIAISON, name: 钱敏 }]
venueTypes:
  - id: gas-station
    nameZh: 加油站
    nameEn: Gas station
    category: 危险化学品
    aliases: [加气站, petrol station]
    leads: [{ department: emergency-management, source: 市政府分工通知第三条 }]
`,
    );
    // One service holds the matrix in memory from before the import, as a running bot (or another replica) does.
    const held = createWhoLeadsService(db.prisma);
    expect((await held.ask("养老院")).status).toBe("found");
    const previous = await db.prisma.venueType.findMany({ select: { id: true } });
    const historyBefore = await db.prisma.matrixChange.count();
    const parsed = await readYamlFile(p, ZImportFile);
    const summary = await importDirectory(db.prisma, parsed, "our-city.yaml", { actor: "cli:office" });
    // Every venue type the file dropped, and the one it added, is in the matrix history with its rows.
    expect(summary).toEqual({
      departments: 1,
      venueTypes: 1,
      matrixEntries: 1,
      matrixChanges: previous.length + 1,
      groups: 0,
      groupChanges: 0,
    });
    const history = await db.prisma.matrixChange.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: historyBefore });
    expect(history.map((c) => `${c.action} ${c.venueTypeId}`).sort()).toEqual(
      [...previous.map((v) => `import.remove ${v.id}`), "import.add gas-station"].sort(),
    );
    const added = history.find((c) => c.venueTypeId === "gas-station")!;
    expect(added).toMatchObject({ actor: "cli:office", before: null });
    expect(added.after).toMatchObject({
      nameZh: "加油站",
      leads: [{ department: "emergency-management", source: "市政府分工通知第三条" }],
      file: "our-city.yaml",
    });
    const nursing = history.find((c) => c.action === "import.remove" && (c.before as { nameZh?: string }).nameZh === "养老院")!;
    expect(nursing.before).toMatchObject({ leads: [{ department: "civil-affairs" }] });
    // The same file again changes nothing, so the history gains nothing.
    expect((await importDirectory(db.prisma, parsed, "our-city.yaml", { actor: "cli:office" })).matrixChanges).toBe(0);
    expect(await db.prisma.matrixChange.count()).toBe(historyBefore + previous.length + 1);
    const answer = await held.ask("加气站归谁管");
    expect(answer.leads).toEqual([{ id: "emergency-management", nameZh: "应急管理局", nameEn: "Emergency Management Bureau" }]);
    expect(answer.sources).toEqual(["市政府分工通知第三条"]);
    // The file's matrix replaced the whole matrix.
    expect((await held.ask("养老院")).status).toBe("not_found");
  });
});
