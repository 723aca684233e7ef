import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { absenceRecord } from "../../../src/domain/meetings/absence-record.ts";
import { buildAttendanceReport } from "../../../src/domain/meetings/build-attendance-report.ts";
import type { SignInRecord } from "../../../src/domain/meetings/types.ts";
import { absenceCsv } from "../../../src/meetings/export/absence-csv.ts";
import { ABSENCE_HEADER_ROW, absenceWorkbook } from "../../../src/meetings/export/absence-workbook.ts";
import { civil, culture, education, local, meeting, signIn } from "../../domain/meetings/factories.ts";
import { wallClock } from "./scenario.ts";

function held(id: string, title: string, startsAt: string, signIns: SignInRecord[]) {
  const start = local(startsAt);
  return buildAttendanceReport(meeting({ id, title, startsAt: start, status: "closed" }), [civil, education, culture], signIns);
}

const record = absenceRecord([
  held("a", "防汛工作会议", "2024-04-10 09:00", [
    signIn({ departmentId: "civil-affairs", slackUserId: "U_CHEN", name: "陈芳", title: "副局长" }),
    signIn({ departmentId: "education", slackUserId: "U_ZHAO", name: "赵刚", role: "head" }),
    signIn({ departmentId: "culture", slackUserId: "U_WU", name: "吴", title: "科长" }),
  ]),
  held("b", "安全生产电视电话会议", "2024-05-28 15:00", [
    signIn({ departmentId: "culture", slackUserId: "U_WU", name: "吴", title: "科长" }),
  ]),
]);

describe("absenceWorkbook", () => {
  it("lists every miss with the head, date and who came instead, and flags repeat absences", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await absenceWorkbook(record, "zh")) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("缺席记录")!;
    expect(ws.getCell("A2").value).toContain("同一季度内未本人参会 2 次及以上");
    const header = ws.getRow(ABSENCE_HEADER_ROW).values as unknown[];
    expect(header.slice(1)).toEqual([
      "主要负责人",
      "职务",
      "单位",
      "会议",
      "会议时间",
      "代参会人",
      "期间",
      "期间内未本人参会次数",
      "是否列入约谈名单",
    ]);
    const rows = [1, 2, 3].map((i) => (ws.getRow(ABSENCE_HEADER_ROW + i).values as unknown[]).slice(1));
    expect(rows).toEqual([
      ["李明", "局长", "市民政局", "防汛工作会议", wallClock(2024, 4, 10, 9, 0), "陈芳（副局长）", "2024年第2季度", 2, "是"],
      ["李明", "局长", "市民政局", "安全生产电视电话会议", wallClock(2024, 5, 28, 15, 0), "无人参会", "2024年第2季度", 2, "是"],
      ["赵刚", "局长", "市教育局", "安全生产电视电话会议", wallClock(2024, 5, 28, 15, 0), "无人参会", "2024年第2季度", 1, "否"],
    ]);
    // 文化局 has no registered head: its misses are listed, unnamed and uncounted.
    expect((ws.getRow(ABSENCE_HEADER_ROW + 4).values as unknown[])[1]).toBe("（未登记主要负责人）");

    const summons = wb.getWorksheet("约谈名单")!;
    expect(summons.rowCount).toBe(2);
    expect((summons.getRow(2).values as unknown[]).slice(1, 6)).toEqual(["李明", "局长", "市民政局", "2024年第2季度", 2]);
  });
});

describe("absenceCsv", () => {
  it("parses back with a BOM, English headers on request", () => {
    const csv = absenceCsv(record, "en");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows[0]).toEqual([
      "Principal head",
      "Title",
      "Department",
      "Meeting",
      "Meeting time",
      "Attended instead by",
      "Period",
      "Misses in period",
      "On summons list?",
    ]);
    expect(rows[1]).toEqual([
      "李明",
      "局长",
      "Civil Affairs Bureau",
      "防汛工作会议",
      "2024-04-10 09:00",
      "陈芳 (副局长)",
      "2024-Q2",
      "2",
      "Yes",
    ]);
    expect(rows.at(-1)?.[0]).toBe("(no registered head)");
    expect(rows.at(-1)?.[7]).toBe("");
  });
});
