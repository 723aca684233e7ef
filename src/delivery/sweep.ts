import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import type { Delivery } from "./delivery.ts";

/** What a service that talks to Slack may use. It posts through `delivery` and lets the database decide what is due. */
export interface SweepDeps {
  db: Db;
  delivery: Delivery;
  config: Config;
  logger: Logger;
}

/** The same, where Slack may be absent (the CLI without a token): the service saves and leaves posting to the tick. */
export type MaybeSlackDeps = Omit<SweepDeps, "delivery"> & { delivery: Delivery | null };

export interface SweepResult {
  /** Messages this sweep posted (after winning their claims). */
  sent: number;
  /** Sends that failed and stay claimable for the next tick. */
  failed: number;
}

/**
 * One kind of scheduled work. Each tick calls every sweep with the tick's time; a sweep selects what is
 * due at `now`, claims each send (Dispatch) and posts. Sweeps must be safe to run concurrently on
 * several replicas and to run late (after downtime) — the claims make them so.
 */
export interface Sweep {
  id: string;
  run(deps: SweepDeps, now: Date): Promise<SweepResult>;
}
