import type { Bilingual, Lang } from "../../lib/i18n.ts";

/**
 * Accident categories the office counts against control targets. The speech reports 工矿商贸 and
 * 生产经营性道路交通; the rest follow the usual provincial statistics table. Ids are what files and the CLI use.
 */
export const ACCIDENT_CATEGORIES = [
  { id: "industry-trade", zh: "工矿商贸", en: "Industry, mining and trade", aliases: ["工矿商贸事故"] },
  { id: "road-traffic", zh: "生产经营性道路交通", en: "Commercial road traffic", aliases: ["道路交通", "生产经营性道路交通事故"] },
  { id: "fire", zh: "火灾", en: "Fire", aliases: ["火灾事故"] },
  { id: "water-traffic", zh: "水上交通", en: "Water traffic", aliases: [] },
  { id: "railway", zh: "铁路交通", en: "Railway traffic", aliases: [] },
  { id: "agricultural-machinery", zh: "农业机械", en: "Agricultural machinery", aliases: ["农机"] },
  { id: "special-equipment", zh: "特种设备", en: "Special equipment", aliases: [] },
  { id: "construction", zh: "建筑施工", en: "Construction", aliases: [] },
  { id: "hazardous-chemicals", zh: "危险化学品", en: "Hazardous chemicals", aliases: ["危化品"] },
  { id: "other", zh: "其他", en: "Other", aliases: [] },
] as const;

export type AccidentCategoryId = (typeof ACCIDENT_CATEGORIES)[number]["id"];
export const CATEGORY_IDS = ACCIDENT_CATEGORIES.map((c) => c.id) as [AccidentCategoryId, ...AccidentCategoryId[]];

/** 一般 / 较大 / 重大 / 特别重大, by the deaths/injuries bands of the State Council's accident regulation (条例 第三条). */
export const ACCIDENT_LEVELS = [
  { id: "general", zh: "一般", en: "general" },
  { id: "larger", zh: "较大", en: "larger" },
  { id: "major", zh: "重大", en: "major" },
  { id: "especially_major", zh: "特别重大", en: "especially major" },
] as const;
export type AccidentLevelId = (typeof ACCIDENT_LEVELS)[number]["id"];
export const LEVEL_IDS = ACCIDENT_LEVELS.map((l) => l.id) as [AccidentLevelId, ...AccidentLevelId[]];

export function categoryName(id: string, lang: Lang): string {
  const c = ACCIDENT_CATEGORIES.find((x) => x.id === id);
  return c ? c[lang] : id;
}

export function levelName(id: string, lang: Lang): string {
  const l = ACCIDENT_LEVELS.find((x) => x.id === id);
  return l ? l[lang] : id;
}

/** A category from what a person typed: its id, its Chinese or English name, or an alias. */
export function findCategory(text: string): AccidentCategoryId | undefined {
  const t = text.trim().toLowerCase();
  return ACCIDENT_CATEGORIES.find(
    (c) => c.id === t || c.zh === t || c.en.toLowerCase() === t || (c.aliases as readonly string[]).includes(t),
  )?.id;
}

export function findLevel(text: string): AccidentLevelId | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, "_");
  return ACCIDENT_LEVELS.find((l) => l.id === t || l.zh === text.trim() || l.en.replace(/ /g, "_") === t)?.id;
}

/** The four 四不放过 items, in the order the speech lists them. */
export const FOLLOW_UP_ITEMS = [
  { id: "cause", zh: "事故原因查清楚", en: "Cause established" },
  { id: "people", zh: "责任人受到处理", en: "Responsible people dealt with" },
  { id: "education", zh: "职工群众受到教育", en: "Staff and public educated" },
  { id: "measures", zh: "防范整改措施落实", en: "Preventive measures in place" },
] as const satisfies readonly (Bilingual & { id: string })[];
export type FollowUpItemId = (typeof FOLLOW_UP_ITEMS)[number]["id"];
export const FOLLOW_UP_IDS = FOLLOW_UP_ITEMS.map((i) => i.id) as [FollowUpItemId, ...FollowUpItemId[]];

export function followUpName(id: string, lang: Lang): string {
  const i = FOLLOW_UP_ITEMS.find((x) => x.id === id);
  return i ? i[lang] : id;
}
