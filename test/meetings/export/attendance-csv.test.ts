import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { attendanceCsv } from "../../../src/meetings/export/attendance-csv.ts";
import { briefings, now, report } from "./scenario.ts";

describe("attendanceCsv", () => {
  it("starts with a UTF-8 BOM so Excel reads the Chinese", () => {
    expect(attendanceCsv(report, { briefings, now }).startsWith("\uFEFF")).toBe(true);
  });

  it("parses back to one row per department with Beijing-time sign-in times", () => {
    const rows: string[][] = parse(attendanceCsv(report, { briefings, now }), { bom: true });
    expect(rows).toEqual([
      ["部门", "主要负责人", "参会人", "是否本人参会", "签到时间", "是否已传达"],
      ["卫辉市政府", "王强（市长）", "无人参会", "否（缺席）", "", "已传达（2024-05-29 10:30确认）"],
      [
        "市教育局",
        "赵刚（局长）",
        "钱伟（副局长）",
        "否（他人代参会）",
        "2024-05-28 14:12",
        "逾期未确认（截止2024-05-30 18:00；未确认：主要负责人）",
      ],
      ["市民政局", "李明（局长）", "李明（局长）", "是", "2024-05-28 14:05", "不适用（本人参会）"],
      ["市文化局", "未登记主要负责人", "无人参会", "否（缺席）", "", "未开启传达确认"],
    ]);
  });

  it("uses English headers for lang en", () => {
    const [header] = parse(attendanceCsv(report, { briefings, now }, "en"), { bom: true }) as string[][];
    expect(header).toEqual(["Department", "Principal head", "Attended by", "Head in person?", "Signed in at", "Briefed?"]);
  });
});
