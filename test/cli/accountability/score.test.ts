import { mkdtemp, readFile, rm } from "node:fs/promises";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { seedAccountabilityScenario } from "../../support/accountability-scenario.ts";
import { openTestDatabase } from "../../support/db.ts";
import { testCli as cli } from "../../support/test-cli.ts";

// The seeded quarter's hand-computed table is in test/accountability/unit-record.test.ts; here the same numbers come
// out of `npx redline score` as text, JSON and Excel.
const AT = "2026-07-10T10:00:00+08:00";

describe("npx redline score", () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "redline-score-cli-"));
    await seedAccountabilityScenario(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the ranking and each unit's deductions with the records behind them", async () => {
    const run = cli(db);
    expect(await run.run("score", "--period", "2026-Q2", "--at", AT)).toBe(0);
    const text = run.text();
    expect(text).toContain("2026年第二季度安全生产考核 — 按安全生产目标责任考核细则（示例）（默认细则）计分");
    expect(text).toContain("9\t新乡县\t97\t优秀\t");
    expect(text).toContain("11\t红旗区\t68.5\t合格\t");
    expect(text).toContain("12\t辉县市\t85\t不合格\t是，不得评优");
    expect(text).toContain("  一票否决: 一年内发生两起较大事故且负有责任 (SG-2026-0003, SG-2026-0004)");
    expect(text).toContain("  隐患排查治理 −4（隐患逾期未整改 2 × 2 分）");
    expect(text).toContain("    YH-2026-0005\t2026-06-10\tYH-2026-0005（一般隐患，期限6月10日）：逾期 13 个工作日未整改");
    expect(text).toContain("  事故控制 −3（超出控制指标 1 × 15 分，扣至本项 0 分）");
  });

  it("gives one unit as JSON, and refuses a period it cannot read", async () => {
    const run = cli(db);
    expect(await run.run("score", "--period", "2026年第二季度", "--unit", "红旗", "--json", "--at", AT)).toBe(0);
    const json = JSON.parse(run.text());
    expect(json).toMatchObject({ period: "2026-Q2", from: "2026-04-01", to: "2026-06-30", rules: { version: null, total: 100 } });
    expect(json.units).toHaveLength(1);
    expect(json.units[0]).toMatchObject({ unitId: "hongqi", rank: 11, score: 68.5, grade: "合格", mayBeRatedExcellent: true });
    expect(json.units[0].deductions.find((d: { on: string }) => d.on === "hazard_listed")).toMatchObject({
      lost: 3,
      records: [{ ref: "YH-2026-0003", day: "2026-06-05" }],
    });
    const bad = cli(db);
    expect(await bad.run("score", "--period", "上半年")).toBe(1);
    expect(bad.errText()).toContain("“上半年”不是考核期间，例如 2026、2026-Q2、2026年第二季度、2026-05。");
  });

  it("writes the Excel with the ranking, every deduction's records and every record line", async () => {
    const file = path.join(dir, "考核.xlsx");
    const run = cli(db);
    expect(await run.run("score", "--period", "2026-Q2", "--xlsx", file, "--at", AT)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const ranking = rows("考核结果");
    expect(ranking[2]).toEqual(["名次", "单位", "单位编号", "得分", "等次", "一票否决", "专项行动任务落实（20）", "警示教育（10）", "主要负责人签字承诺（10）", "会议参会与传达（20）", "隐患排查治理（20）", "安全约谈（5）", "事故控制（15）"]);
    expect(ranking.find((r) => r[2] === "hongqi")).toEqual([11, "红旗区", "hongqi", 68.5, "合格", "", 19, 5, 0, 15, 12, 2.5, 15]);
    expect(ranking.find((r) => r[2] === "huixian")!.slice(3, 6)).toEqual([85, "不合格", "一年内发生两起较大事故且负有责任（SG-2026-0003、SG-2026-0004）"]);
    const deductions = rows("扣分明细").filter((r) => r[0] === "红旗区");
    expect(deductions.filter((r) => r[1] === "隐患排查治理").map((r) => [r[2], r[4] ?? null, r[5]])).toEqual([
      ["隐患超期整改", 1, "YH-2026-0004"],
      ["隐患逾期未整改", 4, "YH-2026-0001"],
      ["隐患逾期未整改", null, "YH-2026-0005"],
      ["重大隐患挂牌督办", 3, "YH-2026-0003"],
    ]);
    // Records that cost nothing are listed too: the found hazards, the on-time rectification.
    expect(rows("全部记录").filter((r) => r[0] === "红旗区").map((r) => r[1])).toEqual(expect.arrayContaining(["排查发现隐患", "隐患按期整改"]));
  });

  it("drafts the 通报 as a .docx from the command line; the same --key again is the same draft", async () => {
    const file = path.join(dir, "通报.docx");
    const run = cli(db);
    expect(await run.run("circular", "draft", "--period", "2026-Q2", "--docx", file, "--key", "q2")).toBe(0);
    expect(run.text()).toMatch(/已起草通报草稿 #\d+，已写入/);
    const again = cli(db);
    expect(await again.run("circular", "draft", "--period", "2026-Q2", "--docx", file, "--key", "q2")).toBe(0);
    expect(again.text()).toMatch(/已存在通报草稿 #\d+/);
    expect(await db.prisma.circular.count()).toBe(1);
    const xml = await (await JSZip.loadAsync(await readFile(file))).file("word/document.xml")!.async("string");
    expect(xml).toContain("关于2026年第二季度安全生产工作情况的通报");
    expect(xml).toContain("红旗区（68.5 分，合格）");
  });
});
