import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { seedDefaults } from "../../src/directory/seed-defaults.ts";
import { AppError } from "../../src/lib/errors.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { realDirectoryEntries } from "../../src/sandbox/demo-directory.ts";
import { findRealDirectory, sandboxDatabaseUrl } from "../../src/server/sandbox-guard.ts";
import { startSandboxMode } from "../../src/server/start-sandbox.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds } from "../support/fixtures.ts";

const silent = createLogger("silent");
const directory = (db: Database) =>
  db.prisma.department.findMany({ orderBy: { id: "asc" }, include: { liaisons: { orderBy: { slackUserId: "asc" } } } });

describe("the sandbox's own folder, whatever DATABASE_URL says", () => {
  it.each([
    ["pglite:./.data/pglite", "pglite:.data/sandbox"],
    ["pglite:/data/pglite", "pglite:/data/sandbox"],
    ["pglite:/data/sandbox", "pglite:/data/sandbox-sandbox"],
    ["postgresql://u:p@db:5432/redline", "pglite:./.data/sandbox"],
  ])("%s → %s", (configured, sandbox) => expect(sandboxDatabaseUrl(configured)).toBe(sandbox));

  it("a directory is real when a Slack id is not the sandbox's own", () => {
    const row = { id: "culture", nameZh: "文化部门", slackChannelId: null, headSlackUserId: null, liaisonSlackUserIds: [] as string[] };
    expect(realDirectoryEntries([row])).toEqual([]); // the speech's seed: no Slack ids
    expect(realDirectoryEntries([{ ...row, slackChannelId: "C0CULTURE", headSlackUserId: "U0CULTUREH", liaisonSlackUserIds: ["U0CULTUREL"] }])).toEqual([]);
    expect(realDirectoryEntries([{ ...row, slackChannelId: "C0CULTURE", liaisonSlackUserIds: ["U07REALPERSON"] }])).toHaveLength(1);
    expect(realDirectoryEntries([{ ...row, headSlackUserId: "U07REALHEAD" }])).toHaveLength(1);
  });
});

describe.each(dbKinds())("npm start without Slack credentials, DATABASE_URL at an office's %s database", (kind) => {
  let dir: string;
  let office: Database;
  let officeUrl: string;
  /** The office's database, as a separate process would find it: a folder (embedded) or a server (PostgreSQL). */
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "redline-sandbox-guard-"));
    if (kind === "embedded") {
      officeUrl = `pglite:${dir}/office`;
      const db = await openDatabase(officeUrl, { migrate: true });
      await seedDefaults(db.prisma);
      await db.close();
    } else {
      office = await openTestDatabase("postgres");
      officeUrl = office.url;
    }
  }, 120_000);
  afterAll(async () => {
    await office?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const withOffice = async <T>(f: (db: Database) => Promise<T>): Promise<T> => {
    if (office) return f(office);
    const db = await openDatabase(officeUrl);
    try {
      return await f(db);
    } finally {
      await db.close();
    }
  };
  const base = () => loadConfig({ PORT: "0", LOG_LEVEL: "silent", DATABASE_URL: officeUrl });

  it("only the speech's seed there (no Slack ids): nothing real found, nothing changed by looking", async () => {
    const before = await withOffice(directory);
    expect(await findRealDirectory(officeUrl)).toEqual([]);
    expect(await withOffice(directory)).toEqual(before);
  });

  // The sandbox's own folder sits next to the office's embedded one (in a temporary folder here); on PostgreSQL it
  // would be ./.data/sandbox in the working directory, which a test should not touch.
  it.skipIf(kind === "postgres")("only the speech's seed there: the sandbox runs on its own folder and writes nothing there", async () => {
    const before = await withOffice(directory);
    const sandboxFolder = path.join(dir, "sandbox");
    const running = await startSandboxMode(base(), { logger: silent, env: { DATABASE_URL: officeUrl } });
    try {
      expect(running.redline.deps.config.databaseUrl).toBe(`pglite:${sandboxFolder}`);
      const culture = await running.redline.deps.db.department.findUniqueOrThrow({ where: { id: "culture" } });
      expect(culture.slackChannelId).toBe("C0CULTURE");
    } finally {
      await running.stop();
    }
    expect(await withOffice(directory)).toEqual(before);
  }, 180_000);

  it("a real directory there: refused in both languages, naming the database; nothing changed, no sandbox folder", async () => {
    await withOffice((db) => registerSlackIds(db.prisma, ["culture", "civil-affairs"]));
    const before = await withOffice(directory);
    await rm(path.join(dir, "sandbox"), { recursive: true, force: true });
    const error = await startSandboxMode(base(), { logger: silent, env: { DATABASE_URL: officeUrl } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const where = kind === "embedded" ? `${dir}/office` : new URL(officeUrl).host + new URL(officeUrl).pathname;
    expect((error as AppError).messageFor("zh")).toContain(`沙盒未启动：${where} 中有真实的单位名录（2 个单位登记了 Slack 频道或人员`);
    expect((error as AppError).messageFor("en")).toContain(`The sandbox did not start: ${where} holds a real directory (2 departments`);
    expect(await withOffice(directory)).toEqual(before);
    expect(existsSync(path.join(dir, "sandbox"))).toBe(false);
  }, 120_000);
});

describe("the Docker image", () => {
  it("does not start the sandbox by default: its ENV turns REDLINE_SANDBOX off", async () => {
    const { readFile } = await import("node:fs/promises");
    const dockerfile = await readFile(path.join(import.meta.dirname, "../../Dockerfile"), "utf8");
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    const env = Object.fromEntries([...runtime.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=(\S+?)\s*\\?$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(env).toMatchObject({ DATABASE_URL: "pglite:/data/pglite", REDLINE_SANDBOX: "off" });
    expect(loadConfig(env).sandbox).toBe(false);
  });
});
