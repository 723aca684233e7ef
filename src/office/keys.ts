/** Dispatch keys (a local day only) and kinds of what the bot posts to the safety office's channel for the office itself. */
export const officeKeys = {
  /** The day's one overdue list: posted once, then updated in place. */
  overdueList: (day: string) => `office:overdue-list:${day}`,
} as const;

export const OFFICE_DISPATCH_KINDS = {
  overdueList: "office-overdue-list",
} as const;
