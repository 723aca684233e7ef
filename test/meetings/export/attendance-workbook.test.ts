import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ATTENDANCE_HEADER_ROW, attendanceWorkbook } from "../../../src/meetings/export/attendance-workbook.ts";
import { briefings, now, report, wallClock } from "./scenario.ts";

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return [1, 2, 3, 4, 5, 6].map((c) => ws.getCell(n, c).value);
}

function rowOf(ws: ExcelJS.Worksheet, department: string): number {
  for (let r = ATTENDANCE_HEADER_ROW + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === department) return r;
  throw new Error(`no row for ${department}`);
}

describe("attendanceWorkbook", () => {
  it("writes the 签到表 with a title block, headers and a frozen header row", async () => {
    const wb = await load(await attendanceWorkbook(report, { briefings, now }, "zh"));
    const ws = wb.getWorksheet("签到表");
    if (!ws) throw new Error("no 签到表 sheet");
    expect(ws.getCell("A1").value).toBe("全市安全生产工作电视电话会议 签到表");
    expect(ws.getCell("A2").value).toBe("会议时间");
    // A real date, showing 15:00 Beijing time.
    expect(ws.getCell("B2").value).toEqual(wallClock(2024, 5, 28, 15, 0));
    expect(ws.getCell("B2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(ws.getCell("B3").value).toBe("2024年5月28日 14:00 至 15:30（北京时间）");
    expect(ws.getCell("B4").value).toBe("应到 4 个单位：主要负责人本人参会 1 个，他人代参会 1 个，缺席 2 个；1 个单位未登记主要负责人");
    expect(rowValues(ws, ATTENDANCE_HEADER_ROW)).toEqual(["部门", "主要负责人", "参会人", "是否本人参会", "签到时间", "是否已传达"]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: ATTENDANCE_HEADER_ROW });
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(ws.rowCount).toBe(ATTENDANCE_HEADER_ROW + 4);
  });

  it("has a row for a head who came in person", async () => {
    const ws = (await load(await attendanceWorkbook(report, { briefings, now }, "zh"))).getWorksheet("签到表")!;
    expect(rowValues(ws, rowOf(ws, "市民政局"))).toEqual([
      "市民政局",
      "李明（局长）",
      "李明（局长）",
      "是",
      wallClock(2024, 5, 28, 14, 5),
      "不适用（本人参会）",
    ]);
  });

  it("has a row naming the absent head and the deputy who came, with the overdue briefing", async () => {
    const ws = (await load(await attendanceWorkbook(report, { briefings, now }, "zh"))).getWorksheet("签到表")!;
    expect(rowValues(ws, rowOf(ws, "市教育局"))).toEqual([
      "市教育局",
      "赵刚（局长）",
      "钱伟（副局长）",
      "否（他人代参会）",
      wallClock(2024, 5, 28, 14, 12),
      "逾期未确认（截止2024-05-30 18:00；未确认：主要负责人）",
    ]);
  });

  it("has rows for departments absent entirely, including one without a registered head", async () => {
    const ws = (await load(await attendanceWorkbook(report, { briefings, now }, "zh"))).getWorksheet("签到表")!;
    expect(rowValues(ws, rowOf(ws, "卫辉市政府"))).toEqual([
      "卫辉市政府",
      "王强（市长）",
      "无人参会",
      "否（缺席）",
      null,
      "已传达（2024-05-29 10:30确认）",
    ]);
    expect(rowValues(ws, rowOf(ws, "市文化局"))).toEqual([
      "市文化局",
      "未登记主要负责人",
      "无人参会",
      "否（缺席）",
      null,
      "未开启传达确认",
    ]);
    // Counties and districts come first.
    expect(rowOf(ws, "卫辉市政府")).toBe(ATTENDANCE_HEADER_ROW + 1);
  });

  it("writes English headers and text when asked", async () => {
    const wb = await load(await attendanceWorkbook(report, { briefings, now }, "en"));
    const ws = wb.worksheets[0]!;
    expect(rowValues(ws, ATTENDANCE_HEADER_ROW)).toEqual([
      "Department",
      "Principal head",
      "Attended by",
      "Head in person?",
      "Signed in at",
      "Briefed?",
    ]);
    expect(rowValues(ws, rowOf(ws, "Education Bureau")).slice(0, 4)).toEqual([
      "Education Bureau",
      "赵刚 (局长)",
      "钱伟 (副局长)",
      "No (attended by deputy)",
    ]);
  });
});
