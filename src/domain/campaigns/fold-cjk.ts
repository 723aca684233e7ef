/**
 * YAML folding (`>-`) joins lines with a space, which is right for English and wrong inside a Chinese sentence:
 * "一周内， 组织观看". Whitespace with a CJK character or CJK punctuation on both sides is removed; any other
 * whitespace is kept ("Slack 频道", "5 月" written on purpose, English text).
 */
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201d\\u2026\\u00b7";
const BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\r\\n]+(?=[${CJK}])`, "gu");

export function joinFoldedCjk(text: string): string {
  return text.replace(BETWEEN_CJK, "");
}
