import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs; LOG_LEVEL=silent in tests. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "redline" }, timestamp: pino.stdTimeFunctions.isoTime });
}
