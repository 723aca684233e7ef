import type { MatrixLead } from "./types.ts";

/**
 * What a lead is quoted from: the speech's clause, or for a lead the office set, its document and clause
 * (either may stand alone: "新安委〔2026〕12号：……").
 */
export function leadSource(lead: Pick<MatrixLead, "sourceClause" | "office">): string {
  const document = lead.office?.document;
  if (!document) return lead.sourceClause;
  return lead.sourceClause ? `${document}：${lead.sourceClause}` : document;
}
