import { levenshtein } from "../../lib/edit-distance.ts";
import type { SubcommandDefinition } from "./registry.ts";

const LATIN = /^[a-z-]+$/;

/**
 * The subcommand a mistyped name most likely meant (`campain` → `campaign`, `会义` → `会议`), or undefined.
 * Latin names allow one slip per four letters (at most two); Chinese names one character, same length.
 */
export function suggestSubcommand(definitions: readonly SubcommandDefinition[], typed: string): string | undefined {
  if (!typed || definitions.some((d) => d.names.includes(typed))) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const name of definitions.flatMap((d) => d.names)) {
    const latin = LATIN.test(name) && LATIN.test(typed);
    const allowed = latin
      ? Math.min(2, Math.floor(name.length / 4))
      : !LATIN.test(name) && name.length >= 2 && [...typed].length === [...name].length
        ? 1
        : 0;
    if (allowed === 0) continue;
    const distance = levenshtein(typed, name);
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
