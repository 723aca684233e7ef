import { mapColumns } from "../sheets/sheet-columns.ts";
import type { HazardLevel, HazardState } from "./types.ts";

export { columnLetter, readCellText, readDay } from "../sheets/sheet-columns.ts";

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

/** Which sheet column (1-based) holds each field; every required column must be there, and none twice. */
export function mapHeaders(headers: readonly (string | null)[]) {
  return mapColumns(headers, IMPORT_COLUMNS);
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
