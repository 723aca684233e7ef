/** action_ids of the hazard card's buttons. */
export const HAZARD_ACTIONS = {
  rectify: "hazard_rectify",
  accept: "hazard_accept",
  return: "hazard_return",
  list: "hazard_list",
  /** 详情 beside a row of the ledger list: the hazard's detail and timeline, privately. */
  show: "hazard_show",
  /** 上一页 / 下一页 under the ledger list. */
  page: "hazard_ledger_page",
  progress: "hazard_progress",
} as const;

/** The message shortcut 登记为隐患 (callback_id in the app manifest). */
export const HAZARD_SHORTCUT_CALLBACK = "hazard_from_message";

export const HAZARD_REPORT_CALLBACK = "hazard_report_submit";
export const HAZARD_RECTIFY_CALLBACK = "hazard_rectify_submit";
export const HAZARD_RETURN_CALLBACK = "hazard_return_submit";
export const HAZARD_PROGRESS_CALLBACK = "hazard_progress_submit";

/** block_id / action_id of each input of the registration form. */
export const REPORT_FIELDS = {
  unit: { block: "hazard_unit", action: "hazard_unit_select" },
  venueType: { block: "hazard_venue_type", action: "hazard_venue_type_select" },
  placeName: { block: "hazard_place_name", action: "hazard_place_name_input" },
  placeAddress: { block: "hazard_place_address", action: "hazard_place_address_input" },
  description: { block: "hazard_description", action: "hazard_description_input" },
  level: { block: "hazard_level", action: "hazard_level_radio" },
  deadline: { block: "hazard_deadline", action: "hazard_deadline_picker" },
  responsible: { block: "hazard_responsible", action: "hazard_responsible_select" },
  measures: { block: "hazard_measures", action: "hazard_measures_input" },
  responsibility: { block: "hazard_responsibility", action: "hazard_responsibility_input" },
  funding: { block: "hazard_funding", action: "hazard_funding_input" },
  contingencyPlan: { block: "hazard_contingency", action: "hazard_contingency_input" },
  photos: { block: "hazard_photos", action: "hazard_photos_input" },
  /** Shown to a supervision group's member: their own unit's inspection, or "found by group X in county Y". */
  foundBy: { block: "hazard_found_by", action: "hazard_found_by_select" },
} as const;

export const RECTIFY_FIELDS = {
  note: { block: "hazard_rectify_note", action: "hazard_rectify_note_input" },
  photos: { block: "hazard_rectify_photos", action: "hazard_rectify_photos_input" },
} as const;

export const RETURN_FIELDS = {
  reason: { block: "hazard_return_reason", action: "hazard_return_reason_input" },
} as const;

export const PROGRESS_FIELDS = {
  note: { block: "hazard_progress_note", action: "hazard_progress_note_input" },
  photos: { block: "hazard_progress_photos", action: "hazard_progress_photos_input" },
} as const;

/** The 发现方式 option for the unit's own inspection; a group's is `group:<group id>:<county id>` (foundByGroupValue). */
export const FOUND_BY_SELF = "self";
export const foundByGroupValue = (groupId: string, countyId: string) => `group:${groupId}:${countyId}`;

/** The venue-type option for a place the matrix does not name. */
export const NO_VENUE_TYPE = "none";
