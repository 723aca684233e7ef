import type { HazardFacts } from "./types.ts";

/** 五落实: responsibility, measures, funding, deadline, contingency plan (责任、措施、资金、时限、预案). */
export const FIVE_IMPLEMENTATIONS = [
  { key: "responsibility", zh: "责任", en: "responsibility" },
  { key: "measures", zh: "措施", en: "measures" },
  { key: "funding", zh: "资金", en: "funding" },
  { key: "deadline", zh: "时限", en: "deadline" },
  { key: "contingencyPlan", zh: "预案", en: "contingency plan" },
] as const;

export type FiveImplementationKey = (typeof FIVE_IMPLEMENTATIONS)[number]["key"];

const filled = (v: string | null | undefined): boolean => typeof v === "string" && v.trim().length > 0;

/**
 * Which of the 五落实 are missing. Responsibility counts as in place only with a named person (a Slack user or a name)
 * and the responsibility text; a vague "张工" without the text is exactly what existing ledgers get wrong.
 */
export function missingFiveImplementations(
  h: Pick<
    HazardFacts,
    "responsibility" | "measures" | "funding" | "deadlineDay" | "contingencyPlan" | "responsibleSlackUserId" | "responsibleName"
  >,
): FiveImplementationKey[] {
  const missing: FiveImplementationKey[] = [];
  if (!filled(h.responsibility) || !(filled(h.responsibleSlackUserId) || filled(h.responsibleName))) missing.push("responsibility");
  if (!filled(h.measures)) missing.push("measures");
  if (!filled(h.funding)) missing.push("funding");
  if (!filled(h.deadlineDay)) missing.push("deadline");
  if (!filled(h.contingencyPlan)) missing.push("contingencyPlan");
  return missing;
}
