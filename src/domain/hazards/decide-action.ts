import { FIVE_IMPLEMENTATIONS, missingFiveImplementations } from "./five-implementations.ts";
import { refusal, type HazardRefusal } from "./refusal.ts";
import { HAZARD_STATE_NAMES, type HazardActionKind, type HazardActor, type HazardFacts, type HazardState } from "./types.ts";

export interface ActionInput {
  /** What was done (rectification), the reason (return), the progress note. */
  note?: string | null;
  /** Evidence files attached to this action. */
  fileCount?: number;
}

export interface HazardDecision {
  ok: true;
  from: HazardState;
  to: HazardState;
  /** The listed flag after the action (list sets it; acceptance of a listed hazard is its 销号 and clears it). */
  listed: boolean;
  /** The acceptance closed a listed hazard: delisting (摘牌), which only the office may do. */
  delists: boolean;
  as: "owner_unit" | "lead_department" | "office";
}

/** Which states each action may start from, and where it goes (退回 goes back to 整改中). */
const TRANSITIONS: Record<HazardActionKind, { from: readonly HazardState[]; to: HazardState | "same" }> = {
  start_rectification: { from: ["registered"], to: "rectifying" },
  progress_report: { from: ["registered", "rectifying"], to: "rectifying" },
  submit_rectification: { from: ["registered", "rectifying"], to: "awaiting_acceptance" },
  accept: { from: ["awaiting_acceptance"], to: "closed" },
  return: { from: ["awaiting_acceptance"], to: "rectifying" },
  list: { from: ["registered", "rectifying", "awaiting_acceptance"], to: "same" },
  delist: { from: ["closed"], to: "same" },
};

const ACTION_NAMES: Record<HazardActionKind, { zh: string; en: string }> = {
  start_rectification: { zh: "开始整改", en: "start rectification" },
  progress_report: { zh: "报送整改进展", en: "report progress" },
  submit_rectification: { zh: "提交整改", en: "submit the rectification" },
  accept: { zh: "验收通过", en: "accept" },
  return: { zh: "退回", en: "return" },
  list: { zh: "挂牌督办", en: "list for supervision" },
  delist: { zh: "摘牌", en: "delist" },
};

/** A member of the owning unit: its head, a liaison or a member of its channel. */
export function isOwnerUnitMember(actor: HazardActor, unitId: string): boolean {
  return actor.headOf.includes(unitId) || actor.liaisonOf.includes(unitId) || actor.channelMemberOf.includes(unitId);
}

/** May this person accept or return the hazard's rectification? Returns who they act as, or a refusal. */
export function mayAccept(actor: HazardActor, h: HazardFacts): { ok: true; as: "lead_department" | "office" } | HazardRefusal {
  // A unit never accepts its own hazard, whatever else the person is.
  if (isOwnerUnitMember(actor, h.unitId))
    return refusal(
      "own_hazard",
      `隐患 ${h.number} 属于您所在的单位，本单位不能验收自己的隐患，须由牵头部门或安委办验收。`,
      `Hazard ${h.number} belongs to your own unit; a unit never accepts its own hazard — the lead department or the safety office does.`,
    );
  if (h.listed) {
    if (actor.isOffice) return { ok: true, as: "office" };
    return refusal(
      "office_only",
      `隐患 ${h.number} 已挂牌督办，验收销号须由安委办进行。`,
      `Hazard ${h.number} is listed for supervision; only the safety office accepts and delists it.`,
    );
  }
  if (h.routing === "matrix" && h.leadDepartmentId !== null) {
    const lead = h.leadDepartmentId;
    if (actor.headOf.includes(lead) || actor.liaisonOf.includes(lead)) return { ok: true, as: "lead_department" };
  }
  if (actor.isOffice) return { ok: true, as: "office" };
  return refusal(
    "not_acceptor",
    `只有牵头部门的主要负责人、联络员或安委办可以验收或退回隐患 ${h.number}。`,
    `Only the lead department's principal head or liaisons, or the safety office, may accept or return hazard ${h.number}.`,
  );
}

/**
 * Whether `actor` may take `action` on hazard `h` now, and what it changes. Pure: the service applies the decision
 * with a conditional update on (state, version), so a double press or a race changes it once.
 */
export function decideHazardAction(
  h: HazardFacts,
  actor: HazardActor,
  action: HazardActionKind,
  input: ActionInput = {},
): HazardDecision | HazardRefusal {
  const t = TRANSITIONS[action];
  const name = ACTION_NAMES[action];
  if (!t.from.includes(h.state)) {
    const st = HAZARD_STATE_NAMES[h.state];
    return refusal(
      "wrong_state",
      `隐患 ${h.number} 当前为「${st.zh}」，不能${name.zh}。`,
      `Hazard ${h.number} is ${st.en.toLowerCase()}; it cannot ${name.en} now.`,
    );
  }
  const to = t.to === "same" ? h.state : t.to;
  const note = input.note?.trim() ?? "";

  switch (action) {
    case "start_rectification":
    case "progress_report":
    case "submit_rectification": {
      if (!isOwnerUnitMember(actor, h.unitId))
        return refusal(
          "not_owner_unit",
          `只有隐患 ${h.number} 所属单位的人员可以${name.zh}。`,
          `Only members of the unit that owns hazard ${h.number} may ${name.en}.`,
        );
      if (action === "submit_rectification") {
        if (!note) return refusal("reason_required", "请填写整改情况（做了什么）。", "Please describe what was done to rectify it.");
        if ((input.fileCount ?? 0) < 1)
          return refusal(
            "evidence_required",
            "提交整改须附整改后照片或材料作为证据。",
            "A rectification needs at least one after-photo or document as evidence.",
          );
      }
      if (action === "progress_report" && !note)
        return refusal("reason_required", "请填写本周整改进展。", "Please describe this week's progress.");
      return { ok: true, from: h.state, to, listed: h.listed, delists: false, as: "owner_unit" };
    }
    case "accept":
    case "return": {
      const who = mayAccept(actor, h);
      if (!who.ok) return who;
      if (action === "return" && !note) return refusal("reason_required", "退回须填写原因。", "A return needs a reason.");
      const delists = action === "accept" && h.listed;
      return { ok: true, from: h.state, to, listed: delists ? false : h.listed, delists, as: who.as };
    }
    case "list": {
      if (!actor.isOffice)
        return refusal("office_only", "只有安委办可以挂牌督办。", "Only the safety office may list a hazard for supervision.");
      if (h.level !== "major")
        return refusal(
          "not_major",
          `隐患 ${h.number} 不是重大隐患，不能挂牌督办。`,
          `Hazard ${h.number} is not a major hazard, so it cannot be listed.`,
        );
      if (h.listed) return refusal("already_listed", `隐患 ${h.number} 已挂牌督办。`, `Hazard ${h.number} is already listed.`);
      const missing = missingFiveImplementations(h);
      if (missing.length) {
        const names = FIVE_IMPLEMENTATIONS.filter((f) => missing.includes(f.key));
        return refusal(
          "five_missing",
          `隐患 ${h.number} 的“五落实”尚缺：${names.map((f) => f.zh).join("、")}，补齐后才能挂牌督办。`,
          `Hazard ${h.number} is missing part of the five implementations: ${names.map((f) => f.en).join(", ")}; complete them before listing.`,
        );
      }
      return { ok: true, from: h.state, to, listed: true, delists: false, as: "office" };
    }
    case "delist": {
      if (!actor.isOffice) return refusal("office_only", "只有安委办可以摘牌。", "Only the safety office may delist a hazard.");
      if (!h.listed) return refusal("not_listed", `隐患 ${h.number} 未挂牌督办。`, `Hazard ${h.number} is not listed.`);
      return { ok: true, from: h.state, to, listed: false, delists: true, as: "office" };
    }
  }
}
