import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../lib/logger.ts";
import type { WhoLeadsService } from "../matrix/who-leads.ts";

/** What listeners may use: services and settings, never the entry file's state. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  whoLeads: WhoLeadsService;
  /** The current time; tests and the sandbox move it. */
  now: () => Date;
}
