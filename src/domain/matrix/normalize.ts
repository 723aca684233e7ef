import * as OpenCC from "opencc-js/t2cn";

/** Longest question we read; anything past it is noise or abuse. */
export const MAX_QUERY_LENGTH = 500;

/** Traditional (Taiwan and Hong Kong usage included) → simplified; built on first use, the dictionaries are large. */
let toSimplified: ((text: string) => string) | undefined;

/** The text as typed, width-folded (NFKC) and in simplified characters; nothing else changed. */
export function simplified(text: string): string {
  const simplify = (toSimplified ??= OpenCC.Converter({ from: "tw", to: "cn" }));
  return simplify(text.slice(0, MAX_QUERY_LENGTH).normalize("NFKC"));
}

/**
 * One form for questions and aliases alike: traditional → simplified (OpenCC), full-width → half-width (NFKC),
 * lower case, punctuation and symbols → spaces, runs of spaces collapsed, and no space left between two Chinese
 * characters. 「ＫＴＶ」, "ktv", 劇院 and "福 利 院" meet their aliases here.
 */
export function normalizeText(text: string): string {
  return simplified(text)
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{C}]+/gu, " ")
    .replace(/\s+/g, " ")
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
    .trim();
}

const ASCII_WORD = /[a-z0-9]/;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && ASCII_WORD.test(c);
}

/** Index of `needle` in `haystack`, whole words only where the needle starts or ends with a Latin letter or digit. */
export function findTerm(haystack: string, needle: string, from = 0): number {
  if (!needle) return -1;
  for (let i = haystack.indexOf(needle, from); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const before = haystack[i - 1];
    const after = haystack[i + needle.length];
    const leftOk = !ASCII_WORD.test(needle[0]!) || !isWordChar(before);
    // English plurals count too: "nursing homes", "cinemas".
    const plural = after === "s" && !isWordChar(haystack[i + needle.length + 1]);
    const rightOk = !ASCII_WORD.test(needle.at(-1)!) || !isWordChar(after) || plural;
    if (leftOk && rightOk) return i;
  }
  return -1;
}
