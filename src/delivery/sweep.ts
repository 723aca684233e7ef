import type { WebClient } from "@slack/web-api";
import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";

/** What a scheduled sweep may use. It posts through `client` and lets the database decide what is due. */
export interface SweepDeps {
  db: Db;
  client: WebClient;
  config: Config;
  logger: Logger;
}

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
