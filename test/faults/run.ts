/**
 * The fault suite (`npm run faults`, not part of `npm test`: it is long). Each file in trials/ exports trials; each
 * trial puts redline under a load, injects faults, and counts what was lost and what was doubled against a Slack
 * stand-in that records every message. `npm run faults -- <trial> …` runs some of them.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface TrialResult {
  /** What redline was asked to do: "1,000 due reminders, 3 replicas on PostgreSQL". */
  load: string;
  /** What went wrong on purpose: "kill -9 at a random point, 20 rounds". */
  faults: string;
  lost: number;
  duplicated: number;
  /** Anything else worth a line (RSS before/after, reconciliations, time). */
  notes?: string;
}

export interface Trial {
  name: string;
  run(): Promise<TrialResult>;
}

async function loadTrials(): Promise<Trial[]> {
  const dir = fileURLToPath(new URL("./trials/", import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
  const trials: Trial[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { trials?: Trial[] };
    trials.push(...(mod.trials ?? []));
  }
  return trials;
}

async function main(): Promise<number> {
  // Flags (`--rounds=5`) are for the trials to read; the other arguments pick trials by name.
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const trials = (await loadTrials()).filter((t) => wanted.length === 0 || wanted.some((w) => t.name.includes(w)));
  let bad = 0;
  for (const trial of trials) {
    process.stderr.write(`trial ${trial.name} …\n`);
    const r = await trial.run();
    if (r.lost || r.duplicated) bad++;
    console.log(
      `${trial.name}\n  load: ${r.load}\n  faults: ${r.faults}\n  lost: ${r.lost}  duplicated: ${r.duplicated}${r.notes ? `\n  ${r.notes}` : ""}`,
    );
  }
  if (trials.length === 0) console.log("no trials match");
  return bad === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
