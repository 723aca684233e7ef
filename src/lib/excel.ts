import { AppError, ErrorCode } from "./errors.ts";
import type ExcelJS from "exceljs";

/**
 * exceljs, loaded when a workbook is first written or read: it costs about half a second to load, which every bot
 * start and CLI command paid before, though only exports and ledger imports use it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/** An uploaded or given .xlsx file as a workbook; anything else is refused in both languages. */
export async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError(
      ErrorCode.FileInvalid,
      { zh: "无法读取该文件，请确认是 .xlsx 格式的 Excel 文件。", en: "The file could not be read; it must be an .xlsx Excel workbook." },
      { cause: e },
    );
  }
  return workbook;
}
