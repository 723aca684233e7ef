import type ExcelJS from "exceljs";

/**
 * exceljs, loaded when a workbook is first written or read: it costs about half a second to load, which every bot
 * start and CLI command paid before, though only exports and ledger imports use it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
