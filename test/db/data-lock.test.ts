import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createCliContext } from "../../src/cli/context.ts";
import { runCli } from "../../src/cli/program.ts";
import { createAdapter } from "../../src/db/adapters.ts";
import { acquireDataLock, LOCK_FILE, readDataLock, type LockInfo } from "../../src/db/data-lock.ts";
import { isAppError } from "../../src/lib/errors.ts";
import { waitFor } from "../support/wait-for.ts";

const HOLDER = path.join(import.meta.dirname, "fixtures/hold-database.ts");
const TAKER = path.join(import.meta.dirname, "fixtures/take-lock.ts");

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "redline-lock-"));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

let n = 0;
const freshDir = () => path.join(root, `f${++n}`);
const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8")) as LockInfo;
const writeLock = (dir: string, info: Partial<LockInfo>) =>
  writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({ pid: 1, host: os.hostname(), startedAt: "2026-05-01T00:00:00.000Z", role: "bot", nonce: "old-lock-nonce", ...info }),
  );
const catchBusy = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e) && e.code === "database_busy") return e;
    throw e;
  }
  throw new Error("expected database_busy");
};

/** A pid that certainly belongs to no process: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid!;
}

/** An embedded folder with the test template (migrated, seeded): opening it does not rebuild the schema. */
async function migratedFolder(): Promise<string> {
  const dir = freshDir();
  const pg = new PGlite(dir, { loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]) });
  await pg.query("SELECT 1");
  await pg.close();
  return dir;
}

describe("the lock file of an embedded folder", () => {
  it("is created whole with pid, host, start time and role, refused to a second opener, and gone after release", async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const lock = acquireDataLock(dir, "cli");
    const info = lockOf(dir);
    expect(info).toMatchObject({ pid: process.pid, host: os.hostname(), role: "cli" });
    expect(Date.parse(info.startedAt)).not.toBeNaN();
    // The same process opening the folder twice would be two PGlite instances on one folder: refused too.
    const error = catchBusy(() => acquireDataLock(dir, "bot"));
    expect(error.messageFor("zh")).toContain(`进程 ${process.pid}`);
    expect(lockOf(dir).nonce).toBe(info.nonce);
    lock.release();
    lock.release();
    expect(readDataLock(dir)).toEqual({ state: "absent" });
    // Nothing left behind but the lock itself (no temp files, no takeover guard).
    const again = acquireDataLock(dir, "bot");
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    again.release();
  });

  it("takes over a stale lock: same host and its process gone, or our own pid from an earlier run, or an earlier boot", async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    for (const stale of [{ pid: await deadPid() }, { pid: process.pid }, { pid: 1, bootId: "another-boot" }]) {
      writeLock(dir, stale);
      const lock = acquireDataLock(dir, "bot");
      expect(lockOf(dir)).toMatchObject({ pid: process.pid, role: "bot", nonce: lock.info.nonce });
      lock.release();
    }
  });

  it("refuses a live lock, one from another host and a torn one, leaving the file as it was", async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeLock(dir, { pid: 1 }); // init: alive on every Linux
    expect(catchBusy(() => acquireDataLock(dir, "cli")).messageFor("en")).toContain("in use by the bot (pid 1");

    writeLock(dir, { host: "other-host", pid: await deadPid() });
    const foreign = catchBusy(() => acquireDataLock(dir, "cli"));
    expect(foreign.messageFor("zh")).toContain("另一台机器 other-host");
    expect(foreign.messageFor("en")).toContain(`delete ${path.join(dir, LOCK_FILE)}`);

    for (const torn of ['{"pid": 12', "", "not json at all"]) {
      writeFileSync(path.join(dir, LOCK_FILE), torn);
      const error = catchBusy(() => acquireDataLock(dir, "bot"));
      expect(error.messageFor("zh")).toContain("无法读取");
      expect(error.messageFor("en")).toContain("cannot be read");
      expect(readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(torn);
    }
  });

  it("PostgreSQL takes no lock (nothing is connected until a query)", async () => {
    const handle = await createAdapter("postgresql://nobody@127.0.0.1:1/none");
    expect(handle.lock).toBeUndefined();
    await handle.close();
  });
});

describe("two processes on one embedded folder", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  });

  /** Starts the fixture holding `dir` and resolves once it has the database open. */
  function hold(dir: string, role = "bot"): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", HOLDER, `pglite:${dir}`, role], { stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = "";
      let err = "";
      child.stdout!.on("data", (d) => {
        out += d;
        if (out.includes("open ")) resolve(child);
      });
      child.stderr!.on("data", (d) => (err += d));
      child.on("exit", (code) => reject(new Error(`holder exited ${code}: ${err}`)));
    });
  }

  const cliIn = (dir: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx = {
      ...createCliContext({ DATABASE_URL: `pglite:${dir}`, LOG_LEVEL: "silent" }),
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    };
    return { run: (...argv: string[]) => runCli(argv, ctx), out, err };
  };

  it("a CLI command while the bot holds the folder is refused in both languages, and the bot's database is untouched", async () => {
    const dir = await migratedFolder();
    const bot = await hold(dir, "bot");
    const held = lockOf(dir);
    expect(held).toMatchObject({ pid: bot.pid, role: "bot" });

    const cli = cliIn(dir);
    // runCli returns (close() neither rethrows the refusal nor hangs on a database that never opened).
    expect(await cli.run("ask", "KTV")).toBe(1);
    expect(cli.out).toEqual([]);
    const lines = cli.err.join("\n").split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`数据库文件夹 ${dir} 正被机器人占用（进程 ${bot.pid}`);
    expect(lines[0]).toContain("PostgreSQL");
    expect(lines[1]).toContain(`is in use by the bot (pid ${bot.pid}`);
    expect(lockOf(dir)).toEqual(held);

    // A second bot (a real process) is refused the same way and exits non-zero without opening anything.
    const second = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", HOLDER, `pglite:${dir}`, "bot"], (e, _out, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(second.code).toBe(3);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(second.stderr).toContain("database_busy");

    // The bot closes: the lock goes with it, and the CLI works.
    bot.stdin!.end();
    await new Promise((r) => bot.on("exit", r));
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const after = cliIn(dir);
    expect(await after.run("ask", "KTV")).toBe(0);
    expect(after.out.join("\n")).toContain("文化部门");
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it("a CLI command finding another CLI command on the folder waits for it, says so, then runs", async () => {
    const dir = await migratedFolder();
    const other = await hold(dir, "cli");
    const cli = cliIn(dir);
    const running = cli.run("ask", "KTV");
    await waitFor(() => cli.err.some((l) => l.includes("waiting for it to finish")), "the wait message", 30_000);
    expect(cli.err[0]).toContain(`另一条 redline 命令（进程 ${other.pid}）正在使用数据库 ${dir}`);
    other.stdin!.end();
    expect(await running).toBe(0);
    expect(cli.out.join("\n")).toContain("文化部门");
  }, 120_000);

  it("four processes racing for one stale lock: exactly one gets it", async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeLock(dir, { pid: await deadPid() });
    const racers = [1, 2, 3, 4].map(() => {
      const child = spawn(process.execPath, ["--import", "tsx", TAKER, dir], { stdio: ["pipe", "pipe", "inherit"] });
      children.push(child);
      return new Promise<string>((resolve) => {
        let out = "";
        child.stdout!.on("data", (d) => {
          out += d;
          if (out.includes("\n")) resolve(out.trim());
        });
      });
    });
    const answers = await Promise.all(racers);
    expect(answers.filter((a) => a === "got")).toHaveLength(1);
    expect(answers.filter((a) => a === "busy database_busy")).toHaveLength(3);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  }, 120_000);

  it("after kill -9 the lock is stale: the next process takes it over and finds the data", async () => {
    const dir = await migratedFolder();
    const bot = await hold(dir, "bot");
    bot.kill("SIGKILL");
    await new Promise((r) => bot.on("exit", r));
    expect(lockOf(dir).pid).toBe(bot.pid);

    const cli = cliIn(dir);
    expect(await cli.run("ask", "KTV")).toBe(0);
    expect(cli.out.join("\n")).toContain("文化部门");
    expect(readDataLock(dir)).toEqual({ state: "absent" });
  }, 120_000);
});
