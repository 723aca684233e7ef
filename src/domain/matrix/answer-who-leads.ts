import { leadSource } from "./lead-source.ts";
import { findTerm, normalizeText } from "./normalize.ts";
import type { VenueMatch } from "./match-venue-types.ts";
import type { AnswerStatus, MatrixLead, VenueAnswer, WhoLeadsAnswer } from "./types.ts";

/**
 * Turns the venue types a question named into the matrix's answer. Only leads written in the matrix
 * are ever returned; a place with no lead says so. Where a place is split between leads (图书馆), words in
 * the question (中小学, 大学, 公共 …) pick the scope; without them every scope is listed as ambiguous.
 */
export function answerWhoLeads(question: string, matches: readonly VenueMatch[], via: WhoLeadsAnswer["via"] = "matrix"): WhoLeadsAnswer {
  const text = normalizeText(question);
  const venues = matches.map((m) => answerVenue(text, m));

  // "大学食堂": 大学 picks the university scope of 食堂; it is not a second question about 高校.
  const qualifiersUsedBy = venues.map((v) => (v.outcome === "resolved" && v.leads.length === 1 ? usedQualifiers(text, v.leads[0]!) : []));
  const shown = venues.filter((_, j) => !qualifiersUsedBy.some((words, i) => i !== j && words.includes(normalizeText(matches[j]!.alias))));

  const resolvedLeads = shown.filter((v) => v.outcome !== "unassigned").flatMap((v) => v.leads);
  const leads = dedupe(
    resolvedLeads.map((l) => ({ id: l.departmentId, nameZh: l.departmentNameZh, nameEn: l.departmentNameEn })),
    (l) => l.id,
  );
  const sources = dedupe(
    shown.flatMap((v) => (v.outcome === "unassigned" ? [v.unassigned!.source] : v.leads.map(leadSource))),
    (s) => s,
  );
  return { query: question, status: statusOf(shown), venues: shown, leads, sources, via };
}

function answerVenue(text: string, { venueType, alias }: VenueMatch): VenueAnswer {
  const base = {
    venueType: { id: venueType.id, nameZh: venueType.nameZh, nameEn: venueType.nameEn, category: venueType.category },
    matchedBy: alias,
    unassigned: venueType.unassigned,
  };
  if (venueType.leads.length === 0) return { ...base, outcome: "unassigned", leads: [] };
  if (venueType.leads.length === 1) return { ...base, outcome: "resolved", leads: venueType.leads };
  const scored = venueType.leads.map((lead) => ({ lead, score: Math.max(0, ...usedQualifiers(text, lead).map((q) => q.length)) }));
  const best = Math.max(...scored.map((s) => s.score));
  const picked = scored.filter((s) => s.score === best && best > 0).map((s) => s.lead);
  return picked.length === 1 ? { ...base, outcome: "resolved", leads: picked } : { ...base, outcome: "ambiguous", leads: venueType.leads };
}

function usedQualifiers(text: string, lead: MatrixLead): string[] {
  return lead.qualifiers.map(normalizeText).filter((q) => q && findTerm(text, q) >= 0);
}

function statusOf(venues: readonly VenueAnswer[]): AnswerStatus {
  if (venues.some((v) => v.outcome === "ambiguous")) return "ambiguous";
  if (venues.some((v) => v.outcome === "resolved")) return "found";
  return "not_found";
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(key(i)) && seen.add(key(i)));
}
