/** action_ids of the audit log's paging buttons. */
export const AUDIT_ACTIONS = {
  older: "audit_older",
  newest: "audit_newest",
} as const;
