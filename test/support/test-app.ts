import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startRedline, type RunningRedline } from "../../src/server/start-redline.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "./slack-requests.ts";

export interface TestClock {
  now: () => Date;
  set(to: Date | string): void;
}

export function testClock(start: Date | string = "2026-05-25T09:00:00+08:00"): TestClock {
  let current = new Date(start);
  return { now: () => new Date(current), set: (to) => void (current = new Date(to)) };
}

/** The real Bolt app in HTTP mode on a free loopback port, over the given test database. */
export async function startTestApp(
  database: Database,
  options: { env?: Record<string, string>; clock?: TestClock } = {},
): Promise<RunningRedline & { url: string }> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    PORT: "0",
    LOG_LEVEL: "silent",
    REDLINE_SCHEDULER: "off",
    REDLINE_INSTANCE_ID: "test",
    // No pacing against the Slack fake (the limiter has its own fake-clock tests; the bench paces for real).
    REDLINE_SLACK_POSTS_PER_SECOND: "0",
    ...options.env,
  });
  const running = await startRedline(config, {
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    database,
    retries: 0,
    now: options.clock?.now,
  });
  return running as RunningRedline & { url: string };
}
