import type { TaskKind } from "../domain/campaigns/types.ts";
import type { Bilingual, Lang } from "../lib/i18n.ts";

/** Names the picture shortens by rule, where a rule would cut the wrong part ("市政府安委会办公室" is 安委办). */
const KNOWN_ZH: Record<string, string> = { 市政府安委会办公室: "安委办", 市政府安委办: "安委办" };

/**
 * A unit's name as a row label: the words every row repeats dropped — "民政部门" → 民政, "市消防支队" → 消防支队,
 * "辉县市人民政府" → 辉县市, "Civil Affairs Department" → Civil Affairs. A name the rules would leave under two
 * characters stays whole.
 */
export function shortUnitName(name: string, lang: Lang): string {
  const full = name.trim();
  if (lang === "en") {
    const cut = full.replace(/^(the\s+)?(city|municipal)\s+/i, "").replace(/\s+(department|bureau|office|government)$/i, "");
    return cut.length >= 3 ? cut : full;
  }
  const known = KNOWN_ZH[full];
  if (known) return known;
  let cut = full.replace(/(人民政府|政府)$/, "").replace(/部门$/, "");
  if (/^市./.test(cut) && cut.length >= 4) cut = cut.slice(1);
  return [...cut].length >= 2 ? cut : full;
}

const KIND_SHORT: Record<TaskKind, { zh: string; en: string }> = {
  acknowledge: { zh: "收到", en: "Ack" },
  report: { zh: "报告", en: "Report" },
  "education-session": { zh: "警示教育", en: "Education" },
  pledge: { zh: "承诺", en: "Pledge" },
};

/**
 * A task's column label under its campaign's header: the `short` title its campaign file gives; else its kind in a
 * word ("收到", "报告", "警示教育", "承诺") when the campaign has one task of that kind; otherwise the title's first
 * characters, so two reports stay apart.
 */
export function shortTaskName(task: { kind: TaskKind; title: Bilingual; short?: Bilingual | null }, kindCount: number, lang: Lang): string {
  const given = task.short?.[lang].trim();
  if (given) return given;
  if (kindCount <= 1) return KIND_SHORT[task.kind][lang];
  const title = task.title[lang].trim();
  if (lang === "zh") return [...title].length > 6 ? `${[...title].slice(0, 5).join("")}…` : title;
  return title.length > 14 ? `${title.slice(0, 13)}…` : title;
}
