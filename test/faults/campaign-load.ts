/**
 * The campaigns the fault trials load redline with. The reminder trials': one launched campaign over many districts, every launch post out, and a tick time
 * at which exactly one reminder is due to each of them (the report task's T-3 morning; nothing else is due, so
 * whether reminders go one per task or bundled per department, each district's channel should get one post).
 */
import { launchCampaign } from "../../src/campaigns/launch-campaign.ts";
import { readCampaignFile } from "../../src/campaigns/definition/load-campaign-file.ts";
import { readyMadeCampaignFile } from "../../src/campaigns/definition/ready-made.ts";
import { reminderSettingsOf, scheduleOf } from "../../src/campaigns/settings.ts";
import type { Database } from "../../src/db/client.ts";
import { taskKindFromDb } from "../../src/domain/campaigns/types.ts";
import { dueNow } from "../../src/domain/reminders/due-now.ts";
import { SEEDED_COUNTIES } from "./trial-support.ts";

const ZONE = "Asia/Shanghai";
/** Thursday 28 May 2026, half past nine: the T-3 reminder of a report due on 31 May is due. */
export const REMINDER_TICK_AT = "2026-05-28T09:30:00+08:00";

/** What a round leaves as it is: the directory, the matrix and what else the seed loads, and the append-only audit log. */
const KEPT_TABLES = new Set([
  "Department",
  "Liaison",
  "VenueType",
  "MatrixEntry",
  "MatrixVersion",
  "MatrixChange",
  "SupervisionGroup",
  "SupervisionGroupMember",
  "SupervisionGroupCounty",
  "HolidayYear",
  "ScoringRulesVersion",
  "CampaignTemplate",
  "AuditEntry",
]);

/**
 * Empties every other table, so a round starts from what a fresh office has: no campaign, no outbox row, and nothing
 * derived from either (reminder bundles, kept messages, markers). Leaving such rows behind while the outbox is
 * emptied makes a state no real run reaches (a bundle written, its send forgotten).
 */
async function wipeRoundState(db: Database): Promise<void> {
  const tables = await db.prisma.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`;
  const wiped = tables.map((t) => t.tablename).filter((t) => !KEPT_TABLES.has(t) && !t.startsWith("_prisma"));
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${wiped.map((t) => `"${t}"`).join(", ")}`);
}

/**
 * Replaces every campaign (and the outbox, and all that follows from them) with a fresh run of the ready-made hazard report, launched on 20 May to
 * every district the trial added and still `launching`: nothing posted yet. `reportOnly` keeps only its report task.
 */
export async function freshHazardReportRun(db: Database, options: { reportOnly?: boolean } = {}): Promise<string> {
  await wipeRoundState(db);
  const file = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
  const { campaignId } = await launchCampaign(db.prisma, {
    file: {
      ...file,
      targets: { groups: ["all-counties"], departments: [], except: SEEDED_COUNTIES },
      ...(options.reportOnly ? { tasks: file.tasks.filter((t) => t.key === "rectification-report") } : {}),
    },
    fileName: "faults",
    launchedBy: "cli:faults",
    // The ready-made campaign's windows are dated; launch it on a day they are open (posting uses the wall clock).
    now: new Date("2026-05-20T10:00:00+08:00"),
    zone: ZONE,
  });
  return campaignId;
}

/**
 * A fresh run of the hazard report (its report task only), recorded as launched with every launch post out, so that
 * at REMINDER_TICK_AT exactly one reminder is due to each district. Returns the districts' channels.
 */
export async function freshReminderCampaign(db: Database): Promise<{ campaignId: string; channels: string[] }> {
  const campaignId = await freshHazardReportRun(db, { reportOnly: true });
  // The launch went out earlier (not under test here): every target has its post.
  await db.prisma.$executeRawUnsafe(
    `UPDATE "CampaignTarget" SET "messageTs" = '1779000000.' || "departmentId" WHERE "campaignId" = $1`,
    campaignId,
  );
  const campaign = await db.prisma.campaign.update({
    where: { id: campaignId },
    data: { status: "launched" },
    select: { definition: true, tasks: true, targets: { select: { channelId: true } } },
  });
  const at = new Date(REMINDER_TICK_AT);
  for (const t of campaign.tasks) {
    const due = dueNow({ ...t, schedule: scheduleOf(taskKindFromDb(t.kind)) }, reminderSettingsOf(campaign.definition), ZONE, at);
    if (!due.reminder || due.escalation || due.summary)
      throw new Error(`trial setup: expected one reminder due at ${REMINDER_TICK_AT}: ${JSON.stringify(due)}`);
  }
  return { campaignId, channels: campaign.targets.map((t) => t.channelId) };
}
