/** YH-2026-0001: the year and a per-year sequence, four digits at least. */
const NUMBER_RE = /^YH-(\d{4})-(\d{4,})$/;

export function formatHazardNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`bad hazard year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad hazard sequence: ${seq}`);
  return `YH-${year}-${String(seq).padStart(4, "0")}`;
}

/** Accepts the number as people type it (lower case, full-width dash, spaces); null when it is not one. */
export function parseHazardNumber(text: string): { year: number; seq: number; number: string } | null {
  const cleaned = text
    .trim()
    .toUpperCase()
    .replace(/[－—–_]/g, "-")
    .replace(/\s+/g, "");
  const m = NUMBER_RE.exec(cleaned);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (seq < 1) return null;
  return { year, seq, number: formatHazardNumber(year, seq) };
}
