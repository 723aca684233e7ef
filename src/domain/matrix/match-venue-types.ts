import { findTerm, normalizeText } from "./normalize.ts";
import type { MatrixVenueType } from "./types.ts";

export interface VenueMatch {
  venueType: MatrixVenueType;
  alias: string;
}

/**
 * Finds the venue types a question names. Longest aliases win and use up their part of the text, so
 * 盲聋哑人学校 is one place, not a school; each venue type is reported once, in the order named.
 */
export function matchVenueTypes(question: string, venueTypes: readonly MatrixVenueType[]): VenueMatch[] {
  let text = normalizeText(question);
  const terms = termsOf(venueTypes);

  const found: (VenueMatch & { at: number })[] = [];
  for (const term of terms) {
    const at = findTerm(text, term.key);
    if (at < 0) continue;
    // Blank out the matched words so shorter aliases inside them do not match again.
    text = text.slice(0, at) + " ".repeat(term.key.length) + text.slice(at + term.key.length);
    if (!found.some((f) => f.venueType.id === term.venueType.id)) found.push({ venueType: term.venueType, alias: term.alias, at });
  }
  return found.sort((a, b) => a.at - b.at).map(({ venueType, alias }) => ({ venueType, alias }));
}

export interface Term {
  venueType: MatrixVenueType;
  alias: string;
  key: string;
}

/** The matrix's names and aliases in matching form, longest first; computed once per loaded matrix. */
const termCache = new WeakMap<readonly MatrixVenueType[], Term[]>();

export function termsOf(venueTypes: readonly MatrixVenueType[]): Term[] {
  let terms = termCache.get(venueTypes);
  if (!terms) {
    terms = venueTypes
      .flatMap((venueType) =>
        [venueType.nameZh, venueType.nameEn, ...venueType.aliases].map((alias) => ({ venueType, alias, key: normalizeText(alias) })),
      )
      .filter((t) => t.key.length > 0)
      .sort((a, b) => b.key.length - a.key.length);
    termCache.set(venueTypes, terms);
  }
  return terms;
}
