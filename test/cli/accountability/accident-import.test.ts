import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { testCli as cli } from "../../support/test-cli.ts";

/** An office's 事故统计表 as Excel: a header row, then one accident a row (Excel dates where the office typed dates). */
async function sheet(
  file: string,
  rows: unknown[][],
  header = ["序号", "发生日期", "责任单位", "发生地", "事故类别", "事故等级", "死亡人数", "受伤人数", "简要情况", "单位责任"],
) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("事故统计");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

describe.each(dbKinds())("redline accident import from an Excel sheet (%s database)", (kind) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "redline-accident-import-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a sheet with any bad row, naming each row, column and problem, and records none", async () => {
    const file = await sheet(path.join(dir, "bad.xlsx"), [
      [1, new Date("2026-03-02T00:00:00Z"), "住建部门", "卫辉市", "建筑施工", "一般", 1, 0, "工地塔吊倒塌", "是"],
      [2, "2026年13月5日", "花鸟局", "民政部门", "火灾", "很大", -1, 0, "", "也许"],
    ]);
    const run = cli(db);
    expect(await run.run("accident", "import", file)).toBe(1);
    const err = run.errText();
    expect(err).toContain("事故表有 7 处问题，未登记任何一起");
    expect(err).toContain("第 3 行 B（发生日期）: “2026年13月5日”不是日期");
    expect(err).toContain("第 3 行 C（责任单位）: 名录中没有单位“花鸟局”。");
    expect(err).toContain("第 3 行 D（发生地）: “民政部门”不是名录中的县（市）、区。");
    expect(err).toContain("第 3 行 J（单位责任）: “也许”应为“是”或“否”。");
    expect(err).toContain("第 3 行 F（事故等级）: must be 一般/较大/重大/特别重大");
    expect(err).toContain("第 3 行 G（死亡人数）");
    expect(err).toContain("第 3 行 I（简要情况）: must not be empty / 不能为空");
    expect(err).not.toContain("第 2 行");
    expect(await db.prisma.accident.count()).toBe(0);
  });

  it("refuses a sheet without a required column, saying which and what else it may be called", async () => {
    const file = await sheet(
      path.join(dir, "no-level.xlsx"),
      [[1, "2026-03-02", "住建部门", "卫辉市", "建筑施工", 1, 0, "塔吊倒塌"]],
      ["序号", "日期", "单位", "县区", "类别", "死亡", "受伤", "简要情况"],
    );
    const run = cli(db);
    expect(await run.run("accident", "import", file)).toBe(1);
    expect(run.errText()).toContain("缺少必需的列“事故等级”（也可写作：等级、级别、level）。");
    const missing = cli(db);
    expect(await missing.run("accident", "import", path.join(dir, "nowhere.xlsx"))).toBe(1);
    expect(missing.errText()).toContain("无法读取文件");
    const empty = cli(db);
    expect(await empty.run("accident", "import", await sheet(path.join(dir, "empty.xlsx"), []))).toBe(1);
    expect(empty.errText()).toContain("事故表有 1 处问题，未登记任何一起：\n表中没有事故。");
    expect(await db.prisma.accident.count()).toBe(0);
  });

  it("records every accident of a valid sheet with its 四不放过 items, by unit name or id; the same sheet again adds nothing", async () => {
    const file = await sheet(path.join(dir, "2026.xlsx"), [
      [1, new Date("2026-03-02T00:00:00Z"), "住建部门", "卫辉市", "建筑施工", "一般", 1, 2, "工地塔吊倒塌", "是"],
      [2, "2026/4/1", "fire-brigade", "weihui", "fire", "较大", 3, 0, "仓库火灾", "否"],
      [],
      [4, "2026-05-06", "住建部门", "卫辉市", "工矿商贸", "一般", 0, 1, "厂房高处坠落", null],
    ]);
    const first = cli(db);
    expect(await first.run("accident", "import", file), first.errText()).toBe(0);
    expect(first.text()).toContain("已登记 3 起: SG-2026-0001, SG-2026-0002, SG-2026-0003，每起四不放过 4 项待落实");
    const rows = await db.prisma.accident.findMany({ orderBy: { id: "asc" }, include: { followUps: true } });
    expect(
      rows.map((a) => [a.occurredOn, a.departmentId, a.countyId, a.category, a.level, a.deaths, a.injuries, a.unitResponsible]),
    ).toEqual([
      ["2026-03-02", "housing-construction", "weihui", "construction", "general", 1, 2, true],
      ["2026-04-01", "fire-brigade", "weihui", "fire", "larger", 3, 0, false],
      ["2026-05-06", "housing-construction", "weihui", "industry-trade", "general", 0, 1, false],
    ]);
    expect(rows.every((a) => a.followUps.length === 4 && a.recordedBy.startsWith("cli:"))).toBe(true);

    // Imported again (a second try after a cut-off run, or the same file twice): nothing recorded twice.
    const again = cli(db);
    expect(await again.run("accident", "import", file)).toBe(0);
    expect(again.text()).toContain("已登记 0 起；3 起此前已登记，未重复登记");
    expect(await db.prisma.accident.count()).toBe(3);
    // A row the office had entered with `accident add` is the same accident.
    const added = cli(db);
    const line = [
      "--date",
      "2026-05-06",
      "--unit",
      "housing-construction",
      "--county",
      "weihui",
      "--category",
      "工矿商贸",
      "--level",
      "一般",
      "--deaths",
      "0",
      "--injuries",
      "1",
      "--description",
      "厂房高处坠落",
    ];
    expect(await added.run("accident", "add", ...line)).toBe(0);
    expect(added.text()).toContain("already recorded as SG-2026-0003");
  });
});
