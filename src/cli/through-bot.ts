import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../config/env.ts";
import { judgeHolder, readAdminFile, readDataLock } from "../db/data-lock.ts";
import { AppError, asAppError, ErrorCode } from "../lib/errors.ts";
import { ADMIN_CLI_PATH, ZAdminCliResponse, type AdminCliRequest } from "../server/admin-endpoint.ts";

export interface ThroughBotIo {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** The caller's OS user (default: the current one). */
  user?: string;
  /** Standard input, read only by a command that takes it (`ask --json` with no question). */
  readStdin?: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** How long to wait for a starting bot's endpoint (default 30 s). */
  waitMs?: number;
}

/** The embedded folder a database URL names (absolute), or null for PostgreSQL and in-memory databases. */
export function embeddedFolder(url: string, cwd = process.cwd()): string | null {
  if (!url.startsWith("pglite:")) return null;
  const dir = url.slice("pglite:".length);
  return dir.includes("://") ? null : path.resolve(cwd, dir);
}

const FILE_LIKE = /\.(ya?ml|json|csv|xlsx|xls|docx|txt)$/i;

/**
 * Relative file arguments made absolute against the caller's folder, since the bot runs elsewhere: anything ending like
 * a file (`签到表.xlsx`, `--csv=out.csv`) or an existing path with a slash. A question (`ask …`) is left as typed.
 */
export function absolutePaths(argv: readonly string[], cwd: string): string[] {
  if (argv[0] === "ask") return [...argv];
  return argv.map((arg) => {
    const m = /^(--[\w-]+=)(.*)$/s.exec(arg);
    const [prefix, value] = m ? [m[1]!, m[2]!] : ["", arg];
    if (!value || value.startsWith("-") || path.isAbsolute(value)) return arg;
    const resolved = path.resolve(cwd, value);
    return FILE_LIKE.test(value) || (value.includes("/") && existsSync(resolved)) ? prefix + resolved : arg;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(port: number, token: string, body: AdminCliRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: ADMIN_CLI_PATH,
        method: "POST",
        // No keep-alive: the CLI exits as soon as it has printed the answer.
        agent: false,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": payload.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

class Unreachable extends Error {}
class LostAnswer extends Error {}

/**
 * While a bot holds the embedded folder, runs the command in it (admin endpoint on loopback, token from the folder)
 * and prints what it printed; returns its exit code, or null when no bot holds the folder (run the command here —
 * the lock then decides). PostgreSQL: always null (bot and CLI share the server).
 */
export async function runThroughBot(argv: readonly string[], io: ThroughBotIo): Promise<number | null> {
  const cwd = io.cwd ?? process.cwd();
  let folder: string | null;
  try {
    folder = embeddedFolder(loadConfig(io.env, "cli").databaseUrl, cwd);
  } catch {
    return null; // the command itself reports the setting
  }
  if (!folder) return null;
  const until = Date.now() + (io.waitMs ?? 30_000);
  let told = false;
  try {
    for (;;) {
      const lock = readDataLock(folder);
      if (lock.state !== "held" || lock.info.role !== "bot" || judgeHolder(lock.info) !== "alive") return null;
      const admin = readAdminFile(folder);
      if (admin.state === "unreadable") {
        throw new AppError(ErrorCode.DatabaseBusy, {
          zh: `机器人（进程 ${lock.info.pid}）正在使用数据库 ${folder}，命令须经它执行，但读不到 ${path.join(folder, "redline-admin.json")}（${admin.reason}）；请以运行机器人的同一系统用户执行此命令。`,
          en: `The bot (pid ${lock.info.pid}) is using the database ${folder}, so commands go through it, but ${path.join(folder, "redline-admin.json")} cannot be read (${admin.reason}); run this command as the operating-system user that runs the bot.`,
        });
      }
      if (admin.state === "ok" && admin.file.lockNonce === lock.info.nonce) {
        const request: AdminCliRequest = {
          argv: absolutePaths(argv, cwd),
          user: io.user ?? os.userInfo().username,
          ...(io.env.REDLINE_LANG === "zh" || io.env.REDLINE_LANG === "en" ? { lang: io.env.REDLINE_LANG } : {}),
          ...(argv[0] === "ask" && argv.includes("--json") && io.readStdin ? { stdin: await io.readStdin() } : {}),
        };
        let answer: { status: number; text: string } | null = null;
        try {
          answer = await post(admin.file.port, admin.file.token, request);
        } catch (e) {
          // Refused: nothing was sent, the bot is stopping (its lock goes next) or was killed (its lock is stale next).
          // Anything else: the command may have run in part, so it is not run a second time here.
          if ((e as NodeJS.ErrnoException).code !== "ECONNREFUSED") throw new LostAnswer();
        }
        if (answer) return printAnswer(answer, io);
        if (Date.now() > until) throw new Unreachable();
      } else if (Date.now() > until) throw new Unreachable();
      if (!told) {
        told = true;
        io.err("机器人正在启动，等待它接受命令… / The bot is starting; waiting for it to take commands…");
      }
      await sleep(200);
    }
  } catch (e) {
    const error =
      e instanceof Unreachable
        ? new AppError(ErrorCode.DatabaseBusy, {
            zh: `机器人正在使用数据库 ${folder}，但没有应答命令；请稍后再试，或检查机器人是否正常运行。`,
            en: `The bot is using the database ${folder} but does not answer commands; try again shortly, or check that the bot is running normally.`,
          })
        : e instanceof LostAnswer
          ? new AppError(ErrorCode.Internal, {
              zh: "命令已发给机器人，但它在答复前断开了（可能已停止）；命令可能已部分执行，请先查看结果（如 redline status / campaign list）再决定是否重试。",
              en: "The command was sent to the bot, but it disconnected before answering (it may have stopped); the command may have run in part, so check the result (redline status, campaign list …) before running it again.",
            })
          : asAppError(e);
    io.err(`${error.messageFor("zh")}\n${error.messageFor("en")}`);
    return 1;
  }
}

function printAnswer(answer: { status: number; text: string }, io: ThroughBotIo): number {
  if (answer.status === 401) {
    throw new AppError(ErrorCode.Forbidden, {
      zh: "机器人拒绝了这条命令：数据文件夹中的令牌与它不符（机器人可能刚刚重启）；请再试一次。",
      en: "The bot refused the command: the token in the data folder does not match it (it may have just restarted); try again.",
    });
  }
  let parsed;
  try {
    parsed = answer.status === 200 ? ZAdminCliResponse.parse(JSON.parse(answer.text)) : null;
  } catch {
    parsed = null;
  }
  if (!parsed) throw new Error(`admin endpoint answered ${answer.status}`);
  for (const line of parsed.out) io.out(line);
  for (const line of parsed.err) io.err(line);
  return parsed.code;
}
