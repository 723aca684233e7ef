import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { hasDirectoryData, seedDefaults } from "../../src/directory/seed-defaults.ts";
import { dbKinds, openTestDatabase, resetDatabase } from "../support/db.ts";

describe.each(dbKinds())("seeding the speech's directory and matrix (%s database)", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { seed: false });
  });
  afterAll(async () => db?.close());

  const counts = async () => [await db.prisma.department.count(), await db.prisma.venueType.count(), await db.prisma.matrixEntry.count()];

  it("seeds an empty database once; every later start finds it seeded and changes nothing", async () => {
    await resetDatabase(db, { seed: false });
    expect(await hasDirectoryData(db.prisma)).toBe(false);
    expect(await seedDefaults(db.prisma)).toBe(true);
    const seeded = await counts();
    expect(seeded.every((n) => n > 0)).toBe(true);
    expect(await hasDirectoryData(db.prisma)).toBe(true);
    expect(await seedDefaults(db.prisma)).toBe(false);
    expect(await counts()).toEqual(seeded);
  });

  it("never adds the speech's data to an office's own directory, even one without a matrix", async () => {
    await resetDatabase(db, { seed: false });
    await db.prisma.department.create({
      data: { id: "own", nameZh: "本市应急管理局", nameEn: "Emergency Management", kind: "department" },
    });
    expect(await seedDefaults(db.prisma)).toBe(false);
    expect(await counts()).toEqual([1, 0, 0]);
  });
});
