import type { Database } from "../db/client.ts";
import type { Listening } from "../db/listen.ts";
import type { Logger } from "../lib/logger.ts";

/** The channel the matrix version trigger notifies on every bump (migration 20261203064500_matrix_version_notify). */
export const MATRIX_CHANNEL = "redline_matrix";

/** Unannounced changes are still caught this often (a notification lost to a half-open connection, say). */
const RECHECK_EVERY_MS = 30_000;

/**
 * Whether the matrix may have changed since a given moment, without asking the database: a generation that moves on
 * every notification from the version trigger (any process, any replica), on every reconnect, and every 30 s.
 */
export interface MatrixChangeFeed {
  /** Moves whenever the matrix may have changed; undefined while changes could go unannounced (not listening). */
  generation(): number | undefined;
  close(): Promise<void>;
}

export async function watchMatrixChanges(database: Pick<Database, "listen">, logger: Logger): Promise<MatrixChangeFeed> {
  let generation = 0;
  let live = false;
  let listening: Listening | undefined;
  try {
    listening = await database.listen(MATRIX_CHANNEL, {
      onNotify: () => void generation++,
      onLive: () => {
        generation++;
        if (!live) logger.info("listening for matrix changes");
        live = true;
      },
      onLost: () => {
        live = false;
        logger.warn("lost the matrix change notifications; reading the matrix version per question until reconnected");
      },
    });
  } catch (e) {
    logger.warn({ err: e }, "cannot listen for matrix changes; reading the matrix version per question");
  }
  const recheck = setInterval(() => void generation++, RECHECK_EVERY_MS);
  recheck.unref();
  return {
    generation: () => (live ? generation : undefined),
    async close() {
      clearInterval(recheck);
      live = false;
      await listening?.close();
    },
  };
}
