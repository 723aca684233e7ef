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

/** Each 通报 file goes once to each place: the drafter's DM, the office channel, each unit it names. */
export const circularKeys = {
  draft: (id: number, userId: string) => `circular:${id}:draft:${userId}`,
  office: (id: number) => `circular:${id}:office`,
  unit: (id: number, departmentId: string) => `circular:${id}:unit:${departmentId}`,
} as const;

export const CIRCULAR_DISPATCH_KIND = "circular" as const;
