import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import type { Db } from "../../src/db/client.ts";
import type { Listen } from "../../src/db/listen.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { MATRIX_CHANNEL, watchMatrixChanges, type MatrixChangeFeed } from "../../src/matrix/matrix-changes.ts";
import { createWhoLeadsService } from "../../src/matrix/who-leads.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { adminSql } from "../support/pg-admin.ts";
import { waitFor, waitForAsync } from "../support/wait-for.ts";

const logger = createLogger("silent");

/** The Prisma client with its reads of the version row counted (what a question costs the database). */
function counting(prisma: Db) {
  const counter = { versionReads: 0 };
  const db = new Proxy(prisma, {
    get(target, key, receiver) {
      if (key !== "matrixVersion") return Reflect.get(target, key, receiver);
      return new Proxy(target.matrixVersion, {
        get(delegate, k, r) {
          const value = Reflect.get(delegate, k, r);
          if (k !== "findUnique") return value;
          return (...args: Parameters<typeof delegate.findUnique>) => {
            counter.versionReads++;
            return delegate.findUnique(...args);
          };
        },
      });
    },
  });
  return { db, counter };
}

/** Gives 养老院 to the fire brigade, as an import or an edit on another replica would. */
async function moveNursingHome(prisma: Db, to: string) {
  await prisma.matrixEntry.updateMany({ where: { venueTypeId: "nursing-home" }, data: { departmentId: to } });
}

describe.each(dbKinds())("the matrix held in memory, read again when the database announces a change (%s database)", (kind) => {
  let db: Database;
  /** Another process's connections to the same database: another replica, or `redline import`. */
  let other: Database;
  let feed: MatrixChangeFeed;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // The embedded database is one session in one process; PostgreSQL gets a pool and a listener of its own.
    other = kind === "postgres" ? await openDatabase(db.url) : db;
    feed = await watchMatrixChanges(db, logger);
  });
  afterAll(async () => {
    await feed?.close();
    if (other !== db) await other?.close();
    await db?.close();
  });

  it("answers question after question without reading the database, and a change written elsewhere after its notification", async () => {
    const { db: prisma, counter } = counting(db.prisma);
    const whoLeads = createWhoLeadsService(prisma, undefined, feed);
    expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("civil-affairs");
    const first = counter.versionReads;
    for (let i = 0; i < 20; i++) expect((await whoLeads.ask(i % 2 ? "养老院" : "KTV")).status).toBe("found");
    expect(counter.versionReads).toBe(first);

    await moveNursingHome(other.prisma, "fire-brigade");
    // Embedded: one session, the notification is in before the write returns. PostgreSQL: it follows the commit.
    if (kind === "embedded") expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("fire-brigade");
    await waitForAsync(async () => (await whoLeads.ask("养老院")).leads[0]?.id === "fire-brigade", "the change on the other connection");
    const after = counter.versionReads;
    for (let i = 0; i < 20; i++) await whoLeads.ask("养老院");
    expect(counter.versionReads).toBe(after);
    await moveNursingHome(other.prisma, "civil-affairs");
  });

  it("a write in this process is answered by the very next question, before any notification", async () => {
    const whoLeads = createWhoLeadsService(db.prisma, undefined, { generation: () => 1, close: async () => {} });
    expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("civil-affairs");
    await moveNursingHome(db.prisma, "fire-brigade");
    // The fake feed never moves: only changed() makes the service look again.
    expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("civil-affairs");
    whoLeads.changed();
    expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("fire-brigade");
    await moveNursingHome(db.prisma, "civil-affairs");
  });

  it("reads the version row per question while it cannot listen, so nothing is missed", async () => {
    const deaf: Listen = async () => {
      throw new Error("LISTEN refused");
    };
    const notListening = await watchMatrixChanges({ listen: deaf }, logger);
    expect(notListening.generation()).toBeUndefined();
    const { db: prisma, counter } = counting(db.prisma);
    const whoLeads = createWhoLeadsService(prisma, undefined, notListening);
    await whoLeads.ask("养老院");
    await whoLeads.ask("养老院");
    expect(counter.versionReads).toBe(2);
    await moveNursingHome(other.prisma, "fire-brigade");
    expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("fire-brigade");
    await moveNursingHome(other.prisma, "civil-affairs");
    await notListening.close();
  });

  it.runIf(kind === "postgres")("a killed listener connection: per-question reads meanwhile, listening again after", async () => {
    const own = await watchMatrixChanges(db, logger);
    try {
      const whoLeads = createWhoLeadsService(db.prisma, undefined, own);
      expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("civil-affairs");
      const name = new URL(db.url).pathname.slice(1);
      await adminSql(db.url, [
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND query = 'LISTEN ${MATRIX_CHANNEL}'`,
      ]);
      await waitFor(() => own.generation() === undefined, "the feed to notice the lost connection");
      // A change while nobody is listening is still seen: the question reads the version row.
      await moveNursingHome(other.prisma, "fire-brigade");
      expect((await whoLeads.ask("养老院")).leads[0]?.id).toBe("fire-brigade");
      await waitFor(() => own.generation() !== undefined, "the feed to listen again");
      await moveNursingHome(other.prisma, "civil-affairs");
      await waitForAsync(async () => (await whoLeads.ask("养老院")).leads[0]?.id === "civil-affairs", "the change after reconnecting");
    } finally {
      await own.close();
    }
  });
});
