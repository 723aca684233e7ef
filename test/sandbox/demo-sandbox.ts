import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startSandboxMode, type RunningSandbox } from "../../src/server/start-sandbox.ts";
import { openTestDatabase } from "../support/db.ts";

/** Monday 25 May 2026, 09:00 in the office's zone: the demo's fire action is in its week, the demo meeting is tomorrow. */
export const DEMO_START = new Date("2026-05-25T09:00:00+08:00");

export interface DemoSandbox {
  readonly db: Database;
  readonly running: RunningSandbox;
}

/**
 * The sandbox as `npm start` runs it without Slack credentials (demo directory, campaign, meeting and hazards seeded,
 * the real bot behind the page), on a fresh embedded database, started before the file's tests and stopped after.
 */
export function useDemoSandbox(start: Date = DEMO_START): DemoSandbox {
  let db: Database | undefined;
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    db = await openTestDatabase("embedded");
    running = await startSandboxMode(loadConfig({ PORT: "0", LOG_LEVEL: "silent" }), {
      logger: createLogger("silent"),
      database: db,
      start,
    });
  });
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get db() {
      if (!db) throw new Error("the demo sandbox is not started yet (use it inside a test)");
      return db;
    },
    get running() {
      if (!running) throw new Error("the demo sandbox is not started yet (use it inside a test)");
      return running;
    },
  };
}
