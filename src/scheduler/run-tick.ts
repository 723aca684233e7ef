import type { Sweep, SweepDeps, SweepResult } from "../delivery/sweep.ts";

export interface TickReport {
  at: string;
  sweeps: Record<string, SweepResult | { error: string }>;
}

/** One scheduler pass at `now`: every sweep in turn; one failing sweep does not stop the others. */
export async function runTick(sweeps: readonly Sweep[], deps: SweepDeps, now: Date): Promise<TickReport> {
  const report: TickReport = { at: now.toISOString(), sweeps: {} };
  for (const sweep of sweeps) {
    try {
      report.sweeps[sweep.id] = await sweep.run(deps, now);
    } catch (e) {
      deps.logger.error({ err: e, sweep: sweep.id, at: report.at }, "sweep failed");
      report.sweeps[sweep.id] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return report;
}
