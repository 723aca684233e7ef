import { runCli } from "../../../src/cli/program.ts";
import { loadConfig } from "../../../src/config/env.ts";
import type { Database } from "../../../src/db/client.ts";
import { createLogger } from "../../../src/lib/logger.ts";
import { slackDelivery, type CliContext } from "../../../src/cli/context.ts";

/** `redline …` in-process over the test database, capturing what it prints. */
export function cli(db: Database, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    config: () => loadConfig({ LOG_LEVEL: "silent", REDLINE_INSTANCE_ID: "cli-test", ...env }),
    logger: () => createLogger("silent"),
    database: async () => db,
    delivery: async () => slackDelivery(ctx.config(), db.prisma, ctx.logger()),
    close: async () => {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { run: (...argv: string[]) => runCli(argv, ctx), out, err };
}
