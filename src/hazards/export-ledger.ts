import type ExcelJS from "exceljs";
import type { Db } from "../db/client.ts";
import { HAZARD_COLOUR_NAMES } from "../domain/hazards/colour.ts";
import { IMPORT_COLUMNS } from "../domain/hazards/import-columns.ts";
import { formatRate } from "../domain/hazards/ledger.ts";
import { HAZARD_LEVEL_NAMES, HAZARD_STATE_NAMES } from "../domain/hazards/types.ts";
import { localClock, localDay } from "../domain/calendar/office-hours.ts";
import type { HazardSettings } from "../domain/hazards/settings.ts";
import { ledgerStatistics, listLedger, type LedgerScope } from "./ledger.ts";
import { loadExcel } from "../lib/excel.ts";

const SOURCE_NAMES: Record<string, string> = {
  self_inspection: "自查",
  campaign: "专项行动",
  supervision_group: "督导组检查",
  imported: "台账导入",
};

/** The hazards sheet's columns: the import's header names where the field is imported, so an export reads back. */
export const EXPORT_COLUMNS = [
  { header: "编号", width: 15 },
  { header: IMPORT_COLUMNS.unit.names[0], width: 16 },
  { header: IMPORT_COLUMNS.place.names[0], width: 22 },
  { header: IMPORT_COLUMNS.address.names[0], width: 22 },
  { header: IMPORT_COLUMNS.venueType.names[0], width: 12 },
  { header: "牵头部门", width: 16 },
  { header: "属地", width: 12 },
  { header: IMPORT_COLUMNS.description.names[0], width: 40 },
  { header: IMPORT_COLUMNS.level.names[0], width: 10 },
  { header: IMPORT_COLUMNS.category.names[0], width: 10 },
  { header: "发现方式", width: 10 },
  { header: IMPORT_COLUMNS.foundDay.names[0], width: 12 },
  { header: IMPORT_COLUMNS.deadline.names[0], width: 12 },
  { header: IMPORT_COLUMNS.responsible.names[0], width: 14 },
  { header: IMPORT_COLUMNS.measures.names[0], width: 30 },
  { header: IMPORT_COLUMNS.responsibility.names[0], width: 16 },
  { header: IMPORT_COLUMNS.funding.names[0], width: 16 },
  { header: IMPORT_COLUMNS.contingencyPlan.names[0], width: 16 },
  { header: IMPORT_COLUMNS.status.names[0], width: 10 },
  { header: "挂牌督办", width: 8 },
  { header: "督办颜色", width: 8 },
  { header: "逾期工作日", width: 10 },
  { header: "最近处理", width: 30 },
] as const;

export const STATS_COLUMNS = ["单位", "发现隐患", "已整改销号", "整改率", "未销号", "逾期", "重大隐患", "挂牌督办"] as const;

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.border = { bottom: { style: "thin" } };
  });
}

/** Days stay text (YYYY-MM-DD): what the office typed, with no time zone for Excel to shift. */
export async function exportHazardLedger(
  db: Db,
  scope: LedgerScope,
  options: { now: Date; zone: string; settings?: HazardSettings },
): Promise<Buffer> {
  const rows = await listLedger(db, scope, { includeClosed: true }, options);
  rows.sort((a, b) => a.hazard.year - b.hazard.year || a.hazard.seq - b.hazard.seq);
  const [departments, venueTypes, lastEvents, groups] = await Promise.all([
    db.department.findMany({ select: { id: true, nameZh: true, kind: true } }),
    db.venueType.findMany({ select: { id: true, nameZh: true } }),
    db.hazardEvent.findMany({
      where: { hazardId: { in: rows.map((r) => r.hazard.id) } },
      orderBy: { id: "desc" },
      distinct: ["hazardId"],
      select: { hazardId: true, at: true, action: true, note: true },
    }),
    db.supervisionGroup.findMany({ select: { id: true, nameZh: true } }),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.nameZh]));
  // 督导组检查（第一督导组）: a group's finding names the group that found it (a deleted group's id stands in).
  const foundBy = (h: { source: string; sourceRef: string | null }) =>
    h.source === "supervision_group" && h.sourceRef
      ? `${SOURCE_NAMES[h.source]}（${groupName.get(h.sourceRef) ?? h.sourceRef}）`
      : (SOURCE_NAMES[h.source] ?? h.source);
  const dept = new Map(departments.map((d) => [d.id, d]));
  const venue = new Map(venueTypes.map((v) => [v.id, v.nameZh]));
  const last = new Map(lastEvents.map((e) => [e.hazardId, e]));
  const ACTION_ZH: Record<string, string> = {
    register: "登记",
    start_rectification: "开始整改",
    submit_rectification: "提交整改",
    accept: "验收通过",
    return: "退回",
    list: "挂牌督办",
    delist: "摘牌销号",
    progress_report: "督办进展",
    interview: "约谈",
    note: "备注",
  };

  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = "redline";
  workbook.created = options.now;
  const sheet = workbook.addWorksheet("隐患台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  styleHeader(sheet.getRow(1));
  for (const { hazard: h, status } of rows) {
    const unit = dept.get(h.unitId);
    const e = last.get(h.id);
    sheet.addRow([
      h.number,
      unit?.nameZh ?? h.unitId,
      h.placeName,
      h.placeAddress ?? "",
      h.venueTypeId ? (venue.get(h.venueTypeId) ?? h.venueTypeId) : "其他",
      h.leadDepartmentId ? (dept.get(h.leadDepartmentId)?.nameZh ?? h.leadDepartmentId) : "未列明（三管三必须，安委办督办）",
      unit?.kind === "county_district" ? unit.nameZh : "",
      h.description,
      HAZARD_LEVEL_NAMES[h.level].zh.replace("隐患", ""),
      h.category ?? "",
      foundBy(h),
      h.foundDay,
      h.deadlineDay,
      h.responsibleName ?? (h.responsibleSlackUserId ? `<@${h.responsibleSlackUserId}>` : ""),
      h.measures ?? "",
      h.responsibility ?? "",
      h.funding ?? "",
      h.contingencyPlan ?? "",
      HAZARD_STATE_NAMES[h.state].zh,
      h.listed && h.state !== "closed" ? "是" : "否",
      HAZARD_COLOUR_NAMES[status.colour].zh,
      status.overdueWorkingDays,
      e
        ? `${localDay(e.at, options.zone)} ${localClock(e.at, options.zone)} ${ACTION_ZH[e.action] ?? e.action}${e.note ? `：${e.note}` : ""}`
        : "",
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };

  const stats = await ledgerStatistics(db, scope, options);
  const statsSheet = workbook.addWorksheet("统计", { views: [{ state: "frozen", ySplit: 1 }] });
  statsSheet.columns = STATS_COLUMNS.map((header, i) => ({ header, width: i === 0 ? 18 : 11 }));
  styleHeader(statsSheet.getRow(1));
  for (const s of [...stats.units, { ...stats.total, nameZh: "合计" }]) {
    statsSheet.addRow([s.nameZh, s.found, s.rectified, formatRate(s.rate), s.open, s.overdue, s.major, s.listed]);
  }
  statsSheet.lastRow!.font = { bold: true };
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
}
