import { normalizeText } from "./normalize.ts";
import type { MatrixVenueType, WhoLeadsAnswer } from "./types.ts";
import type { Lang } from "../../lib/i18n.ts";

/** How people ask, in both languages; what is left once these are gone is the place they asked about. */
const QUESTION_WORDS = [
  /(?:分别)?(?:应该|应当|到底|究竟)?(?:归|由|是|属于|找)?(?:哪个|哪一个|哪些|什么|啥)(?:部门|单位|机构)?(?:来)?(?:牵头|负责|管理|主管|监管|管)?(?:排查整治|整治|排查)?/g,
  /(?:分别)?(?:应该|应当|到底|究竟)?(?:归|由|是)?谁(?:来)?(?:牵头负责|牵头|负责|管理|主管|监管|管)?/g,
  /(?:的)?(?:安全隐患|安全|隐患)?(?:排查整治|排查|整治)?(?:工作)?(?:吗|呢|啊|呀|么)?$/g,
  /^(?:请问|问一下|想问|我想知道|咨询)/g,
  /\b(?:who|which|what|department|departments|dept|leads?|lead|is|are|in|charge|of|for|responsible|the|a|an|does|do|looks?|after|handles?|covers?|please|tell|me|about|safety)\b/gi,
];

/** The place a question names, as the person typed it minus the question words: "花鸟市场归谁管？" → "花鸟市场". */
export function placeOf(question: string): string {
  let text = question
    .slice(0, 200)
    .normalize("NFKC")
    // Only sentence punctuation goes; anything else is echoed as typed (and escaped where it is shown).
    .replace(/[？?！。，,、；;：:“”"]+/gu, " ")
    .trim();
  for (const pattern of QUESTION_WORDS) text = text.replace(pattern, " ").trim();
  text = text.replace(/\s+/g, " ").trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Edit distance over code points, a swap of two neighbours counting as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++)
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[s.length]![t.length]!;
}

/** How far a word may be from a name and still be a slip: one character in short or Chinese words, two in long Latin ones. */
function tolerance(word: string): number {
  const n = [...word].length;
  if (/\p{Script=Han}/u.test(word)) return n >= 3 ? 1 : 0;
  return n >= 7 ? 2 : n >= 4 ? 1 : 0;
}

/**
 * The nearest venue types to a place the matrix does not know, closest first (at most `max`). Only
 * near misses count (养老苑 → 养老院, nursng home → nursing home); a new kind of place gets none.
 */
export function nearestVenueTypes(place: string, venueTypes: readonly MatrixVenueType[], max = 3): MatrixVenueType[] {
  const key = normalizeText(place).replace(/ /g, "");
  if (!key) return [];
  const scored: { venueType: MatrixVenueType; d: number }[] = [];
  for (const venueType of venueTypes) {
    let best = Infinity;
    for (const alias of [venueType.nameZh, venueType.nameEn, ...venueType.aliases]) {
      const a = normalizeText(alias).replace(/ /g, "");
      if (!a) continue;
      const d = editDistance(key, a);
      if (d <= Math.min(tolerance(a), tolerance(key))) best = Math.min(best, d);
    }
    if (best < Infinity) scored.push({ venueType, d: best });
  }
  return scored
    .sort((x, y) => x.d - y.d)
    .slice(0, max)
    .map((s) => s.venueType);
}

/** A subcommand the first word was probably meant to be (campain → campaign, 会仪 → 会议), or undefined. */
export function nearestName(word: string, names: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(w, name.toLowerCase());
    if (d > 0 && d <= Math.min(tolerance(name), tolerance(w)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/**
 * The language to answer in. Chinese whenever there is Chinese; English when English words remain once the
 * language-neutral venue names are taken out ("who leads KTV?", "nursing home"); a bare KTV keeps the configured default.
 */
export function answerLang(question: string, answer: Pick<WhoLeadsAnswer, "venues">, fallback: Lang): Lang {
  if (/\p{Script=Han}/u.test(question)) return "zh";
  let text = normalizeText(question);
  // A Latin name that is the place's Chinese name too (KTV) says nothing about the asker's language.
  for (const v of answer.venues) {
    const alias = normalizeText(v.matchedBy);
    if (alias === normalizeText(v.venueType.nameZh)) text = text.replace(alias, " ");
  }
  return /[a-z]{2,}/.test(text) ? "en" : fallback;
}

/** A not-found answer names the place it understood and, when there are near misses, the venue types meant. */
export function withSuggestions(answer: WhoLeadsAnswer, venueTypes: readonly MatrixVenueType[]): WhoLeadsAnswer {
  if (answer.venues.length > 0) return answer;
  const place = placeOf(answer.query);
  const suggestions = nearestVenueTypes(place, venueTypes).map((v) => ({ id: v.id, nameZh: v.nameZh, nameEn: v.nameEn }));
  return { ...answer, place, suggestions };
}
