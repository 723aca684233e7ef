import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export type AccidentWithFollowUps = Prisma.AccidentGetPayload<{ include: { followUps: true } }>;

/** A year's accidents, oldest first, with their 四不放过 items; `openOnly` keeps those not yet closed. */
export async function listAccidents(db: Db, opts: { year?: number; openOnly?: boolean } = {}): Promise<AccidentWithFollowUps[]> {
  return db.accident.findMany({
    where: { ...(opts.year ? { year: opts.year } : {}), ...(opts.openOnly ? { closedAt: null } : {}) },
    include: { followUps: true },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
  });
}
