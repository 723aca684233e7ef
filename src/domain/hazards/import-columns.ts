import type { Bilingual } from "../../lib/i18n.ts";
import { DaySchema } from "../calendar/working-days.ts";
import type { HazardLevel, HazardState } from "./types.ts";

/**
 * The Excel ledger's columns, found by their header names (the first row). Offices name them differently, so each
 * column accepts several names; the first is what `hazard export --xlsx` writes, so an export reads back as an import.
 */
export const IMPORT_COLUMNS = {
  seq: { names: ["序号", "编号"], required: false },
  unit: { names: ["隐患单位", "责任单位", "所属单位", "单位"], required: true },
  place: { names: ["隐患地点", "地点", "场所名称", "隐患部位"], required: true },
  address: { names: ["详细地址", "地址"], required: false },
  venueType: { names: ["场所类型", "场所类别"], required: false },
  description: { names: ["隐患描述", "隐患内容", "存在问题", "隐患情况"], required: true },
  level: { names: ["隐患等级", "等级", "隐患级别"], required: true },
  category: { names: ["隐患类别", "类别", "隐患类型"], required: false },
  foundDay: { names: ["发现日期", "排查日期", "检查日期", "发现时间"], required: false },
  deadline: { names: ["整改期限", "整改时限", "限期", "整改完成时限"], required: true },
  responsible: { names: ["责任人", "整改责任人"], required: true },
  measures: { names: ["整改措施", "措施"], required: false },
  responsibility: { names: ["责任落实"], required: false },
  funding: { names: ["资金落实", "整改资金", "资金"], required: false },
  contingencyPlan: { names: ["预案落实", "应急预案", "预案"], required: false },
  status: { names: ["整改情况", "整改状态", "状态"], required: false },
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

const norm = (s: string) => s.replace(/[\s　*＊:：()（）]/g, "").toLowerCase();

/** Which sheet column (1-based) holds each field; every required column must be there, and none twice. */
export function mapHeaders(
  headers: readonly (string | null)[],
): { ok: true; columns: Partial<Record<ImportColumn, number>> } | { ok: false; errors: Bilingual[] } {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const errors: Bilingual[] = [];
  headers.forEach((raw, i) => {
    if (!raw) return;
    const h = norm(raw);
    const field = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).find((k) => IMPORT_COLUMNS[k].names.some((n) => norm(n) === h));
    if (!field) return;
    if (columns[field] !== undefined) {
      errors.push({ zh: `表头“${raw}”与第 ${columns[field]} 列重复。`, en: `Header "${raw}" repeats column ${columns[field]}.` });
      return;
    }
    columns[field] = i + 1;
  });
  for (const [field, spec] of Object.entries(IMPORT_COLUMNS) as [ImportColumn, (typeof IMPORT_COLUMNS)[ImportColumn]][]) {
    if (spec.required && columns[field] === undefined) {
      errors.push({
        zh: `缺少必需的列“${spec.names[0]}”（也可写作：${spec.names.slice(1).join("、")}）。`,
        en: `Missing the required column "${spec.names[0]}" (also accepted: ${spec.names.slice(1).join(", ")}).`,
      });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

export const LEVEL_WORDS: Record<string, HazardLevel> = {
  一般: "general",
  一般隐患: "general",
  general: "general",
  重大: "major",
  重大隐患: "major",
  major: "major",
};

/** 整改情况 as ledgers write it → the state the imported hazard starts in. */
export const STATUS_WORDS: Record<string, HazardState> = {
  未整改: "registered",
  已登记: "registered",
  待整改: "registered",
  整改中: "rectifying",
  正在整改: "rectifying",
  待验收: "awaiting_acceptance",
  已整改: "closed",
  已完成: "closed",
  已销号: "closed",
  整改完成: "closed",
};

/** A cell's day: an Excel date (exceljs gives a Date at UTC midnight), or text 2026-05-30, 2026/5/30, 2026.5.30, 2026年5月30日. */
export function readDay(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return DaySchema.safeParse(day).success ? day : null;
}

/** A cell's text: strings trimmed, numbers as written, rich text and hyperlinks by their text; empty → null. */
export function readCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText))
      return (
        v.richText
          .map((r) => r.text)
          .join("")
          .trim() || null
      );
    if (v.text !== undefined) return readCellText(v.text);
    if (v.result !== undefined) return readCellText(v.result);
  }
  return null;
}

/** Excel's column letter for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
