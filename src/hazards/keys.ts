/** Dispatch keys (ids only) and kinds of everything the ledger posts on its own. */
export const hazardKeys = {
  card: (hazardId: number) => `hazard:${hazardId}:card`,
  history: (hazardId: number, eventId: bigint | number) => `hazard:${hazardId}:event:${eventId}`,
} as const;

export const HAZARD_DISPATCH_KINDS = {
  card: "hazard-card",
  history: "hazard-history",
} as const;
