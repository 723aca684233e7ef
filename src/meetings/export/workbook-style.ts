import type ExcelJS from "exceljs";

export function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.border = { bottom: { style: "thin" } };
  });
}

/** exceljs types its result as an ArrayBuffer-like; in Node it is a Buffer already. */
export function toNodeBuffer(data: ArrayBuffer | Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data));
}
