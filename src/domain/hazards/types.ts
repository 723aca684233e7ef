/** The hazard ledger as the pure rules see it (the service maps database rows onto these). */
export type HazardState = "registered" | "rectifying" | "awaiting_acceptance" | "closed";
export type HazardLevel = "general" | "major";
export type HazardRouting = "matrix" | "office";
export type HazardActionKind = "start_rectification" | "submit_rectification" | "accept" | "return" | "list" | "delist" | "progress_report";

export const HAZARD_STATE_NAMES: Record<HazardState, { zh: string; en: string }> = {
  registered: { zh: "已登记", en: "Registered" },
  rectifying: { zh: "整改中", en: "Being rectified" },
  awaiting_acceptance: { zh: "待验收", en: "Awaiting acceptance" },
  closed: { zh: "已销号", en: "Closed" },
};

export const HAZARD_LEVEL_NAMES: Record<HazardLevel, { zh: string; en: string }> = {
  general: { zh: "一般隐患", en: "General hazard" },
  major: { zh: "重大隐患", en: "Major hazard" },
};

/** What the rules need to know about one hazard. */
export interface HazardFacts {
  number: string;
  unitId: string;
  leadDepartmentId: string | null;
  routing: HazardRouting;
  level: HazardLevel;
  state: HazardState;
  listed: boolean;
  deadlineDay: string;
  measures: string | null;
  responsibility: string | null;
  funding: string | null;
  contingencyPlan: string | null;
  responsibleSlackUserId: string | null;
  responsibleName: string | null;
}

/** Who is asking, as the directory knows them. */
export interface HazardActor {
  slackUserId: string;
  isOffice: boolean;
  /** Departments where the person is the registered principal head. */
  headOf: readonly string[];
  /** Departments where the person is a liaison. */
  liaisonOf: readonly string[];
  /** Departments whose Slack channel the person is a member of. */
  channelMemberOf: readonly string[];
}
