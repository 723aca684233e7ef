import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { Lang } from "../lib/i18n.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import {
  buildHazardDetailMessage,
  buildLedgerListMessage,
  buildLedgerStatsMessage,
  type LedgerListItem,
} from "../messages/hazards/ledger-messages.ts";
import type { LedgerPageRef } from "../messages/hazards/refs.ts";
import type { SlackMessage } from "../messages/mrkdwn.ts";
import { loadHazardCard } from "./hazard-card-data.ts";
import { hazardDetail, inScope, ledgerStatistics, listLedger, sectorStatistics, type LedgerScope } from "./ledger.ts";

/** Rows on one page of `/redline 隐患 列表`. */
export const LEDGER_PAGE_SIZE = 10;

type ViewOptions = { now: Date; zone: string };

/** One page of the ledger as `scope` sees it (the CLI's query: listLedger), most urgent first. */
export async function renderLedgerPage(db: Db, scope: LedgerScope, ref: LedgerPageRef, options: ViewOptions): Promise<SlackMessage> {
  const rows = await listLedger(db, scope, ref.filter, options);
  const pages = Math.max(1, Math.ceil(rows.length / LEDGER_PAGE_SIZE));
  const page = Math.min(ref.page, pages - 1);
  const shown = rows.slice(page * LEDGER_PAGE_SIZE, (page + 1) * LEDGER_PAGE_SIZE);
  const unitIds = [...new Set([...shown.map((r) => r.hazard.unitId), ...(ref.filter.unitId ? [ref.filter.unitId] : [])])];
  const [units, group] = await Promise.all([
    db.department.findMany({ where: { id: { in: unitIds } }, select: { id: true, nameZh: true, nameEn: true } }),
    ref.filter.groupId
      ? db.supervisionGroup.findUnique({ where: { id: ref.filter.groupId }, select: { nameZh: true, nameEn: true } })
      : null,
  ]);
  const names = new Map(units.map((d) => [d.id, d]));
  const items: LedgerListItem[] = shown.map(({ hazard: h, status }) => ({
    id: h.id,
    number: h.number,
    unit: names.get(h.unitId) ?? { nameZh: h.unitId, nameEn: h.unitId },
    placeName: h.placeName,
    level: h.level,
    state: h.state,
    listed: h.listed,
    deadlineDay: h.deadlineDay,
    status,
  }));
  return buildLedgerListMessage(
    {
      items,
      total: rows.length,
      pageSize: LEDGER_PAGE_SIZE,
      ref: { ...ref, page },
      unit: ref.filter.unitId ? (names.get(ref.filter.unitId) ?? null) : null,
      group,
      all: scope.all,
    },
    ref.lang,
  );
}

/** `/redline 隐患 <编号>`: the detail and timeline, for someone whose scope covers the hazard. */
export async function renderHazardDetail(
  db: Db,
  scope: LedgerScope,
  number: string,
  options: ViewOptions & { lang: Lang },
): Promise<SlackMessage> {
  const h = await hazardDetail(db, number);
  if (!h) throw new AppError(ErrorCode.NotFound, { zh: `台账中没有隐患 ${number}。`, en: `There is no hazard ${number} in the ledger.` });
  if (!inScope(scope, h))
    throw new AppError(
      ErrorCode.Forbidden,
      {
        zh: `隐患 ${number} 不属于您所在的单位，也不在您单位牵头的行业内，无法查看。`,
        en: `Hazard ${number} belongs neither to your unit nor to a sector your unit leads, so you cannot see it.`,
      },
      { details: { hazard: number } },
    );
  const { events, files, ...hazard } = h;
  const [card, venueType, finderGroup] = await Promise.all([
    loadHazardCard(db, hazard, options.now, options.zone),
    hazard.venueTypeId ? db.venueType.findUnique({ where: { id: hazard.venueTypeId }, select: { nameZh: true, nameEn: true } }) : null,
    hazard.source === "supervision_group" && hazard.sourceRef
      ? db.supervisionGroup.findUnique({ where: { id: hazard.sourceRef }, select: { nameZh: true, nameEn: true } })
      : null,
  ]);
  return buildHazardDetailMessage(
    {
      card,
      venueType,
      category: hazard.category,
      source: hazard.source,
      sourceRef: hazard.sourceRef,
      finderGroup,
      foundDay: hazard.foundDay,
      measures: hazard.measures,
      responsibility: hazard.responsibility,
      funding: hazard.funding,
      contingencyPlan: hazard.contingencyPlan,
      files: files.map((f) => ({ kind: f.kind, name: f.name, permalink: f.permalink })),
      events: events.map((e) => ({
        at: e.at,
        action: e.action,
        actorSlackUserId: e.actorSlackUserId,
        fromState: e.fromState,
        toState: e.toState,
        note: e.note,
        fileCount: e.files.length,
      })),
      zone: options.zone,
    },
    options.lang,
  );
}

/** `/redline 隐患 统计`: per unit in scope, and for each department in scope the sector it leads. */
export async function renderLedgerStats(db: Db, scope: LedgerScope, options: ViewOptions & { lang: Lang }): Promise<SlackMessage> {
  const stats = await ledgerStatistics(db, scope, options);
  // Departments lead sectors (the matrix names them); counties and universities own hazards but lead none.
  const leads = scope.all ? [] : stats.units.filter((u) => u.kind === "department");
  const sectors = await sectorStatistics(
    db,
    leads.map((l) => l.unitId),
    options,
  );
  return buildLedgerStatsMessage(
    {
      units: stats.units,
      total: stats.total,
      sector: sectors.map((s) => ({ lead: leads.find((l) => l.unitId === s.leadId)!, units: s.units, total: s.total })),
      today: localDay(options.now, options.zone),
      all: scope.all,
    },
    options.lang,
  );
}
