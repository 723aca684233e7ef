import type { Bilingual } from "../../lib/i18n.ts";
import { DaySchema } from "../calendar/working-days.ts";

const norm = (s: string) => s.replace(/[\s　*＊:：()（）]/g, "").toLowerCase();

/** Which sheet column (1-based) holds each field of `spec`; every required column must be there, and none twice. */
export function mapColumns<K extends string>(
  headers: readonly (string | null)[],
  spec: Record<K, { readonly names: readonly string[]; readonly required: boolean }>,
): { ok: true; columns: Partial<Record<K, number>> } | { ok: false; errors: Bilingual[] } {
  const columns: Partial<Record<K, number>> = {};
  const errors: Bilingual[] = [];
  const fields = Object.keys(spec) as K[];
  headers.forEach((raw, i) => {
    if (!raw) return;
    const h = norm(raw);
    const field = fields.find((k) => spec[k].names.some((n) => norm(n) === h));
    if (!field) return;
    if (columns[field] !== undefined) {
      errors.push({ zh: `表头“${raw}”与第 ${columns[field]} 列重复。`, en: `Header "${raw}" repeats column ${columns[field]}.` });
      return;
    }
    columns[field] = i + 1;
  });
  for (const field of fields) {
    const names = spec[field].names;
    if (spec[field].required && columns[field] === undefined) {
      errors.push({
        zh: `缺少必需的列“${names[0]}”（也可写作：${names.slice(1).join("、")}）。`,
        en: `Missing the required column "${names[0]}" (also accepted: ${names.slice(1).join(", ")}).`,
      });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

/** A cell's day: an Excel date (exceljs gives a Date at UTC midnight), or text 2026-05-30, 2026/5/30, 2026.5.30, 2026年5月30日. */
export function readDay(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return DaySchema.safeParse(day).success ? day : null;
}

/** A cell's text: strings trimmed, numbers as written, rich text and hyperlinks by their text; empty → null. */
export function readCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText))
      return (
        v.richText
          .map((r) => r.text)
          .join("")
          .trim() || null
      );
    if (v.text !== undefined) return readCellText(v.text);
    if (v.result !== undefined) return readCellText(v.result);
  }
  return null;
}

/** Excel's column letter for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
