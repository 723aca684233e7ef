import { loadConfig, type Config } from "../config/env.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { seedDefaults } from "../directory/seed-defaults.ts";
import { createLogger, type Logger } from "../lib/logger.ts";

/** What CLI commands share: config, a quiet logger, and a database opened (migrated, seeded) on first use. */
export interface CliContext {
  config(): Config;
  logger(): Logger;
  database(): Promise<Database>;
  close(): Promise<void>;
  out: (line: string) => void;
  err: (line: string) => void;
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  let db: Promise<Database> | undefined;
  const ctx: CliContext = {
    config: () => (config ??= loadConfig(env)),
    logger: () => (logger ??= createLogger(env.LOG_LEVEL ?? "warn")),
    database: () =>
      (db ??= openDatabase(ctx.config().databaseUrl, { migrate: true }).then(async (d) => {
        await seedDefaults(d.prisma);
        return d;
      })),
    async close() {
      if (db) await (await db).close();
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  return ctx;
}
