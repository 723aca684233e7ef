import { createHash } from "node:crypto";
import type { Db } from "../db/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import {
  columnLetter,
  IMPORT_COLUMNS,
  LEVEL_WORDS,
  mapHeaders,
  readCellText,
  readDay,
  STATUS_WORDS,
  type ImportColumn,
} from "../domain/hazards/import-columns.ts";
import { routeHazard } from "../domain/hazards/route-hazard.ts";
import type { HazardState } from "../domain/hazards/types.ts";
import { normalizeText } from "../domain/matrix/normalize.ts";
import type { MatrixVenueType } from "../domain/matrix/types.ts";
import { AppError, ErrorCode, isAppError } from "../lib/errors.ts";
import type { Bilingual } from "../lib/i18n.ts";
import { loadMatrix } from "../matrix/load-matrix.ts";
import type { RegisterHazardInput } from "./hazard-input.ts";
import { insertHazard, parseRegisterInput, type ParsedHazardInput } from "./register-hazard.ts";
import { loadWorkbook } from "../lib/excel.ts";

export interface ImportProblem {
  /** The sheet row (1 = the header row). */
  row: number;
  /** "C（隐患地点）"; null for a problem with the sheet as a whole. */
  column: string | null;
  message: Bilingual;
}

export interface ImportResult {
  /** Rows read (the header and empty rows not counted). */
  rows: number;
  created: string[];
  /** Rows whose hazard (same unit, place, description, day found) is already in the ledger: nothing written again. */
  alreadyImported: string[];
}

/** Which input field (as `parseRegisterInput` names them) belongs to which sheet column. */
const FIELD_COLUMN: Record<string, ImportColumn> = {
  unitId: "unit",
  placeName: "place",
  placeAddress: "address",
  venueTypeId: "venueType",
  description: "description",
  level: "level",
  category: "category",
  foundDay: "foundDay",
  deadlineDay: "deadline",
  responsibleSlackUserId: "responsible",
  responsibleName: "responsible",
  measures: "measures",
  responsibility: "responsibility",
  funding: "funding",
  contingencyPlan: "contingencyPlan",
};

const SLACK_USER = /^(?:<@)?([UW][A-Z0-9]{6,})>?$/;

interface Prepared {
  row: number;
  h: ParsedHazardInput;
  unit: { id: string };
  venue: MatrixVenueType | null;
  route: Extract<ReturnType<typeof routeHazard>, { outcome: "routed" }>;
  state: HazardState;
  statusText: string | null;
}

function fail(problems: ImportProblem[]): AppError {
  const lines = (lang: "zh" | "en") =>
    problems
      .slice(0, 50)
      .map((p) =>
        p.row > 0
          ? `${lang === "zh" ? `第 ${p.row} 行` : `row ${p.row}`}${p.column ? ` ${p.column}` : ""}: ${p.message[lang]}`
          : p.message[lang],
      )
      .join("\n") +
    (problems.length > 50 ? (lang === "zh" ? `\n……共 ${problems.length} 处问题` : `\n… ${problems.length} problems in all`) : "");
  return new AppError(
    ErrorCode.FileInvalid,
    {
      zh: `台账有 ${problems.length} 处问题，未导入任何一行：\n${lines("zh")}`,
      en: `The ledger has ${problems.length} problem(s); nothing was imported:\n${lines("en")}`,
    },
    { details: { problems } },
  );
}

/**
 * Reads an Excel 隐患台账 by its header names, validates every row first (unit, place, level, dates, the responsible
 * person, the venue type and its routing by the matrix) and writes nothing unless all rows are valid; then writes all
 * of them in one transaction. Each row's key is its hazard (unit, place, description, day found), so importing the
 * same ledger again — or an updated copy — adds nothing twice. Problems name the row, the column and what is wrong.
 */
export async function importHazardLedger(
  db: Db,
  file: Buffer,
  options: { fileName: string; actor: string; now: Date; today: string; dryRun?: boolean },
): Promise<ImportResult> {
  const workbook = await loadWorkbook(file);
  const sheet = workbook.getWorksheet("隐患台账") ?? workbook.worksheets[0];
  if (!sheet) throw fail([{ row: 0, column: null, message: { zh: "工作簿中没有工作表。", en: "The workbook has no sheet." } }]);

  const headerRow = sheet.getRow(1);
  const headers: (string | null)[] = [];
  for (let c = 1; c <= Math.max(headerRow.cellCount, sheet.columnCount); c++) headers.push(readCellText(headerRow.getCell(c).value));
  const mapped = mapHeaders(headers);
  if (!mapped.ok) throw fail(mapped.errors.map((message) => ({ row: 1, column: null, message })));
  const columns = mapped.columns;
  const columnName = (field: ImportColumn) => `${columnLetter(columns[field]!)}（${headers[columns[field]! - 1]}）`;

  const [departments, matrix] = await Promise.all([
    db.department.findMany({ select: { id: true, nameZh: true, nameEn: true, kind: true } }),
    loadMatrix(db),
  ]);
  const units = new Map<string, (typeof departments)[number]>();
  for (const d of departments) if (d.kind !== "office") for (const key of [d.id, d.nameZh, d.nameEn]) units.set(normalizeText(key), d);
  const venues = new Map<string, MatrixVenueType>();
  // A venue type's own id and names first, then aliases: a name one type uses is never taken by another's alias.
  for (const v of matrix.venueTypes)
    for (const key of [v.id, v.nameZh, v.nameEn]) if (!venues.has(normalizeText(key))) venues.set(normalizeText(key), v);
  for (const v of matrix.venueTypes) for (const key of v.aliases) if (!venues.has(normalizeText(key))) venues.set(normalizeText(key), v);

  const fileKey = createHash("sha256").update(file).digest("hex").slice(0, 16);
  const problems: ImportProblem[] = [];
  const prepared: Prepared[] = [];
  let rows = 0;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (field: ImportColumn) => (columns[field] === undefined ? null : row.getCell(columns[field]!).value);
    const text = (field: ImportColumn) => readCellText(cell(field));
    const fields = Object.keys(IMPORT_COLUMNS) as ImportColumn[];
    if (fields.filter((f) => f !== "seq").every((f) => text(f) === null)) continue;
    rows++;
    const before = problems.length;
    const problem = (field: ImportColumn, message: Bilingual) => problems.push({ row: r, column: columnName(field), message });

    const unitText = text("unit");
    const unit = unitText ? units.get(normalizeText(unitText)) : undefined;
    if (unitText && !unit) problem("unit", { zh: `通讯录中没有单位“${unitText}”。`, en: `No unit "${unitText}" in the directory.` });
    const venueText = text("venueType");
    const venue = venueText ? (venues.get(normalizeText(venueText)) ?? null) : null;
    if (venueText && !venue && !/^(其他|其它|other|无)$/i.test(venueText)) {
      problem("venueType", {
        zh: `责任清单中没有场所类型“${venueText}”（不在清单中的请写“其他”）。`,
        en: `The matrix has no venue type "${venueText}" (write "其他" for a place it does not list).`,
      });
    }
    const levelText = text("level");
    const level = levelText ? LEVEL_WORDS[levelText.replace(/\s/g, "").toLowerCase()] : undefined;
    if (levelText && !level)
      problem("level", {
        zh: `隐患等级“${levelText}”应为“一般”或“重大”。`,
        en: `Level "${levelText}" must be 一般 (general) or 重大 (major).`,
      });
    const deadlineRaw = cell("deadline");
    const deadline = readDay(deadlineRaw);
    if (readCellText(deadlineRaw) !== null && !deadline)
      problem("deadline", {
        zh: `“${readCellText(deadlineRaw)}”不是日期（如 2026-05-30）。`,
        en: `"${readCellText(deadlineRaw)}" is not a date (e.g. 2026-05-30).`,
      });
    const foundRaw = cell("foundDay");
    const foundDay = readCellText(foundRaw) === null ? options.today : readDay(foundRaw);
    if (!foundDay)
      problem("foundDay", {
        zh: `“${readCellText(foundRaw)}”不是日期（如 2026-05-06）。`,
        en: `"${readCellText(foundRaw)}" is not a date (e.g. 2026-05-06).`,
      });
    else if (foundDay > options.today) problem("foundDay", { zh: "发现日期不能晚于今天。", en: "The day found cannot be after today." });
    const statusText = text("status");
    const state = statusText ? STATUS_WORDS[statusText.replace(/\s/g, "")] : "registered";
    if (!state)
      problem("status", {
        zh: `整改情况“${statusText}”无法识别（可写：${Object.keys(STATUS_WORDS).join("、")}）。`,
        en: `Status "${statusText}" is not one of: ${Object.keys(STATUS_WORDS).join(", ")}.`,
      });
    const responsible = text("responsible");
    const slackUser = responsible ? SLACK_USER.exec(responsible)?.[1] : undefined;

    const input: RegisterHazardInput = {
      unitId: unit?.id ?? "",
      placeName: text("place") ?? "",
      placeAddress: text("address"),
      venueTypeId: venue?.id ?? null,
      description: text("description") ?? "",
      level: level ?? "general",
      category: text("category"),
      source: "imported",
      sourceRef: options.fileName.slice(0, 200),
      foundBySlackUserId: options.actor,
      foundDay: foundDay ?? options.today,
      deadlineDay: deadline ?? foundDay ?? options.today,
      responsibleSlackUserId: slackUser ?? null,
      responsibleName: slackUser ? null : responsible,
      measures: text("measures"),
      responsibility: text("responsibility"),
      funding: text("funding"),
      contingencyPlan: text("contingencyPlan"),
      // The hazard itself (unit, place, description, day found) is the key: the same ledger again, or an updated copy
      // of it, adds nothing twice, whatever the file or row.
      clientKey: `import:${createHash("sha256")
        .update(JSON.stringify([unit?.id, text("place"), text("description"), foundDay]))
        .digest("hex")
        .slice(0, 32)}`,
    };
    // Required cells left empty, and what the registration's own schema refuses (lengths, deadline before found).
    for (const field of ["unit", "place", "description", "level", "deadline", "responsible"] as const) {
      if (text(field) === null) problem(field, { zh: "此项为必填项。", en: "This cell is required." });
    }
    if (problems.length > before) continue;
    let h: ParsedHazardInput;
    try {
      h = parseRegisterInput(input);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const field = FIELD_COLUMN[String(e.details?.field ?? "")];
      problems.push({ row: r, column: field ? columnName(field) : null, message: e.userMessage });
      continue;
    }
    const route = routeHazard({ id: unit!.id, kind: unit!.kind }, venue, `${h.placeName} ${h.placeAddress ?? ""} ${h.description}`);
    if (route.outcome === "ambiguous") {
      problem("venueType", {
        zh: `“${venue!.nameZh}”的牵头部门取决于场所性质（${route.leads.map((l) => l.scopeZh ?? l.departmentNameZh).join("、")}），请在隐患地点中写明。`,
        en: `Who leads for "${venue!.nameEn}" depends on the kind of place (${route.leads.map((l) => l.scopeEn ?? l.departmentNameEn).join(", ")}); say which in the place.`,
      });
      continue;
    }
    prepared.push({ row: r, h, unit: unit!, venue, route, state: state!, statusText });
  }
  if (rows === 0 && problems.length === 0)
    problems.push({ row: 0, column: null, message: { zh: "表中没有可导入的行。", en: "The sheet has no rows to import." } });
  if (problems.length) throw fail(problems);

  const result: ImportResult = { rows, created: [], alreadyImported: [] };
  if (options.dryRun) return result;
  await db.$transaction(
    async (tx) => {
      for (const p of prepared) {
        const existing = await tx.hazard.findUnique({ where: { clientKey: p.h.clientKey! }, select: { number: true } });
        if (existing) {
          result.alreadyImported.push(existing.number);
          continue;
        }
        const hazard = await insertHazard(tx, p, options.now);
        if (p.state !== "registered") {
          await tx.hazard.update({
            where: { id: hazard.id },
            data: {
              state: p.state,
              version: { increment: 1 },
              ...(p.state === "closed" ? { closedAt: options.now } : {}),
              ...(p.state === "awaiting_acceptance" ? { submittedAt: options.now } : {}),
            },
          });
          await tx.hazardEvent.create({
            data: {
              hazardId: hazard.id,
              at: options.now,
              actorSlackUserId: options.actor,
              action: "note",
              fromState: "registered",
              toState: p.state,
              note: `台账导入：整改情况“${p.statusText}” / imported with status "${p.statusText}"`,
              detail: { importedFrom: options.fileName, row: p.row },
            },
          });
        }
        result.created.push(hazard.number);
      }
      await recordAudit(tx, {
        actor: options.actor,
        action: "hazard.import",
        outcome: "ok",
        subject: `file:${options.fileName.slice(0, 200)}`,
        detail: { rows, created: result.created.length, alreadyImported: result.alreadyImported.length, fileKey },
        at: options.now,
      });
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  return result;
}
