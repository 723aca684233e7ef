import { accountabilitySweeps } from "../accountability/sweeps.ts";
import { campaignSweeps } from "../campaigns/sweeps.ts";
import { digestSweep } from "../digest/post-digest.ts";
import { hazardSweeps } from "../hazards/sweeps.ts";
import { meetingSweeps } from "../meetings/sweeps.ts";
import { officeSweeps } from "../office/sweeps.ts";
import type { Sweep } from "../delivery/sweep.ts";
import { checkHolidayYears } from "../holidays/holiday-years.ts";

/** Every sweep the per-minute tick runs, in order. */
export const allSweeps: Sweep[] = [{ id: "holidays.check", run: checkHolidayYears }, ...campaignSweeps, ...meetingSweeps, digestSweep, ...accountabilitySweeps, ...hazardSweeps, ...officeSweeps];
