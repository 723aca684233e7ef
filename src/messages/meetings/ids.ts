/** action_ids of the meeting buttons. */
export const MEETING_ACTIONS = {
  signIn: "meeting_sign_in",
  confirmDeputy: "meeting_briefing_deputy",
  confirmHead: "meeting_briefing_head",
  confirmCancel: "meeting_cancel_confirm",
  askLeave: "meeting_leave_ask",
  approveLeave: "meeting_leave_approve",
  refuseLeave: "meeting_leave_refuse",
} as const;

export const SIGN_IN_MODAL_CALLBACK = "meeting_sign_in_submit";
export const CREATE_MODAL_CALLBACK = "meeting_create_submit";
export const EDIT_MODAL_CALLBACK = "meeting_edit_submit";
export const LEAVE_MODAL_CALLBACK = "meeting_leave_submit";
/** 不批准 opens this: the office's reason for refusing a leave (required; the head sees it). */
export const LEAVE_REFUSE_MODAL_CALLBACK = "meeting_leave_refuse_submit";
export const LEAVE_REFUSE_FIELDS = { reason: { block: "leave_refuse_reason", action: "leave_refuse_reason_input" } } as const;

/** The leave (请假) form: why, and who attends instead (picked in Slack, or named). */
export const LEAVE_FIELDS = {
  reason: { block: "leave_reason", action: "leave_reason_input" },
  substitute: { block: "leave_substitute", action: "leave_substitute_select" },
  substituteName: { block: "leave_substitute_name", action: "leave_substitute_name_input" },
} as const;

/** block_id / action_id of each modal input; `response_action: "errors"` is keyed by the block_ids. */
export const SIGN_IN_FIELDS = {
  role: { block: "sign_in_role", action: "sign_in_role_radio" },
  title: { block: "sign_in_title", action: "sign_in_title_input" },
} as const;

export const CREATE_FIELDS = {
  title: { block: "meeting_title", action: "meeting_title_input" },
  date: { block: "meeting_date", action: "meeting_date_picker" },
  time: { block: "meeting_time", action: "meeting_time_picker" },
  opensBefore: { block: "meeting_opens_before", action: "meeting_opens_before_input" },
  closesAfter: { block: "meeting_closes_after", action: "meeting_closes_after_input" },
  groups: { block: "meeting_groups", action: "meeting_groups_checkboxes" },
  departments: { block: "meeting_departments", action: "meeting_departments_select" },
  headMustAttend: { block: "meeting_head_must_attend", action: "meeting_head_must_attend_checkbox" },
  briefingDays: { block: "meeting_briefing_days", action: "meeting_briefing_days_input" },
} as const;

export const HEAD_MUST_ATTEND_VALUE = "head-must-attend";
