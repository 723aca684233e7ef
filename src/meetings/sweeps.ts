import type { Sweep } from "../scheduler/types.ts";

/** Scheduled work for meetings (filled in by the meeting feature). */
export const meetingSweeps: Sweep[] = [];
