import type { Db } from "../db/client.ts";
import type { Lang } from "../lib/i18n.ts";
import type { AccidentListItem } from "../messages/accountability/usage-message.ts";
import type { UsageView } from "../messages/accountability/usage-message.ts";
import { listAccidents } from "./list-accidents.ts";
import { loadTargetUsage } from "./target-usage.ts";

async function names(db: Db, lang: Lang): Promise<Map<string, string>> {
  const rows = await db.department.findMany({ select: { id: true, nameZh: true, nameEn: true } });
  return new Map(rows.map((d) => [d.id, lang === "zh" ? d.nameZh : d.nameEn]));
}

/** The year's accidents as the list shows them: names in the reader's language, the 四不放过 items still open. */
export async function accidentListItems(db: Db, year: number, lang: Lang): Promise<AccidentListItem[]> {
  const [accidents, byId] = await Promise.all([listAccidents(db, { year }), names(db, lang)]);
  return accidents.map((a) => ({
    id: a.id,
    occurredOn: a.occurredOn,
    unitName: byId.get(a.departmentId) ?? a.departmentId,
    countyName: byId.get(a.countyId) ?? a.countyId,
    category: a.category,
    level: a.level,
    deaths: a.deaths,
    injuries: a.injuries,
    unitResponsible: a.unitResponsible,
    description: a.description,
    closed: a.closedAt !== null,
    openItems: a.followUps.filter((f) => f.closedAt === null).map((f) => f.item),
  }));
}

export async function usageView(db: Db, asOf: string, lang: Lang): Promise<UsageView> {
  const [report, countyNames] = await Promise.all([loadTargetUsage(db, asOf), names(db, lang)]);
  return { ...report, countyNames };
}
