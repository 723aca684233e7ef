import type { Sweep } from "../scheduler/types.ts";

/** Scheduled work for campaigns (filled in by the campaign feature). */
export const campaignSweeps: Sweep[] = [];
