import { Readable } from "node:stream";
import type { Database } from "../db/client.ts";
import type { AdminCliRequest, AdminCliResponse } from "../server/admin-endpoint.ts";
import type { AppDeps } from "../slack/deps.ts";
import type { CliContext } from "./context.ts";
import { runCli } from "./program.ts";

/**
 * A CLI command sent to the running bot, run in its process: the same commander program over the bot's own database
 * and delivery (its token, claims and rate limits), output captured for the caller, who is named in the audit.
 */
export async function runInBot(
  request: AdminCliRequest,
  bot: Pick<AppDeps, "config" | "logger" | "delivery"> & { database: Database },
): Promise<AdminCliResponse> {
  const out: string[] = [];
  const err: string[] = [];
  const config = request.lang ? { ...bot.config, lang: request.lang } : bot.config;
  // The database is the bot's: it stays open after the command.
  const database: Database = { ...bot.database, close: async () => {} };
  const ctx: CliContext = {
    config: () => config,
    logger: () => bot.logger.child({ component: "cli", user: request.user }),
    database: async () => database,
    delivery: async () => bot.delivery,
    close: async () => {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    user: () => request.user,
    stdin: () => Readable.from([request.stdin ?? ""]),
  };
  const code = await runCli(request.argv, ctx);
  return { code, out, err };
}
