import { findTerm, normalizeText } from "../matrix/normalize.ts";
import type { MatrixLead, MatrixVenueType } from "../matrix/types.ts";
import type { HazardRouting } from "./types.ts";

export interface RoutingUnit {
  id: string;
  kind: "department" | "county_district" | "university" | "office";
}

export type HazardRoute =
  | {
      outcome: "routed";
      routing: HazardRouting;
      /** The matrix's lead department (accepts), or null under 三管三必须 (the owning unit and the office). */
      lead: MatrixLead | null;
      /** The county/district as 属地 when the owning unit is one. */
      territorialId: string | null;
      /** Why the office: the matrix's words for a place it names without a lead, or null when the place is not in it. */
      unassigned: MatrixVenueType["unassigned"];
    }
  | { outcome: "ambiguous"; leads: MatrixLead[] };

/**
 * Routes a hazard by the responsibility matrix. The venue type's lead department leads and accepts; a county's hazard
 * keeps the county as 属地. A place the matrix does not cover (no venue type, or one the source names without a lead)
 * goes to the owning unit and the office under 三管三必须 — never to an invented department. Where the lead depends on
 * the scope (图书馆: public / school / university), a university's own place goes to its lead, otherwise the words of the
 * place and description pick it; if they do not, the answer is ambiguous and the person must say which.
 */
export function routeHazard(unit: RoutingUnit, venue: MatrixVenueType | null, placeText: string): HazardRoute {
  const territorialId = unit.kind === "county_district" ? unit.id : null;
  if (venue === null || venue.leads.length === 0)
    return { outcome: "routed", routing: "office", lead: null, territorialId, unassigned: venue?.unassigned ?? null };
  if (venue.leads.length === 1) return { outcome: "routed", routing: "matrix", lead: venue.leads[0]!, territorialId, unassigned: null };
  if (unit.kind === "university") {
    const own = venue.leads.find((l) => l.departmentId === "universities");
    if (own) return { outcome: "routed", routing: "matrix", lead: own, territorialId, unassigned: null };
  }
  const text = normalizeText(placeText);
  const hits = venue.leads.filter((l) => l.qualifiers.some((q) => findTerm(text, normalizeText(q)) >= 0));
  if (hits.length === 1) return { outcome: "routed", routing: "matrix", lead: hits[0]!, territorialId, unassigned: null };
  return { outcome: "ambiguous", leads: hits.length > 1 ? hits : venue.leads };
}
