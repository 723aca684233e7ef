import { z } from "zod";
import type { OverdueItem } from "../campaigns/build-status-board.ts";
import type { CampaignDepartment, CampaignInfo } from "../campaigns/types.ts";

/** What the office's daily overdue list shows and when it is first posted. Defaults documented in README ("Overdue list"). */
export const OverdueListSettingsSchema = z.strictObject({
  /** Only items overdue by at least this many working days are listed (0: every overdue item). */
  minOverdueWorkingDays: z.number().int().min(0).max(60).default(0),
  /** The day's list is first posted once it has at least this many items; once posted it is kept up to date even if fewer. */
  minItems: z.number().int().min(1).max(1000).default(1),
});

export type OverdueListSettings = z.output<typeof OverdueListSettingsSchema>;

export function overdueListSettings(set: Partial<OverdueListSettings> | undefined): OverdueListSettings {
  return OverdueListSettingsSchema.parse(set ?? {});
}

/** A red hazard (long overdue, or a listed one overdue) still being rectified, as the office's list shows it. */
export interface OverdueHazard {
  id: number;
  number: string;
  unit: CampaignDepartment;
  placeName: string;
  deadlineDay: string;
  overdueWorkingDays: number;
  listed: boolean;
}

export interface CampaignOverdue {
  campaign: Pick<CampaignInfo, "id" | "title">;
  items: readonly OverdueItem[];
}

/** The day's list after the threshold: the sections, and how many items the threshold left out. */
export interface OverdueList {
  campaigns: CampaignOverdue[];
  hazards: OverdueHazard[];
  /** Items overdue by fewer working days than the threshold, left off. */
  belowThreshold: number;
  /** Items listed, over every section. */
  count: number;
  /** Units (departments, counties) with at least one listed item. */
  units: number;
}

/**
 * Applies the threshold to what is overdue today: campaign items and hazards overdue by fewer working days than
 * `minOverdueWorkingDays` are left off (and counted); a campaign left with nothing drops out. Hazards most overdue first.
 */
export function selectOverdueList(
  input: { campaigns: readonly CampaignOverdue[]; hazards: readonly OverdueHazard[] },
  settings: OverdueListSettings,
): OverdueList {
  const min = settings.minOverdueWorkingDays;
  let belowThreshold = 0;
  const campaigns: CampaignOverdue[] = [];
  for (const c of input.campaigns) {
    const items = c.items.filter((i) => i.overdueWorkingDays >= min);
    belowThreshold += c.items.length - items.length;
    if (items.length > 0) campaigns.push({ campaign: c.campaign, items });
  }
  const hazards = input.hazards
    .filter((h) => h.overdueWorkingDays >= min)
    .sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays || a.number.localeCompare(b.number));
  belowThreshold += input.hazards.length - hazards.length;
  const units = new Set([...campaigns.flatMap((c) => c.items.map((i) => i.department.id)), ...hazards.map((h) => h.unit.id)]);
  const count = campaigns.reduce((n, c) => n + c.items.length, 0) + hazards.length;
  return { campaigns, hazards, belowThreshold, count, units: units.size };
}
