import type { Sweep } from "../delivery/sweep.ts";
import { sendOverdueList } from "./overdue-list.ts";

/** Scheduled work for the safety office's own channel: the daily overdue list, after the sweeps that escalate. */
export const officeSweeps: Sweep[] = [{ id: "office.overdue-list", run: (deps, now) => sendOverdueList(deps, now) }];
