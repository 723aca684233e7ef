import { levenshtein } from "../../lib/edit-distance.ts";
import { hasHan } from "../../lib/i18n.ts";
import { termsOf } from "./match-venue-types.ts";
import { normalizeText } from "./normalize.ts";
import type { MatrixVenueType, NamedRef } from "./types.ts";

/**
 * The venue types whose names or aliases are close to a place the matrix does not know: shared characters for
 * Chinese (养老所 ~ 养老院), edit distance for Latin words (nursng home ~ nursing home). Never a department.
 */
export function suggestVenueTypes(place: string, venueTypes: readonly MatrixVenueType[], limit = 3): NamedRef[] {
  const key = normalizeText(place);
  if (!key) return [];
  // The matcher's normalised names (computed once per loaded matrix), best score per venue type.
  const best = new Map<MatrixVenueType, number>();
  for (const term of termsOf(venueTypes)) best.set(term.venueType, Math.max(best.get(term.venueType) ?? 0, similarity(key, term.key)));
  const scored = venueTypes
    .map((v) => ({ v, score: best.get(v) ?? 0 }))
    .filter((s) => s.score >= 0.6)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map(({ v }) => ({ id: v.id, nameZh: v.nameZh, nameEn: v.nameEn }));
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (hasHan(a) !== hasHan(b)) return 0;
  if (hasHan(a)) return dice([...a], [...b]);
  const distance = levenshtein(a, b);
  return distance <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 4)) ? 1 - distance / Math.max(a.length, b.length) : 0;
}

/** Dice coefficient over characters: 2·|shared| / (|a| + |b|). */
function dice(a: string[], b: string[]): number {
  const rest = [...b];
  let shared = 0;
  for (const c of a) {
    const i = rest.indexOf(c);
    if (i >= 0) {
      shared++;
      rest.splice(i, 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}
