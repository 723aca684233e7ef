import type { Db } from "../db/client.ts";
import { mayAttempt } from "../delivery/retry-policy.ts";
import { mergeSameTask, type PlannedBundle } from "../domain/reminders/bundle.ts";
import type { ReminderBundle } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { reminderBundleKey } from "./keys.ts";

/** `IN (…)` lists are read in slices this long, so 100k due items do not make one enormous statement. */
const KEY_SLICE = 5_000;
/** Tries at writing one department's bundle when other sweeps keep writing theirs first (each try re-reads). */
const MAX_RECORD_TRIES = 5;

/** What the outbox says of a bundle now: sent, being sent or waiting out a back-off, or ours to (re)try. */
export type BundleState = "sent" | "busy" | "attempt";

export interface BundleOnRecord {
  bundle: ReminderBundle;
  /** Every item key the bundle covers. */
  itemKeys: string[];
  state: BundleState;
}

/** Rows per INSERT: five or seven columns each stays well under PostgreSQL's 65,535 bind parameters. */
const ROW_SLICE = 4_000;

function slices<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function inSlices<T>(keys: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const slice of slices(keys, KEY_SLICE)) out.push(...(await read(slice)));
  return out;
}

/**
 * The bundles that cover any of `itemKeys`, with all their items and their outbox state. A bundle with no Dispatch row
 * yet (its writer died before claiming it, or is about to) is "attempt": `postOnce` lets one claimer through.
 */
export async function bundlesCovering(
  db: Db,
  itemKeys: readonly string[],
  wallNow: Date = new Date(),
): Promise<Map<string, BundleOnRecord>> {
  const covering = await inSlices(itemKeys, (slice) =>
    db.reminderBundleItem.findMany({ where: { itemKey: { in: slice } }, select: { bundleKey: true } }),
  );
  const keys = [...new Set(covering.map((c) => c.bundleKey))];
  if (keys.length === 0) return new Map();
  const [bundles, dispatches] = await Promise.all([
    inSlices(keys, (slice) =>
      db.reminderBundle.findMany({ where: { key: { in: slice } }, include: { items: { select: { itemKey: true } } } }),
    ),
    inSlices(keys, (slice) =>
      db.dispatch.findMany({
        where: { key: { in: slice } },
        select: { key: true, status: true, attempts: true, claimedAt: true, leaseUntil: true },
      }),
    ),
  ]);
  const dispatchOf = new Map(dispatches.map((d) => [d.key, d]));
  const out = new Map<string, BundleOnRecord>();
  for (const { items, ...bundle } of bundles) {
    const d = dispatchOf.get(bundle.key);
    const state: BundleState = !d ? "attempt" : d.status === "sent" ? "sent" : mayAttempt(d, wallNow) ? "attempt" : "busy";
    out.set(bundle.key, { bundle, itemKeys: items.map((i) => i.itemKey), state });
  }
  return out;
}

/** A bundle this sweep wrote: where it goes, its place among the department's bundles, and the item keys it covers. */
export type WrittenBundle = Pick<ReminderBundle, "key" | "departmentId" | "channelId" | "part" | "parts"> & { itemKeys: string[] };

function rowsOf<T>(planned: PlannedBundle<T>, key: string, day: string, seq: number) {
  return {
    bundle: {
      key,
      departmentId: planned.departmentId,
      day,
      seq,
      channelId: planned.channelId,
      part: planned.part.index,
      parts: planned.part.count,
    },
    items: planned.entries.flatMap((e) =>
      e.covers.map((c) => ({ itemKey: c.key, bundleKey: key, campaignId: c.campaignId, taskKey: c.taskKey, kind: c.kind })),
    ),
  };
}

const written = (rows: ReturnType<typeof rowsOf>): WrittenBundle => ({ ...rows.bundle, itemKeys: rows.items.map((i) => i.itemKey) });

async function nextSeqs(db: Db, day: string, departmentIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.reminderBundle.groupBy({
    by: ["departmentId"],
    where: { day, departmentId: { in: [...new Set(departmentIds)] } },
    _max: { seq: true },
  });
  return new Map(rows.map((r) => [r.departmentId, (r._max.seq ?? 0) + 1]));
}

/**
 * Writes the planned bundles of local day `day`, each with the items it covers, before anything is posted. The
 * database decides who covers what: an item key is the primary key of its bundle item, and (department, day, seq) is
 * unique, so when sweeps or replicas race, each item lands in exactly one bundle. All bundles go in one transaction;
 * if another sweep got there first, the batch is rolled back and each department's bundle is written on its own,
 * re-reading what is already covered, under the next free sequence number. Returns the bundles this call wrote (a
 * bundle covers fewer items than planned when another sweep covered some; those are the other sweep's to post).
 */
export async function recordBundles<T>(
  db: Db,
  day: string,
  planned: readonly PlannedBundle<T>[],
  logger: Logger,
): Promise<WrittenBundle[]> {
  if (planned.length === 0) return [];
  const seqs = await nextSeqs(
    db,
    day,
    planned.map((p) => p.departmentId),
  );
  const batch = planned.map((p) => {
    const seq = seqs.get(p.departmentId) ?? 1;
    seqs.set(p.departmentId, seq + 1);
    return rowsOf(p, reminderBundleKey(p.departmentId, day, seq), day, seq);
  });
  try {
    const bundles = batch.map((b) => b.bundle);
    const items = batch.flatMap((b) => b.items);
    await db.$transaction([
      ...slices(bundles, ROW_SLICE).map((data) => db.reminderBundle.createMany({ data })),
      ...slices(items, ROW_SLICE).map((data) => db.reminderBundleItem.createMany({ data })),
    ]);
    return batch.map(written);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    logger.info({ day, bundles: planned.length }, "another sweep wrote reminder bundles at the same time; writing them one by one");
  }
  const out: WrittenBundle[] = [];
  for (const p of planned) {
    const one = await recordOne(db, day, p);
    if (one) out.push(one);
  }
  return out;
}

async function recordOne<T>(db: Db, day: string, planned: PlannedBundle<T>): Promise<WrittenBundle | null> {
  let items = planned.entries.flatMap((e) => e.covers);
  for (let attempt = 0; attempt < MAX_RECORD_TRIES; attempt++) {
    // What another sweep covered meanwhile is theirs to post: keep only the items in no bundle yet.
    const taken = new Set(
      (await db.reminderBundleItem.findMany({ where: { itemKey: { in: items.map((i) => i.key) } }, select: { itemKey: true } })).map(
        (r) => r.itemKey,
      ),
    );
    items = items.filter((i) => !taken.has(i.key));
    if (items.length === 0) return null;
    const seq = (await nextSeqs(db, day, [planned.departmentId])).get(planned.departmentId) ?? 1;
    const rows = rowsOf({ ...planned, entries: mergeSameTask(items) }, reminderBundleKey(planned.departmentId, day, seq), day, seq);
    try {
      await db.$transaction([db.reminderBundle.create({ data: rows.bundle }), db.reminderBundleItem.createMany({ data: rows.items })]);
      return written(rows);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error(`could not write a reminder bundle for ${planned.departmentId} on ${day} after ${MAX_RECORD_TRIES} tries`);
}
