/** Chinese is the default language of everything a person reads; English on request. */
export type Lang = "zh" | "en";

export interface Bilingual {
  zh: string;
  en: string;
}

const HAN = /\p{Script=Han}/u;

/** Whether the text has any Chinese character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * The language to answer in: Chinese when the text has any Chinese, English when it is plainly English,
 * otherwise the configured default.
 */
export function detectLang(text: string, fallback: Lang = "zh"): Lang {
  if (HAN.test(text)) return "zh";
  if (LATIN_WORD.test(text)) return "en";
  return fallback;
}

export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

/** Joins a list the way each language does: 、 in Chinese, commas in English. */
export function joinList(items: readonly string[], lang: Lang): string {
  return lang === "zh" ? items.join("、") : items.join(", ");
}
