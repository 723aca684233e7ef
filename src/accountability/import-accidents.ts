import { loadWorkbook } from "../lib/excel.ts";
import type { Db } from "../db/client.ts";
import { columnLetter, mapColumns, readCellText, readDay } from "../domain/sheets/sheet-columns.ts";
import { normalizeText } from "../domain/matrix/normalize.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Bilingual } from "../lib/i18n.ts";
import { contentKey, ZAccidentInput, type TAccidentInput } from "./accident-input.ts";
import { recordAccident } from "./record-accident.ts";

/**
 * The accident sheet's columns, found by their header names; the first name is the one offices' 事故统计表 use most.
 * 类别 and 等级 take the ids or the Chinese/English names the form offers; 单位责任 takes 是/否 (yes/no).
 */
export const ACCIDENT_COLUMNS = {
  occurredOn: { names: ["发生日期", "日期", "事故日期", "date"], required: true },
  departmentId: { names: ["责任单位", "单位", "unit"], required: true },
  countyId: { names: ["发生地", "县（市）区", "县区", "属地", "county"], required: true },
  category: { names: ["事故类别", "类别", "category"], required: true },
  level: { names: ["事故等级", "等级", "级别", "level"], required: true },
  deaths: { names: ["死亡人数", "死亡", "deaths"], required: true },
  injuries: { names: ["受伤人数", "受伤", "injuries"], required: false },
  description: { names: ["简要情况", "事故简况", "事故经过", "description"], required: true },
  unitResponsible: { names: ["单位责任", "是否认定单位责任", "responsible"], required: false },
} as const;
type AccidentColumn = keyof typeof ACCIDENT_COLUMNS;

const YES = new Set(["是", "有", "y", "yes", "true", "1", "认定"]);
const NO = new Set(["否", "无", "n", "no", "false", "0", "未认定"]);

export interface AccidentImportResult {
  /** Rows read (the header and empty rows not counted). */
  rows: number;
  created: string[];
  /** Rows recorded by an earlier import or the same accident entered already: nothing added again. */
  alreadyRecorded: string[];
}

interface Problem {
  row: number;
  column: string | null;
  message: Bilingual;
}

function fail(problems: Problem[]): AppError {
  const where = (p: Problem, lang: "zh" | "en") =>
    `${p.row > 0 ? (lang === "zh" ? `第 ${p.row} 行` : `row ${p.row}`) : ""}${p.column ? ` ${p.column}` : ""}`.trim();
  const lines = (lang: "zh" | "en") =>
    problems
      .slice(0, 50)
      .map((p) => (where(p, lang) ? `${where(p, lang)}: ${p.message[lang]}` : p.message[lang]))
      .join("\n") +
    (problems.length > 50 ? (lang === "zh" ? `\n……共 ${problems.length} 处问题` : `\n… ${problems.length} problems in all`) : "");
  return new AppError(ErrorCode.FileInvalid, {
    zh: `事故表有 ${problems.length} 处问题，未登记任何一起：\n${lines("zh")}`,
    en: `The accident sheet has ${problems.length} problem(s); nothing was recorded:\n${lines("en")}`,
  });
}

/**
 * Reads an Excel sheet of accidents by its header names and checks every row (date, unit and county in the directory,
 * category, level, counts) before recording any; a sheet with a problem records nothing and names each row, column
 * and what is wrong. Each row is then recorded as `accident add` would record it, under the same content key: the same
 * sheet imported again, or a row the office already entered, adds nothing, and an import cut off half-way is finished
 * by running it again.
 */
export async function importAccidents(
  db: Db,
  file: Buffer,
  options: { actor: string; now: Date; today: string },
): Promise<AccidentImportResult> {
  const workbook = await loadWorkbook(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fail([{ row: 0, column: null, message: { zh: "工作簿中没有工作表。", en: "The workbook has no sheet." } }]);
  const headerRow = sheet.getRow(1);
  const headers: (string | null)[] = [];
  for (let c = 1; c <= Math.max(headerRow.cellCount, sheet.columnCount); c++) headers.push(readCellText(headerRow.getCell(c).value));
  const mapped = mapColumns(headers, ACCIDENT_COLUMNS);
  if (!mapped.ok) throw fail(mapped.errors.map((message) => ({ row: 1, column: null, message })));
  const columns = mapped.columns;
  const columnName = (field: AccidentColumn) => `${columnLetter(columns[field]!)}（${headers[columns[field]! - 1]}）`;

  const departments = await db.department.findMany({ select: { id: true, nameZh: true, nameEn: true, kind: true } });
  const byName = new Map<string, (typeof departments)[number]>();
  for (const d of departments) for (const key of [d.id, d.nameZh, d.nameEn]) byName.set(normalizeText(key), d);

  const problems: Problem[] = [];
  const inputs: { row: number; input: TAccidentInput }[] = [];
  let rows = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (field: AccidentColumn) => (columns[field] === undefined ? null : row.getCell(columns[field]!).value);
    const text = (field: AccidentColumn) => readCellText(cell(field));
    const fields = Object.keys(ACCIDENT_COLUMNS) as AccidentColumn[];
    if (fields.every((f) => text(f) === null)) continue;
    rows++;
    const problem = (field: AccidentColumn, message: Bilingual) => problems.push({ row: r, column: columnName(field), message });

    const dayText = text("occurredOn");
    const day = readDay(cell("occurredOn"));
    if (dayText && !day)
      problem("occurredOn", { zh: `“${dayText}”不是日期（如 2026-05-12）。`, en: `"${dayText}" is not a date (e.g. 2026-05-12).` });
    else if (day && day > options.today) problem("occurredOn", { zh: "发生日期不能晚于今天。", en: "The day cannot be after today." });
    const unitText = text("departmentId");
    const unit = unitText ? byName.get(normalizeText(unitText)) : undefined;
    if (unitText && !unit) problem("departmentId", { zh: `名录中没有单位“${unitText}”。`, en: `No unit "${unitText}" in the directory.` });
    const countyText = text("countyId");
    const county = countyText ? byName.get(normalizeText(countyText)) : undefined;
    if (countyText && county?.kind !== "county_district")
      problem("countyId", {
        zh: `“${countyText}”不是名录中的县（市）、区。`,
        en: `"${countyText}" is not a county or district in the directory.`,
      });
    const responsibleText = text("unitResponsible");
    const responsible =
      responsibleText === null
        ? false
        : YES.has(responsibleText.toLowerCase())
          ? true
          : NO.has(responsibleText.toLowerCase())
            ? false
            : null;
    if (responsible === null)
      problem("unitResponsible", { zh: `“${responsibleText}”应为“是”或“否”。`, en: `"${responsibleText}" must be 是 (yes) or 否 (no).` });

    const parsed = ZAccidentInput.safeParse({
      occurredOn: day ?? dayText ?? "",
      departmentId: unit?.id ?? unitText ?? "",
      countyId: county?.id ?? countyText ?? "",
      category: text("category") ?? "",
      level: text("level") ?? "",
      deaths: text("deaths") ?? "",
      injuries: text("injuries") ?? "0",
      description: text("description") ?? "",
      unitResponsible: responsible ?? false,
    });
    if (parsed.success) {
      inputs.push({ row: r, input: parsed.data });
      continue;
    }
    // Fields already named above (a date that is no date, a unit not in the directory) are not named twice.
    const named = new Set(problems.filter((p) => p.row === r).map((p) => p.column));
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as AccidentColumn;
      if (!(field in ACCIDENT_COLUMNS)) continue;
      const column = columns[field] === undefined ? ACCIDENT_COLUMNS[field].names[0] : columnName(field);
      if (named.has(column)) continue;
      named.add(column);
      problems.push({ row: r, column, message: { zh: issue.message, en: issue.message } });
    }
  }
  if (problems.length) throw fail(problems);
  if (!rows) throw fail([{ row: 0, column: null, message: { zh: "表中没有事故。", en: "The sheet lists no accident." } }]);

  const result: AccidentImportResult = { rows, created: [], alreadyRecorded: [] };
  for (const { input } of inputs) {
    const { accident, created } = await recordAccident(db, input, { sourceKey: contentKey(input), actor: options.actor, now: options.now });
    (created ? result.created : result.alreadyRecorded).push(accident.id);
  }
  return result;
}
