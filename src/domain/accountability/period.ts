import { plusDays } from "../calendar/working-days.ts";

/** A scoring period (考核期间): a year, a quarter or a month, as local calendar days. */
export interface Period {
  /** "2026", "2026-Q2", "2026-05": what the CLI and the cards print. */
  label: string;
  kind: "year" | "quarter" | "month";
  year: number;
  /** First and last local day, inclusive. */
  fromDay: string;
  toDay: string;
}

const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function months(year: number, first: number, last: number): Pick<Period, "fromDay" | "toDay"> {
  return { fromDay: `${year}-${pad(first)}-01`, toDay: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}` };
}

/**
 * Reads a period as people write it: 2026 · 2026年 · 2026-Q2 · 2026Q2 · 2026年第二季度 · 2026-05 · 2026年5月.
 * Null when the text is not a period (the caller names what it expected).
 */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().replace(/\s+/g, "");
  let m = /^(\d{4})年?$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    return { label: String(year), kind: "year", year, ...months(year, 1, 12) };
  }
  m = /^(\d{4})(?:-?[Qq]([1-4])|年第?([一二三四1-4])季度?)$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const q = CN_QUARTER[m[2] ?? m[3]!]!;
    return { label: `${year}-Q${q}`, kind: "quarter", year, ...months(year, q * 3 - 2, q * 3) };
  }
  m = /^(\d{4})(?:-|年)(\d{1,2})月?$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { label: `${year}-${pad(month)}`, kind: "month", year, ...months(year, month, month) };
  }
  return null;
}

/** The period a day falls in, of the given kind ("2026-05-20", quarter → 2026-Q2). */
export function periodOf(day: string, kind: Period["kind"]): Period {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (kind === "year") return parsePeriod(year)!;
  if (kind === "quarter") return parsePeriod(`${year}-Q${Math.ceil(month / 3)}`)!;
  return parsePeriod(`${year}-${pad(month)}`)!;
}

/** The period just before ("2026-Q2" → "2026-Q1"), for "which units fell". */
export function previousPeriod(p: Period): Period {
  return periodOf(plusDays(p.fromDay, -1), p.kind);
}

export function periodName(p: Period, lang: "zh" | "en"): string {
  if (lang === "en") return p.label;
  if (p.kind === "year") return `${p.year}年`;
  if (p.kind === "quarter") return `${p.year}年第${"一二三四"[Number(p.label.slice(-1)) - 1]}季度`;
  return `${p.year}年${Number(p.label.slice(5))}月`;
}
