/** The responsibility matrix as the pure rules see it (loaded from the database by the service). */
export interface MatrixLead {
  departmentId: string;
  departmentNameZh: string;
  departmentNameEn: string;
  scopeZh: string | null;
  scopeEn: string | null;
  qualifiers: string[];
  sourceClause: string;
}

export interface MatrixVenueType {
  id: string;
  nameZh: string;
  nameEn: string;
  category: string;
  aliases: string[];
  leads: MatrixLead[];
  unassigned: { source: string; noteZh: string; noteEn: string } | null;
}

export type AnswerStatus = "found" | "ambiguous" | "not_found";

export interface VenueAnswer {
  venueType: Pick<MatrixVenueType, "id" | "nameZh" | "nameEn" | "category">;
  /** What in the question named it: the alias, or "llm" when the model picked it. */
  matchedBy: string;
  /** resolved: one lead applies (or all leads are listed as one answer); ambiguous: the scope decides. */
  outcome: "resolved" | "ambiguous" | "unassigned";
  leads: MatrixLead[];
  unassigned: MatrixVenueType["unassigned"];
}

export interface WhoLeadsAnswer {
  query: string;
  status: AnswerStatus;
  venues: VenueAnswer[];
  /** Distinct lead departments over all resolved venues, in order of appearance. */
  leads: { id: string; nameZh: string; nameEn: string }[];
  /** Distinct quoted source clauses. */
  sources: string[];
  via: "matrix" | "llm";
}
