import type { TaskKind } from "../../domain/campaigns/types.ts";

/** action_ids of the campaign buttons; one per task kind, so a listener per kind. */
export const CAMPAIGN_ACTIONS = {
  acknowledge: "campaign_ack",
  report: "campaign_report_open",
  education: "campaign_education_open",
  pledge: "campaign_pledge_sign",
  /** A submitted report, corrected until its deadline. */
  correct: "campaign_report_correct",
} as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[keyof typeof CAMPAIGN_ACTIONS];

export const ACTION_FOR_KIND: Record<TaskKind, Exclude<CampaignAction, "campaign_report_correct">> = {
  acknowledge: CAMPAIGN_ACTIONS.acknowledge,
  report: CAMPAIGN_ACTIONS.report,
  "education-session": CAMPAIGN_ACTIONS.education,
  pledge: CAMPAIGN_ACTIONS.pledge,
};

export const REPORT_MODAL_CALLBACK = "campaign_report_submit";
export const EDUCATION_MODAL_CALLBACK = "campaign_education_submit";
export const PLEDGE_MODAL_CALLBACK = "campaign_pledge_submit";

/** block_id / action_id of each modal input; `response_action: "errors"` is keyed by these block_ids. */
export const REPORT_FIELDS = {
  status: { block: "report_status", action: "report_status_select" },
  hazardsFound: { block: "report_hazards_found", action: "report_hazards_found_input" },
  hazardsRectified: { block: "report_hazards_rectified", action: "report_hazards_rectified_input" },
  note: { block: "report_note", action: "report_note_input" },
} as const;

export const EDUCATION_FIELDS = {
  heldOn: { block: "education_held_on", action: "education_held_on_date" },
  attendees: { block: "education_attendees", action: "education_attendees_input" },
  location: { block: "education_location", action: "education_location_input" },
  note: { block: "education_note", action: "education_note_input" },
} as const;

export const PLEDGE_FIELDS = {
  confirm: { block: "pledge_confirm", action: "pledge_confirm_checkbox" },
} as const;

/** The value of the single pledge checkbox option. */
export const PLEDGE_CONFIRM_VALUE = "confirmed";
