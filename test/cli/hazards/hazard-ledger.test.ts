import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { localDay } from "../../../src/domain/calendar/office-hours.ts";
import { addWorkingDays, plusDays } from "../../../src/domain/calendar/working-days.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { testCli as cli } from "../../support/test-cli.ts";

// Days relative to the real today (the CLI reads the clock): overdue, red and future deadlines stay so whenever this runs.
const today = localDay(new Date(), "Asia/Shanghai");
const found = plusDays(today, -40);
const longOverdue = addWorkingDays(today, -10);
const future = addWorkingDays(today, 20);

async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Header names as an office's own ledger writes them (aliases), in its own order.
const HEADERS = [
  "序号",
  "责任单位",
  "隐患地点",
  "场所类型",
  "存在问题",
  "隐患等级",
  "排查日期",
  "整改时限",
  "责任人",
  "整改措施",
  "整改情况",
];
const GOOD = [
  [1, "卫辉市", "幸福养老院", "养老院", "消防通道堵塞", "一般", found, longOverdue, "张三", "清理通道", "整改中"],
  [
    2,
    "文化部门",
    "星光KTV",
    "KTV",
    "应急照明损坏",
    "重大隐患",
    new Date(`${found}T00:00:00Z`),
    future,
    "<@UKTVBOSS1>",
    "更换应急灯",
    "未整改",
  ],
  [3, "辉县市", "城东油气管线", "油气管线", "管线占压", "一般", found, future, "李四", null, "已整改"],
];

describe.each(dbKinds())("redline hazard import / export / list / show / stats (%s)", (kind) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(path.join(tmpdir(), "redline-hazard-cli-"));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.prisma.$executeRawUnsafe(`TRUNCATE "HazardFile", "HazardEvent", "Hazard", "HazardCounter" CASCADE`);
  });

  it("refuses a ledger with any bad row, naming row, column and problem, and writes nothing", async () => {
    const file = path.join(dir, "bad.xlsx");
    await writeFile(
      file,
      await workbook(HEADERS, [
        GOOD[0]!,
        [2, "不存在的局", "某地", "养老院", "问题", "一般", found, future, "王五", null, null],
        [3, "卫辉市", "某地", "宇宙飞船", "问题", "特大", found, "下周", "王五", null, "差不多"],
        [4, "卫辉市", "", null, "", "一般", found, plusDays(found, -1), null, null, null],
      ]),
    );
    const c = cli(db);
    expect(await c.run("hazard", "import", file)).toBe(1);
    const err = c.errText();
    expect(err).toContain("nothing was imported");
    expect(err).toContain("第 3 行 B（责任单位）: 通讯录中没有单位“不存在的局”。");
    expect(err).toContain("第 4 行 D（场所类型）: 责任清单中没有场所类型“宇宙飞船”");
    expect(err).toContain("第 4 行 F（隐患等级）: 隐患等级“特大”应为“一般”或“重大”。");
    expect(err).toContain("第 4 行 H（整改时限）: “下周”不是日期");
    expect(err).toContain("第 4 行 K（整改情况）: 整改情况“差不多”无法识别");
    expect(err).toContain("第 5 行 C（隐患地点）: 此项为必填项。");
    expect(err).toContain("第 5 行 E（存在问题）: 此项为必填项。");
    expect(err).toContain("第 5 行 I（责任人）: 此项为必填项。");
    expect(err).toContain('row 3 B（责任单位）: No unit "不存在的局" in the directory.');
    expect(await db.prisma.hazard.count()).toBe(0);
    expect(await db.prisma.hazardEvent.count()).toBe(0);

    const noColumn = path.join(dir, "no-column.xlsx");
    await writeFile(noColumn, await workbook(["单位", "地点", "描述"], [["卫辉市", "x", "y"]]));
    const c2 = cli(db);
    expect(await c2.run("hazard", "import", noColumn)).toBe(1);
    expect(c2.errText()).toContain("缺少必需的列“隐患等级”");
    expect(c2.errText()).toContain("缺少必需的列“整改期限”（也可写作：整改时限、限期、整改完成时限）");

    await writeFile(path.join(dir, "not-excel.xlsx"), "序号,隐患单位\n1,卫辉市\n");
    const c3 = cli(db);
    expect(await c3.run("hazard", "import", path.join(dir, "not-excel.xlsx"))).toBe(1);
    expect(c3.errText()).toContain("无法读取该文件");
    expect(await db.prisma.hazard.count()).toBe(0);
  });

  it("imports a valid ledger once, routed by the matrix, in the states it names; the same file again adds nothing", async () => {
    const file = path.join(dir, "隐患台账.xlsx");
    await writeFile(file, await workbook(HEADERS, GOOD));
    const c = cli(db);
    expect(await c.run("hazard", "import", file, "--dry-run")).toBe(0);
    expect(await db.prisma.hazard.count()).toBe(0);
    expect(await c.run("hazard", "import", file)).toBe(0);
    expect(c.text()).toContain("imported 3 of 3 rows");
    const rows = await db.prisma.hazard.findMany({ orderBy: { seq: "asc" } });
    const year = Number(found.slice(0, 4));
    expect(
      rows.map((h) => [
        h.number,
        h.unitId,
        h.venueTypeId,
        h.leadDepartmentId,
        h.routing,
        h.level,
        h.state,
        h.responsibleName,
        h.responsibleSlackUserId,
      ]),
    ).toEqual([
      [`YH-${year}-0001`, "weihui", "nursing-home", "civil-affairs", "matrix", "general", "rectifying", "张三", null],
      [`YH-${year}-0002`, "culture", "ktv", "culture", "matrix", "major", "registered", null, "UKTVBOSS1"],
      [`YH-${year}-0003`, "huixian", "oil-gas-pipeline", null, "office", "general", "closed", "李四", null],
    ]);
    expect(rows.map((h) => [h.foundDay, h.deadlineDay, h.source])).toEqual([
      [found, longOverdue, "imported"],
      [found, future, "imported"],
      [found, future, "imported"],
    ]);
    const events = await db.prisma.hazardEvent.findMany({ where: { hazardId: rows[2]!.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ["register", null, "registered"],
      ["note", "registered", "closed"],
    ]);
    expect(events[1]!.note).toContain("已整改");
    expect(await db.prisma.auditEntry.count({ where: { action: "hazard.import" } })).toBe(1);

    const again = cli(db);
    expect(await again.run("hazard", "import", file)).toBe(0);
    expect(again.text()).toContain("imported 0 of 3 rows, 3 already in the ledger");
    expect(await db.prisma.hazard.count()).toBe(3);

    // An updated copy of the ledger (another file, statuses moved on, one row added) adds only the new hazard.
    const updated = path.join(dir, "隐患台账（更新）.xlsx");
    const newRow = [4, "长垣市", "南关菜市场", null, "私拉电线", "一般", found, future, "赵六", null, null];
    await writeFile(updated, await workbook(HEADERS, [...GOOD.map((r) => [...r.slice(0, 10), "已整改"]), newRow]));
    const third = cli(db);
    expect(await third.run("hazard", "import", updated)).toBe(0);
    expect(third.text()).toContain("imported 1 of 4 rows, 3 already in the ledger");
    expect((await db.prisma.hazard.findMany({ orderBy: { seq: "asc" } })).map((h) => [h.unitId, h.state])).toEqual([
      ["weihui", "rectifying"],
      ["culture", "registered"],
      ["huixian", "closed"],
      ["changyuan", "registered"],
    ]);
  });

  it("lists, shows and counts the ledger, as text and --json", async () => {
    const file = path.join(dir, "ledger.xlsx");
    await writeFile(file, await workbook(HEADERS, GOOD));
    expect(await cli(db).run("hazard", "import", file)).toBe(0);
    const year = Number(found.slice(0, 4));

    const list = cli(db);
    expect(await list.run("hazard", "list", "--json")).toBe(0);
    const open = JSON.parse(list.text()) as { number: string; colour: string; overdue: boolean }[];
    // The closed one is left out; the overdue one comes first, red (more than 5 working days late).
    expect(open.map((h) => [h.number, h.colour, h.overdue])).toEqual([
      [`YH-${year}-0001`, "red", true],
      [`YH-${year}-0002`, "none", false],
    ]);
    const overdue = cli(db);
    await overdue.run("hazard", "list", "--overdue", "--json");
    expect((JSON.parse(overdue.text()) as { number: string }[]).map((h) => h.number)).toEqual([`YH-${year}-0001`]);
    const major = cli(db);
    await major.run("hazard", "list", "--major");
    expect(major.text()).toContain(`YH-${year}-0002  culture  星光KTV  重大隐患  已登记`);
    expect(major.text()).not.toContain("幸福养老院");
    const all = cli(db);
    await all.run("hazard", "list", "--all", "--unit", "huixian", "--json");
    expect((JSON.parse(all.text()) as { state: string }[]).map((h) => h.state)).toEqual(["closed"]);

    const show = cli(db);
    expect(await show.run("hazard", "show", `yh-${year}-3`.replace(/-3$/, "-0003"), "--json")).toBe(0);
    const detail = JSON.parse(show.text()) as { number: string; history: { action: string; to: string }[] };
    expect(detail.number).toBe(`YH-${year}-0003`);
    expect(detail.history.map((e) => [e.action, e.to])).toEqual([
      ["register", "registered"],
      ["note", "closed"],
    ]);
    const missing = cli(db);
    expect(await missing.run("hazard", "show", `YH-${year}-0099`)).toBe(1);
    expect(missing.errText()).toContain(`没有隐患 YH-${year}-0099。`);

    const stats = cli(db);
    expect(await stats.run("hazard", "stats", "--json")).toBe(0);
    const s = JSON.parse(stats.text()) as {
      units: { unitId: string; found: number; rectified: number; overdue: number; major: number }[];
      total: Record<string, unknown>;
    };
    expect(s.units.find((u) => u.unitId === "huixian")).toMatchObject({ found: 1, rectified: 1, rate: 1, overdue: 0 });
    expect(s.units.find((u) => u.unitId === "weihui")).toMatchObject({ found: 1, rectified: 0, rate: 0, overdue: 1 });
    expect(s.units.find((u) => u.unitId === "changyuan")).toMatchObject({ found: 0, rate: null });
    expect(s.total).toMatchObject({ found: 3, rectified: 1, open: 2, overdue: 1, major: 1, listed: 0 });
  });

  it("exports every hazard with its fields and latest state, and statistics per unit, read back cell by cell; the export imports again", async () => {
    const file = path.join(dir, "in.xlsx");
    await writeFile(file, await workbook(HEADERS, GOOD));
    expect(await cli(db).run("hazard", "import", file)).toBe(0);
    const out = path.join(dir, "out.xlsx");
    expect(await cli(db).run("hazard", "export", "--xlsx", out)).toBe(0);
    const year = Number(found.slice(0, 4));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(out)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("隐患台账")!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      "编号",
      "隐患单位",
      "隐患地点",
      "详细地址",
      "场所类型",
      "牵头部门",
      "属地",
      "隐患描述",
      "隐患等级",
      "隐患类别",
      "发现方式",
      "发现日期",
      "整改期限",
      "责任人",
      "整改措施",
      "责任落实",
      "资金落实",
      "预案落实",
      "整改情况",
      "挂牌督办",
      "督办颜色",
      "逾期工作日",
      "最近处理",
    ]);
    expect(sheet.rowCount).toBe(4);
    const first = row(2);
    expect(first.slice(0, 22)).toEqual([
      `YH-${year}-0001`,
      "卫辉市",
      "幸福养老院",
      "",
      "养老院",
      "民政部门",
      "卫辉市",
      "消防通道堵塞",
      "一般",
      "社会福利",
      "台账导入",
      found,
      longOverdue,
      "张三",
      "清理通道",
      "",
      "",
      "",
      "整改中",
      "否",
      "红色",
      first[21],
    ]);
    expect(first[21]).toBeGreaterThan(5);
    expect(String(first[22])).toContain("备注");
    expect(row(3)[13]).toBe("<@UKTVBOSS1>");
    expect(row(4).slice(4, 7)).toEqual(["油气管道", "未列明（三管三必须，安委办督办）", "辉县市"]);
    expect(row(4)[18]).toBe("已销号");

    const stats = wb.getWorksheet("统计")!;
    expect((stats.getRow(1).values as unknown[]).slice(1)).toEqual([
      "单位",
      "发现隐患",
      "已整改销号",
      "整改率",
      "未销号",
      "逾期",
      "重大隐患",
      "挂牌督办",
    ]);
    const statRows = new Map<string, unknown[]>();
    stats.eachRow((r, n) => n > 1 && statRows.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1)));
    expect(statRows.get("辉县市")).toEqual(["辉县市", 1, 1, "100.0%", 0, 0, 0, 0]);
    expect(statRows.get("卫辉市")).toEqual(["卫辉市", 1, 0, "0.0%", 1, 1, 0, 0]);
    expect(statRows.get("长垣市")).toEqual(["长垣市", 0, 0, "—", 0, 0, 0, 0]);
    expect(statRows.get("合计")).toEqual(["合计", 3, 1, "33.3%", 2, 1, 1, 0]);

    // The export is itself a ledger the import reads (a new file: new rows).
    await db.prisma.$executeRawUnsafe(`TRUNCATE "HazardFile", "HazardEvent", "Hazard", "HazardCounter" CASCADE`);
    const back = cli(db);
    expect(await back.run("hazard", "import", out)).toBe(0);
    const again = await db.prisma.hazard.findMany({ orderBy: { seq: "asc" } });
    expect(
      again.map((h) => [h.unitId, h.placeName, h.state, h.level, h.deadlineDay, h.responsibleSlackUserId ?? h.responsibleName]),
    ).toEqual([
      ["weihui", "幸福养老院", "rectifying", "general", longOverdue, "张三"],
      ["culture", "星光KTV", "registered", "major", future, "UKTVBOSS1"],
      ["huixian", "城东油气管线", "closed", "general", future, "李四"],
    ]);
  });
});
