#!/usr/bin/env node
// `node tools/build.mjs [--if-stale]`: compiles src/ to dist/ with tsc (emit only; `npm run typecheck` checks types)
// and copies the files src/ reads at run time (sandbox page, board font). With --if-stale it returns at once when
// dist/ is newer than every file and folder under src/ and the tsconfigs (what `npm start` and the CLI bin ask).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SRC = path.join(ROOT, "src");
const DIST = path.join(ROOT, "dist");
const STAMP = path.join(DIST, ".build-stamp");
const CONFIGS = ["tsconfig.json", "tsconfig.build.json"].map((f) => path.join(ROOT, f));

/** The newest modification time under src/ (folders too, so a deleted file counts) and of the tsconfigs. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(SRC);
  for (const file of CONFIGS) if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** Whether dist/ was built from the sources as they are now (no src/ at all, as in the image: dist is all there is). */
export function isBuildFresh() {
  if (!existsSync(SRC)) return existsSync(DIST);
  if (!existsSync(STAMP)) return false;
  return Number(readFileSync(STAMP, "utf8")) >= newestSource();
}

export function build() {
  const sources = newestSource();
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json"), "--noCheck"], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`tsc failed (exit ${run.status})`);
  // Run-time assets next to the code that reads them through import.meta.url.
  cpSync(SRC, DIST, { recursive: true, filter: (from) => statSync(from).isDirectory() || !/\.(ts|md)$/.test(from) });
  writeFileSync(STAMP, String(sources));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (!ifStale || !isBuildFresh()) {
    process.stderr.write("building dist/ from src/ …\n");
    build();
  }
}
