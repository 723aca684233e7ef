import type { FontMetrics } from "./font-metrics.ts";

export const ELLIPSIS = "…";
/** Chinese typesetting's sign for a character that cannot be printed (缺字符号). */
export const MISSING_CHARACTER = "□";

/**
 * A label as the board draws it: whitespace collapsed the way an SVG text element would, control
 * characters dropped, and each character the font lacks shown as □. Substituting here, rather than letting
 * the rasteriser fall back to another font, keeps every label in one typeface and exactly as wide as measured.
 */
export function drawableText(text: string, metrics: FontMetrics): string {
  const cleaned = text
    .replace(/\s+/gu, " ")
    .replace(/\p{Cc}/gu, "")
    .trim();
  const missing = new Set(metrics.missing(cleaned));
  if (missing.size === 0) return cleaned;
  return [...cleaned].map((ch) => (missing.has(ch) ? MISSING_CHARACTER : ch)).join("");
}

/** `text` if it fits in `maxWidth`, else its longest prefix that fits with an ellipsis after it. */
export function ellipsize(text: string, maxWidth: number, fontSize: number, metrics: FontMetrics): string {
  return metrics.advance(text, fontSize) <= maxWidth ? text : cutWithEllipsis(text, maxWidth, fontSize, metrics);
}

/** The longest prefix of `text` that fits in `maxWidth` together with a trailing ellipsis, and the ellipsis. */
function cutWithEllipsis(text: string, maxWidth: number, fontSize: number, metrics: FontMetrics): string {
  const room = maxWidth - metrics.advance(ELLIPSIS, fontSize);
  const chars = [...text];
  let width = 0;
  let keep = 0;
  while (keep < chars.length) {
    const next = metrics.advance(chars[keep]!, fontSize);
    if (width + next > room) break;
    width += next;
    keep++;
  }
  return chars.slice(0, keep).join("").trimEnd() + ELLIPSIS;
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth`. Chinese breaks between any two
 * characters (never before closing or after opening punctuation); a Latin word moves to the next line whole
 * unless it is wider than a line by itself. Lines are balanced, so "汛期准备工作方案" splits 4 + 4 rather than
 * 7 + 1. When the text does not fit, the last line ends with an ellipsis.
 */
export function wrapLines(text: string, maxWidth: number, fontSize: number, maxLines: number, metrics: FontMetrics): string[] {
  const lines = greedyWrap(text, maxWidth, fontSize, metrics);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = cutWithEllipsis(kept[maxLines - 1]!, maxWidth, fontSize, metrics);
    return kept;
  }
  // Narrow the measure while the line count holds: greedy wrapping needs more lines only as it narrows.
  let balanced = lines;
  for (let width = maxWidth - 1; lines.length > 1 && width > 0; width--) {
    const tighter = greedyWrap(text, width, fontSize, metrics);
    if (tighter.length > lines.length) break;
    balanced = tighter;
  }
  return balanced;
}

/** A Latin word or a single other character, with any opening punctuation before and closing punctuation and spaces after. */
const WRAP_TOKEN = /[\p{Ps}\p{Pi}]*(?:[\p{Script=Latin}\p{N}_\-./]+|\S)[\p{Pe}\p{Pf}\p{Po}]*\s*|\s+/gu;

function greedyWrap(text: string, maxWidth: number, fontSize: number, metrics: FontMetrics): string[] {
  const fits = (line: string) => metrics.advance(line, fontSize) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  for (const token of text.match(WRAP_TOKEN) ?? []) {
    if (fits((line + token).trimEnd())) {
      line += token;
      continue;
    }
    if (line.trim() !== "") lines.push(line.trimEnd());
    line = "";
    // A token wider than a whole line (a long word) is broken between characters.
    for (const ch of token) {
      if (!fits((line + ch).trimEnd()) && line.trim() !== "") {
        lines.push(line.trimEnd());
        line = "";
      }
      line += ch;
    }
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}
