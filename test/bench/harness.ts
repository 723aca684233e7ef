import { performance } from "node:perf_hooks";

/**
 * One line of `npm run bench`: a figure, and where there is one, what it is measured against (a baseline run in the
 * same process or a floor the limits impose) and the target ratio from the issue. Nothing here is asserted.
 */
export interface BenchRow {
  figure: string;
  value: number;
  unit: "ms" | "MB" | "s" | "ops" | "x";
  /** The same figure for the baseline (bare Bolt, the rate-limit floor, the 1k-row tick …). */
  baseline?: { label: string; value: number };
  /** The target for value / baseline, e.g. 1.2 for "≤ 1.2×". */
  target?: number;
  note?: string;
}

export interface BenchCase {
  /** Short name to pick cases: `npm run bench -- who-leads`. */
  name: string;
  run(): Promise<BenchRow[]>;
}

export function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** Mean milliseconds per call of `fn` over `n` calls after a short warm-up. */
export async function msPerOp(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(3, n); i++) await fn(i);
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - start) / n;
}

export async function elapsedMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function fmt(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The table `npm run bench` prints: figure, value, baseline, ratio, target, and whether the target is met. */
export function formatTable(rows: readonly (BenchRow & { case: string })[]): string {
  const lines = rows.map((r) => {
    const ratio = r.baseline && r.baseline.value > 0 ? r.value / r.baseline.value : undefined;
    const verdict = ratio !== undefined && r.target !== undefined ? (ratio <= r.target ? "ok" : "MISSED") : "";
    return [
      `${r.case}: ${r.figure}`,
      fmt(r.value, r.unit),
      r.baseline ? `${r.baseline.label} ${fmt(r.baseline.value, r.unit)}` : "",
      ratio !== undefined ? `${ratio.toFixed(2)}×` : "",
      r.target !== undefined ? `≤ ${r.target}×` : "",
      verdict,
      r.note ?? "",
    ];
  });
  const header = ["figure", "value", "baseline", "ratio", "target", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [row(header), row(widths.map((w) => "-".repeat(w))), ...lines.map(row)].join("\n");
}
