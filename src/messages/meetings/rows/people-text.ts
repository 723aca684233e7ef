import type { Lang } from "../../../lib/i18n.ts";

/** "张三（局长）" / "Zhang San (Director)": a person as a sheet names them. */
export function personText(person: { name: string; title: string | null }, lang: Lang): string {
  if (!person.title) return person.name;
  return lang === "zh" ? `${person.name}（${person.title}）` : `${person.name} (${person.title})`;
}

/** "2024-Q2" → "2024年第2季度"; month and year labels likewise. English keeps the sortable label. */
export function periodText(label: string, lang: Lang): string {
  if (lang === "en") return label;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(label) ? `${label}年` : label;
}
