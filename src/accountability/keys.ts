/** Dispatch keys of what accountability posts on its own: ids and days only, so a retry or a replica posts nothing twice. */
export const accountabilityKeys = {
  recorded: (accidentId: string) => `accident:${accidentId}:recorded`,
  followUpClosed: (accidentId: string, item: string) => `accident:${accidentId}:follow-up:${item}:closed`,
  followUpReminder: (day: string) => `accidents:follow-up-reminder:${day}`,
} as const;

export const ACCOUNTABILITY_DISPATCH_KINDS = {
  recorded: "accident-recorded",
  followUpClosed: "accident-follow-up-closed",
  followUpReminder: "accident-follow-up-reminder",
} as const;
