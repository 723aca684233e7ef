import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../lib/logger.ts";

/** Declarative scheduled work: an id, a cron expression, and what to run. */
export interface Job {
  id: string;
  cron: string;
  run(now: Date): Promise<unknown>;
}

export const TICK_JOB_ID = "tick";

/**
 * Starts node-cron tasks for the jobs. `noOverlap` skips a slot while the previous run is still going on
 * this replica; across replicas the database claims keep every send single.
 */
export function startScheduler(
  jobs: readonly Job[],
  options: { zone: string; logger: Logger; now: () => Date },
): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        const now = options.now();
        try {
          const result = await job.run(now);
          options.logger.debug({ job: job.id, at: now.toISOString(), result }, "scheduled job ran");
        } catch (e) {
          options.logger.error({ err: e, job: job.id }, "scheduled job failed");
        }
      },
      { name: job.id, timezone: options.zone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
