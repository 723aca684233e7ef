import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../lib/errors.ts";

export type Cooldown = { taken: true; release(): Promise<void> } | { taken: false; lastAt: Date; lastBy: string };

/**
 * Takes `key` for one run if it has not run in the last `windowMs`: an insert for the first run, then a conditional
 * update (`at` older than the window), so of two replicas asked at once exactly one wins. `release()` gives the turn
 * back when the run failed, so the office can try again at once.
 */
export async function takeCooldown(db: Db, key: string, by: string, now: Date, windowMs: number): Promise<Cooldown> {
  const release = async () => {
    await db.commandCooldown.updateMany({ where: { key, at: now, by }, data: { at: new Date(0) } });
  };
  try {
    await db.commandCooldown.create({ data: { key, at: now, by } });
    return { taken: true, release };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const { count } = await db.commandCooldown.updateMany({
    where: { key, at: { lte: new Date(now.getTime() - windowMs) } },
    data: { at: now, by },
  });
  if (count === 1) return { taken: true, release };
  const row = await db.commandCooldown.findUniqueOrThrow({ where: { key } });
  return { taken: false, lastAt: row.at, lastBy: row.by };
}
