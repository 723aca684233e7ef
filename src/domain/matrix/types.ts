/** The responsibility matrix as the pure rules see it (loaded from the database by the service). */
export interface MatrixLead {
  departmentId: string;
  departmentNameZh: string;
  departmentNameEn: string;
  scopeZh: string | null;
  scopeEn: string | null;
  qualifiers: string[];
  sourceClause: string;
  /** A lead the safety office added or changed from Slack: its document, who and when; null for the speech's. */
  office: OfficeSource | null;
}

export interface OfficeSource {
  /** The office's document (新安委〔2026〕12号); null when it gave the clause alone. */
  document: string | null;
  /** Slack user id of the office member. */
  by: string;
  at: Date;
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

/** A unit in the directory as the matcher needs it: departments for the reverse question, counties for 属地. */
export interface MatrixUnit {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

/** Everything a question is answered from. */
export interface Matrix {
  venueTypes: MatrixVenueType[];
  units: MatrixUnit[];
}

export interface NamedRef {
  id: string;
  nameZh: string;
  nameEn: string;
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
  /** For a group the speech names (特种设备, 文化娱乐场所): the venue types in it. */
  members?: NamedRef[];
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
  /** The reverse question ("民政部门牵头哪些场所？"): the department asked about; `venues` are what it leads. */
  department?: NamedRef;
  /** A county or district named in the question: it is 属地 for the place. */
  county?: NamedRef;
  /** Not found: the place the question seemed to name ("" when none), and the nearest venue types. */
  understood?: string;
  suggestions?: NamedRef[];
  /** The whole question was one name from the matrix (`KTV`), so it says nothing about the asker's language. */
  exactName?: boolean;
}
