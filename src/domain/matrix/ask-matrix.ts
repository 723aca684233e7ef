import { answerWhoLeads } from "./answer-who-leads.ts";
import { matchVenueTypes, type VenueMatch } from "./match-venue-types.ts";
import { leadSource } from "./lead-source.ts";
import { findTerm, normalizeText } from "./normalize.ts";
import { suggestVenueTypes } from "./suggest-venue-types.ts";
import type { Matrix, MatrixUnit, MatrixVenueType, NamedRef, VenueAnswer, WhoLeadsAnswer } from "./types.ts";
import { understoodPlace } from "./understood-place.ts";

const COUNTY_KINDS = new Set(["county_district"]);
const LEADING_KINDS = new Set(["department", "university"]);
/** Words that turn "民政部门" into the reverse question: what does it lead? */
const REVERSE_CUES = ["哪些", "什么", "哪几", "哪类", "which places", "what places", "what kinds", "what does", "what do"];

/**
 * The whole question, answered from the matrix alone: the reverse question (a department and "哪些"), the
 * places it names (each answered; a named group lists its members), the county it names (属地), and for a
 * place the matrix does not know, what was understood and the nearest venue types.
 */
export function askMatrix(question: string, matrix: Matrix, guessed?: VenueMatch[], options: { suggest?: boolean } = {}): WhoLeadsAnswer {
  const text = normalizeText(question);
  const department = reverseDepartment(text, matrix.units);
  const matches = guessed ?? matchVenueTypes(question, matrix.venueTypes);
  if (department && matches.length === 0) return reverseAnswer(question, department, matrix.venueTypes);

  const answer = answerWhoLeads(question, matches, guessed?.length ? "llm" : "matrix");
  answer.venues = answer.venues.map((v) => withMembers(v, matrix.venueTypes));
  const county = namedUnit(text, matrix.units, COUNTY_KINDS);
  if (county) answer.county = county;
  // The longest name found comes first, so a question that is exactly one name is that match's alias.
  answer.exactName = matches.length === 1 && !guessed && normalizeText(matches[0]!.alias) === text;
  return options.suggest === false ? answer : withSuggestions(answer, matrix);
}

/**
 * For a place the matrix does not know: what was understood and the nearest venue types. Kept apart so the answer
 * that goes to the model first skips it (the edit distances over every name cost more than the match itself).
 */
export function withSuggestions(answer: WhoLeadsAnswer, matrix: Matrix): WhoLeadsAnswer {
  if (answer.venues.length > 0 || answer.department || !normalizeText(answer.query)) return answer;
  const understood = understoodPlace(answer.query);
  return { ...answer, understood, suggestions: suggestVenueTypes(understood, matrix.venueTypes) };
}

/** A group the speech names is a venue type whose name is its own category (特种设备, 文化娱乐场所). */
function withMembers(venue: VenueAnswer, venueTypes: readonly MatrixVenueType[]): VenueAnswer {
  const group = venue.venueType.nameZh;
  if (!categoriesOf(venue.venueType.category).includes(group)) return venue;
  const members = venueTypes.filter((v) => v.id !== venue.venueType.id && categoriesOf(v.category).includes(group)).map(ref);
  return members.length ? { ...venue, members } : venue;
}

const categoriesOf = (category: string) => category.split("/").map((c) => c.trim());
const ref = (v: { id: string; nameZh: string; nameEn: string }): NamedRef => ({ id: v.id, nameZh: v.nameZh, nameEn: v.nameEn });

function reverseDepartment(text: string, units: readonly MatrixUnit[]): NamedRef | undefined {
  if (!REVERSE_CUES.some((cue) => findTerm(text, cue) >= 0)) return undefined;
  return namedUnit(text, units, LEADING_KINDS);
}

/** The unit the text names by its name or its short form (民政部门, 民政局, 民政; Civil Affairs Department, Civil Affairs). */
function namedUnit(text: string, units: readonly MatrixUnit[], kinds: ReadonlySet<string>): NamedRef | undefined {
  const hit = unitTermsOf(units).find((n) => kinds.has(n.unit.kind) && findTerm(text, n.key) >= 0);
  return hit ? ref(hit.unit) : undefined;
}

/** Every unit's names in matching form, longest first; computed once per loaded matrix, like the venue terms. */
const unitTermCache = new WeakMap<readonly MatrixUnit[], { unit: MatrixUnit; key: string }[]>();

function unitTermsOf(units: readonly MatrixUnit[]): { unit: MatrixUnit; key: string }[] {
  let terms = unitTermCache.get(units);
  if (!terms) {
    terms = units
      .flatMap((unit) => unitNames(unit).map((n) => ({ unit, key: normalizeText(n) })))
      .filter((n) => n.key.length >= 2)
      .sort((a, b) => b.key.length - a.key.length);
    unitTermCache.set(units, terms);
  }
  return terms;
}

function unitNames(unit: MatrixUnit): string[] {
  const stemZh = unit.nameZh.replace(/(部门|局|委员会|委)$/, "");
  const stemEn = unit.nameEn.replace(/\s+(department|bureau|commission)$/i, "");
  const shortForms = unit.kind === "department" && stemZh !== unit.nameZh ? [`${stemZh}局`, `${stemZh}部门`, `${stemZh}委`, stemZh] : [];
  return [unit.nameZh, unit.nameEn, stemEn, ...shortForms];
}

function reverseAnswer(question: string, department: NamedRef, venueTypes: readonly MatrixVenueType[]): WhoLeadsAnswer {
  const venues: VenueAnswer[] = venueTypes
    .filter((v) => v.leads.some((l) => l.departmentId === department.id))
    .map((v) => ({
      venueType: { id: v.id, nameZh: v.nameZh, nameEn: v.nameEn, category: v.category },
      matchedBy: department.nameZh,
      outcome: "resolved",
      leads: v.leads.filter((l) => l.departmentId === department.id),
      unassigned: null,
    }));
  return {
    query: question,
    status: venues.length ? "found" : "not_found",
    venues,
    leads: venues.length ? [department] : [],
    sources: [...new Set(venues.flatMap((v) => v.leads.map(leadSource)))],
    via: "matrix",
    department,
  };
}
