import type { Db } from "../db/client.ts";
import { localDay } from "../domain/calendar/office-hours.ts";
import type { StatusBoard } from "../domain/campaigns/build-status-board.ts";
import type { UnitLedgerFigures } from "../messages/hazards/ledger-figures-board.ts";
import { ledgerFiguresSince } from "./unit-figures.ts";

/**
 * For a campaign with a report task (the hazard-rectification report): each target unit's ledger since the launch day,
 * in the board's order, from one grouped read. Null for a campaign that asks for no report.
 */
export async function campaignLedgerFigures(
  db: Db,
  board: Pick<StatusBoard, "tasks" | "rows">,
  launchedAt: Date,
  zone: string,
): Promise<{ sinceDay: string; rows: UnitLedgerFigures[] } | null> {
  if (!board.tasks.some((t) => t.task.kind === "report")) return null;
  const sinceDay = localDay(launchedAt, zone);
  const units = board.rows.map((r) => r.department);
  const figures = await ledgerFiguresSince(
    db,
    units.map((u) => u.id),
    sinceDay,
  );
  return { sinceDay, rows: units.map((u) => ({ unit: u, ...figures.get(u.id)! })) };
}
