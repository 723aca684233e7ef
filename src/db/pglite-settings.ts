import type { PGlite } from "@electric-sql/pglite";

/**
 * How the embedded database is started. PostgreSQL's default 128 MB of shared buffers is set aside and cleared at
 * every start inside the Wasm heap: about 120 MB of resident memory and ~0.5 s of start-up before anything is read.
 * One process, one connection and a city-sized directory need far less; 32 MB keeps a 100k-assignment board's hot
 * pages in memory (measured: RSS after open 243 → 143 MB, ready 1.8 → 1.2 s on a loaded 2-core machine).
 */
export const PGLITE_SHARED_BUFFERS = "32MB";

/** PGlite's own start parameters (replaced, not extended, by `startParams`) plus ours. */
export function pgliteStartParams(PGliteClass: typeof PGlite): string[] {
  return [...PGliteClass.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
}
