import type { Config } from "../config/env.ts";
import type { Db } from "../db/client.ts";
import type { Delivery } from "../delivery/delivery.ts";
import type { Logger } from "../lib/logger.ts";
import type { WhoLeadsService } from "../matrix/who-leads.ts";

/** What listeners may use: services and settings, never the entry file's state. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  whoLeads: WhoLeadsService;
  /** The one way out to Slack for everything the services post, update, upload or publish. */
  delivery: Delivery;
  /** The current time; tests and the sandbox move it. */
  now: () => Date;
}
