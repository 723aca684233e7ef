/**
 * Speed and memory figures, printed as one table with ratios against baselines measured in the same run (nothing
 * asserted): `npm run bench`, or `npm run bench -- <case> …` for some of them. Each file in cases/ exports its cases.
 */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { formatTable, type BenchCase, type BenchRow } from "./harness.ts";

async function loadCases(): Promise<BenchCase[]> {
  const dir = fileURLToPath(new URL("./cases/", import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
  const cases: BenchCase[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { benchCases?: BenchCase[] };
    cases.push(...(mod.benchCases ?? []));
  }
  return cases;
}

async function main() {
  const wanted = process.argv.slice(2);
  const cases = (await loadCases()).filter((c) => wanted.length === 0 || wanted.some((w) => c.name.includes(w)));
  const rows: (BenchRow & { case: string })[] = [];
  for (const c of cases) {
    process.stderr.write(`running ${c.name} …\n`);
    for (const row of await c.run()) rows.push({ ...row, case: c.name });
  }
  console.log(formatTable(rows));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
