import { createCliContext, type CliContext } from "../../src/cli/context.ts";
import { runCli } from "../../src/cli/program.ts";
import type { Database } from "../../src/db/client.ts";

/**
 * `redline …` in-process over a test database, capturing what it prints. The context is the CLI's own, so config,
 * delivery (a Slack token in `env` → posts through the same claims as the bot) and errors are the real ones.
 */
export function testCli(db: Database, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    ...createCliContext({ LOG_LEVEL: "silent", REDLINE_INSTANCE_ID: "cli-test", ...env }),
    database: async () => db,
    close: async () => {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return {
    run: (...argv: string[]) => runCli(argv, ctx),
    out,
    err,
    text: () => out.join("\n"),
    errText: () => err.join("\n"),
  };
}
