import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** The file in an embedded data folder that says which process owns it. */
export const LOCK_FILE = "redline.lock";
/** Where the bot holding the folder says how to reach its admin endpoint (port, token): readable by its user only. */
export const ADMIN_FILE = "redline-admin.json";

export const ZAdminFile = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  token: z.string().min(32),
  /** The lock it belongs to: an admin file left by an earlier holder is ignored. */
  lockNonce: z.string().min(8),
});
export type AdminFile = z.infer<typeof ZAdminFile>;

export const ZLockRole = z.enum(["bot", "cli", "sandbox"]);
export type LockRole = z.infer<typeof ZLockRole>;

export const ZLockInfo = z.object({
  pid: z.number().int().positive(),
  host: z.string().min(1),
  startedAt: z.string().min(1),
  role: ZLockRole,
  /** The kernel's boot id: a lock written before a reboot is stale whatever its pid says. */
  bootId: z.string().optional(),
  /** Unique per acquisition, so a release (or a takeover) only ever removes the lock it means. */
  nonce: z.string().min(8),
});
export type LockInfo = z.infer<typeof ZLockInfo>;

export type LockState = { state: "absent" } | { state: "torn"; text: string } | { state: "held"; info: LockInfo };

export interface DataLock {
  folder: string;
  path: string;
  info: LockInfo;
  /** Removes the lock file if it is still this one; safe to call twice. */
  release(): void;
}

export interface AcquireOptions {
  /** For tests: another host name, another pid, a liveness probe. */
  host?: string;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  bootId?: string | null;
}

/** Nonces of the locks this process holds: a lock naming our own pid that is not among them is left from an earlier run. */
const held = new Map<string, DataLock>();
let exitHookInstalled = false;

export function lockPath(folder: string): string {
  return path.join(folder, LOCK_FILE);
}

export function readDataLock(folder: string): LockState {
  let text: string;
  try {
    text = readFileSync(lockPath(folder), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    return { state: "torn", text: String((e as Error).message) };
  }
  try {
    const parsed = ZLockInfo.safeParse(JSON.parse(text));
    return parsed.success ? { state: "held", info: parsed.data } : { state: "torn", text };
  } catch {
    return { state: "torn", text };
  }
}

function currentBootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours to signal.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

type Verdict = "alive" | "stale" | "foreign";

/** Whether the process that wrote `info` may still be using the folder. */
export function judgeHolder(info: LockInfo, options: AcquireOptions = {}): Verdict {
  const host = options.host ?? os.hostname();
  if (info.host !== host) return "foreign";
  const bootId = options.bootId === undefined ? currentBootId() : options.bootId;
  if (info.bootId && bootId && info.bootId !== bootId) return "stale";
  const pid = options.pid ?? process.pid;
  // Our own pid (a container restarted as pid 1 again): alive only if this very process took it.
  if (info.pid === pid) return held.has(info.nonce) ? "alive" : "stale";
  return (options.isAlive ?? pidAlive)(info.pid) ? "alive" : "stale";
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Writes `text` to a fresh file beside the lock and returns its path: the lock only ever appears whole. */
function writeTemp(target: string, text: string, nonce: string): string {
  const tmp = `${target}.${process.pid}.${nonce}.tmp`;
  const fd = openSync(tmp, "wx", 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

const unlinkQuietly = (file: string) => {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
};

/** link(2) fails when the name exists: the one atomic "create if absent" every file system here has. */
function linkExclusive(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/**
 * Replaces a stale lock under a short takeover guard, so two processes finding the same stale lock cannot both
 * remove it and each think they own the folder. Returns false when someone else is taking over (try again).
 */
function takeOver(file: string, stale: LockInfo, tmp: string, mine: LockInfo, options: AcquireOptions): boolean {
  const guard = `${file}.takeover`;
  const guardTmp = writeTemp(guard, JSON.stringify(mine), mine.nonce);
  try {
    if (!linkExclusive(guardTmp, guard)) {
      // A guard whose writer died mid-takeover (a window of microseconds) would block forever; judge it like a lock.
      try {
        const info = ZLockInfo.parse(JSON.parse(readFileSync(guard, "utf8")));
        if (judgeHolder(info, options) === "stale") unlinkQuietly(guard);
      } catch {
        /* being written or removed: try again */
      }
      return false;
    }
  } finally {
    unlinkQuietly(guardTmp);
  }
  try {
    const now = readDataLock(path.dirname(file));
    if (now.state === "held" && now.info.nonce === stale.nonce) unlinkSync(file);
    return linkExclusive(tmp, file);
  } finally {
    unlinkQuietly(guard);
  }
}

/**
 * Makes this process the only one using the embedded data folder: creates `<folder>/redline.lock` atomically
 * (temp file + link), takes over a stale lock (same host, its process gone), refuses a live one, one from another
 * host or an unreadable one with AppError `database_busy`. Released by `release()` or when the process exits.
 */
export function acquireDataLock(folder: string, role: LockRole, options: AcquireOptions = {}): DataLock {
  const file = lockPath(folder);
  const bootId = options.bootId === undefined ? currentBootId() : options.bootId;
  const info: LockInfo = {
    pid: options.pid ?? process.pid,
    host: options.host ?? os.hostname(),
    startedAt: new Date().toISOString(),
    role,
    ...(bootId ? { bootId } : {}),
    nonce: randomBytes(12).toString("hex"),
  };
  const tmp = writeTemp(file, `${JSON.stringify(info)}\n`, info.nonce);
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 100) throw busyError(folder, { state: "torn", text: "takeover did not settle" });
      if (linkExclusive(tmp, file)) break;
      const current = readDataLock(folder);
      if (current.state === "absent") continue;
      if (current.state === "torn") throw busyError(folder, current);
      const verdict = judgeHolder(current.info, options);
      if (verdict !== "stale") throw busyError(folder, current, verdict);
      if (takeOver(file, current.info, tmp, info, options)) break;
      sleepSync(10);
    }
  } finally {
    unlinkQuietly(tmp);
  }
  const lock: DataLock = {
    folder,
    path: file,
    info,
    release() {
      if (!held.delete(info.nonce)) return;
      const admin = readAdminFile(folder);
      if (admin.state === "ok" && admin.file.lockNonce === info.nonce) unlinkQuietly(path.join(folder, ADMIN_FILE));
      const now = readDataLock(folder);
      if (now.state === "held" && now.info.nonce === info.nonce) unlinkQuietly(file);
    },
  };
  held.set(info.nonce, lock);
  // Whatever admin file is there belongs to an earlier holder: its port and token are dead.
  unlinkQuietly(path.join(folder, ADMIN_FILE));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A process that exits without closing the database (process.exit in a signal handler) still lets go.
    process.on("exit", () => {
      for (const l of [...held.values()]) l.release();
    });
  }
  return lock;
}

/**
 * Waits while another redline command holds the folder (commands are short; a bot or CLI starting meanwhile should
 * not fail for it), saying so once; anything else is refused at once, as `acquireDataLock` does.
 */
export async function acquireDataLockWaiting(
  folder: string,
  role: LockRole,
  options: AcquireOptions & { waitMs?: number; onWait?: (line: string) => void } = {},
): Promise<DataLock> {
  const until = Date.now() + (options.waitMs ?? 60_000);
  let told = false;
  for (;;) {
    try {
      return acquireDataLock(folder, role, options);
    } catch (e) {
      const holder = (e as AppError).details?.holder as LockInfo | undefined;
      if ((e as AppError).code !== ErrorCode.DatabaseBusy || holder?.role !== "cli" || Date.now() > until) throw e;
      if (!told) {
        told = true;
        (options.onWait ?? ((line: string) => process.stderr.write(`${line}\n`)))(
          `另一条 redline 命令（进程 ${holder.pid}）正在使用数据库 ${folder}，等待其完成… / Another redline command (pid ${holder.pid}) is using the database ${folder}; waiting for it to finish…`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export type AdminFileState = { state: "absent" } | { state: "unreadable"; reason: string } | { state: "ok"; file: AdminFile };

export function readAdminFile(folder: string): AdminFileState {
  let text: string;
  try {
    text = readFileSync(path.join(folder, ADMIN_FILE), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { state: "absent" } : { state: "unreadable", reason: code ?? String(e) };
  }
  try {
    const parsed = ZAdminFile.safeParse(JSON.parse(text));
    return parsed.success ? { state: "ok", file: parsed.data } : { state: "unreadable", reason: "invalid" };
  } catch {
    // Renamed into place whole, so a partial file is never seen; this is someone else's.
    return { state: "unreadable", reason: "invalid" };
  }
}

/** Publishes the admin endpoint of the lock's holder: written 0600 to a temp file, then renamed into place. */
export function writeAdminFile(lock: DataLock, port: number, token: string): void {
  const file = path.join(lock.folder, ADMIN_FILE);
  const tmp = `${file}.${process.pid}.${lock.info.nonce}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    chmodSync(tmp, 0o600);
    writeSync(fd, JSON.stringify({ pid: lock.info.pid, port, token, lockNonce: lock.info.nonce } satisfies AdminFile));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

const ROLE = {
  bot: { zh: "机器人", en: "the bot" },
  cli: { zh: "redline 命令", en: "a redline command" },
  sandbox: { zh: "沙盒", en: "the sandbox" },
} as const;

/** The one sentence a second process gets: who holds the folder, and what to do. */
export function busyError(folder: string, state: LockState, verdict: Verdict = "alive"): AppError {
  const file = lockPath(folder);
  if (state.state !== "held") {
    return new AppError(
      ErrorCode.DatabaseBusy,
      {
        zh: `数据库文件夹 ${folder} 的锁文件 ${file} 无法读取（可能已损坏），为免两个进程同时写入，没有打开数据库；请确认没有 redline 进程在使用该文件夹后删除此文件再试。`,
        en: `The lock file ${file} of the database folder ${folder} cannot be read (it may be damaged), so the database was not opened, to keep two processes from writing at once; make sure no redline process uses the folder, then delete that file and try again.`,
      },
      { details: { folder, lock: state.state } },
    );
  }
  const { pid, host, role, startedAt } = state.info;
  if (verdict === "foreign") {
    return new AppError(
      ErrorCode.DatabaseBusy,
      {
        zh: `数据库文件夹 ${folder} 正被另一台机器 ${host} 上的 ${ROLE[role].zh}（进程 ${pid}，${startedAt} 起）占用，无法判断它是否还在运行，没有打开数据库；请在 ${host} 上停止它，若确定它已停止，删除 ${file} 再试。`,
        en: `The database folder ${folder} is held by ${ROLE[role].en} on another host, ${host} (pid ${pid}, since ${startedAt}), which cannot be checked from here, so the database was not opened; stop it on ${host}, or if you are sure it has stopped, delete ${file} and try again.`,
      },
      { details: { folder, holder: state.info } },
    );
  }
  return new AppError(
    ErrorCode.DatabaseBusy,
    {
      zh: `数据库文件夹 ${folder} 正被${ROLE[role].zh}占用（进程 ${pid}，${startedAt} 起），嵌入式数据库同一时间只允许一个进程写入，没有打开数据库；请等它结束或先停止它再试，需要多个进程同时运行时请改用 PostgreSQL（DATABASE_URL=postgresql://…）。`,
      en: `The database folder ${folder} is in use by ${ROLE[role].en} (pid ${pid}, since ${startedAt}); the embedded database takes one writer at a time, so it was not opened: wait for that process to finish or stop it, then try again, or use PostgreSQL (DATABASE_URL=postgresql://…) to run several processes.`,
    },
    { details: { folder, holder: state.info } },
  );
}
