/** Dispatch keys (ids only) and kinds of everything the ledger posts on its own. */
export const hazardKeys = {
  card: (hazardId: number) => `hazard:${hazardId}:card`,
  history: (hazardId: number, eventId: bigint | number) => `hazard:${hazardId}:event:${eventId}`,
  /** The 督办通知 / 摘牌 notice for one history entry, per audience (the unit's channel, the office's). */
  notice: (hazardId: number, eventId: bigint | number, audience: "unit" | "office") => `hazard:${hazardId}:event:${eventId}:notice:${audience}`,
  /** The DM to a member of the supervision group that found the hazard, for one history entry (accepted or returned). */
  groupNotice: (hazardId: number, eventId: bigint | number, slackUserId: string) => `hazard:${hazardId}:event:${eventId}:group:${slackUserId}`,
  /** One reminder slot (from the pure rules: `near:<deadline>`, `overdue:<day>`, `progress:<week>` …) per audience. */
  reminder: (hazardId: number, slot: string, audience: string) => `hazard:${hazardId}:remind:${slot}:${audience}`,
} as const;

export const HAZARD_DISPATCH_KINDS = {
  card: "hazard-card",
  history: "hazard-history",
  notice: "hazard-supervision-notice",
  reminder: "hazard-reminder",
  groupNotice: "hazard-group-notice",
} as const;
