import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bundlesCovering, recordBundles } from "../../src/campaigns/reminder-bundles.ts";
import type { Database } from "../../src/db/client.ts";
import { planBundles, type BundleItem } from "../../src/domain/reminders/bundle.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { dbKinds, openTestDatabase, resetDatabase } from "../support/db.ts";

const DAY = "2026-05-12";
const logger = createLogger("silent");

const item = (departmentId: string, taskKey: string, kind: BundleItem["kind"] = "reminder"): BundleItem<null> => ({
  key: `campaign:fire:task:${taskKey}:${kind === "reminder" ? "remind" : "escalate"}:${departmentId}${kind === "reminder" ? ":due" : ""}`,
  departmentId,
  channelId: `C-${departmentId}`,
  campaignId: "fire",
  taskKey,
  kind,
  payload: null,
});

describe.each(dbKinds())("writing morning bundles (%s)", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind, { seed: false });
  });
  beforeEach(async () => resetDatabase(database, { seed: false }));
  afterAll(async () => database?.close());

  it("sweeps racing with overlapping items: every item lands in exactly one bundle, and each bundle is someone's", async () => {
    const departments = ["civil-affairs", "culture", "education"];
    const all = departments.flatMap((d) => [item(d, "ack"), item(d, "ack", "escalation"), item(d, "report"), item(d, "pledge")]);
    // Four sweeps that saw different parts of the morning (one ticked before a task opened, one after).
    const views = [all, all.filter((i) => i.taskKey !== "pledge"), all.filter((i) => i.departmentId !== "culture"), all.slice().reverse()];
    const results = await Promise.all(views.map((v) => recordBundles(database.prisma, DAY, planBundles(v, 48), logger)));

    const written = results.flat();
    const keys = written.flatMap((b) => b.itemKeys);
    expect(keys.slice().sort()).toEqual(all.map((i) => i.key).sort());
    expect(new Set(keys).size).toBe(keys.length);
    const rows = await database.prisma.reminderBundle.findMany({ orderBy: [{ departmentId: "asc" }, { seq: "asc" }] });
    expect(rows.map((r) => r.key).sort()).toEqual(written.map((b) => b.key).sort());
    for (const r of rows) expect(r.key).toBe(`reminder-bundle:${r.departmentId}:${DAY}:${r.seq}`);

    // What is on record answers "who covers this item" for the next tick: nothing is left to write.
    const covering = await bundlesCovering(
      database.prisma,
      all.map((i) => i.key),
    );
    expect([...covering.values()].flatMap((b) => b.itemKeys).sort()).toEqual(keys.slice().sort());
    expect([...covering.values()].every((b) => b.state === "attempt")).toBe(true);
    expect(
      await recordBundles(
        database.prisma,
        DAY,
        planBundles(
          all.filter((i) => !keys.includes(i.key)),
          48,
        ),
        logger,
      ),
    ).toEqual([]);
  });

  it("a later bundle the same day takes the next number; a failed transaction leaves nothing half-written", async () => {
    const [first] = await recordBundles(database.prisma, DAY, planBundles([item("culture", "ack")], 48), logger);
    expect(first!.key).toBe(`reminder-bundle:culture:${DAY}:1`);
    // The first item is already covered: the batch is refused whole, then the rest is written on its own as number 2.
    const [second] = await recordBundles(
      database.prisma,
      DAY,
      planBundles([item("culture", "ack"), item("culture", "report")], 48),
      logger,
    );
    expect(second).toMatchObject({ key: `reminder-bundle:culture:${DAY}:2`, itemKeys: [item("culture", "report").key] });
    expect(await database.prisma.reminderBundleItem.count()).toBe(2);
  });
});
