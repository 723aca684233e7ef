import type { Config } from "../config/env.ts";
import { isAppError } from "../lib/errors.ts";

/** Where the database is, without its password: the host and database name, or the embedded folder. */
function whereDatabase(url: string): string {
  if (url.startsWith("pglite:")) return url.slice("pglite:".length);
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

const DATABASE_FAILURES: Record<string, { zh: string; en: string }> = {
  DatabaseNotReachable: { zh: "无法连接数据库", en: "cannot reach the database" },
  DatabaseDoesNotExist: { zh: "数据库不存在", en: "the database does not exist" },
  DatabaseAccessDenied: { zh: "数据库拒绝了用户名或密码", en: "the database refused the user or password" },
  AuthenticationFailed: { zh: "数据库拒绝了用户名或密码", en: "the database refused the user or password" },
  TooManyConnections: { zh: "数据库连接数已满", en: "the database has too many connections" },
  SocketTimeout: { zh: "数据库响应超时", en: "the database timed out" },
};

/**
 * Why `npm start` stopped, as one line in Chinese and English — never a stack trace. Ours say what to do; the
 * database and the port are recognised; anything else is named as it was thrown.
 */
export function startupErrorLine(e: unknown, config?: Pick<Config, "port" | "databaseUrl">): string {
  const line = (zh: string, en: string) => `${zh} / ${en}`.replace(/\s*\n\s*/g, " ");
  if (isAppError(e)) return line(e.messageFor("zh"), e.messageFor("en"));
  const err = e as { name?: string; message?: string; code?: string; port?: number };
  const message = err?.message ?? String(e);
  const database = DATABASE_FAILURES[message] ?? (err?.name === "DriverAdapterError" ? DATABASE_FAILURES.DatabaseNotReachable : undefined);
  if (database) {
    const where = config ? whereDatabase(config.databaseUrl) : "DATABASE_URL";
    return line(`${database.zh}（${where}）：请检查 DATABASE_URL 和数据库服务。`, `${capital(database.en)} (${where}): check DATABASE_URL and the database server.`);
  }
  if (err?.code === "EADDRINUSE" || err?.code === "EACCES") {
    const port = err.port ?? config?.port;
    return err.code === "EADDRINUSE"
      ? line(`端口 ${port} 已被占用：停止占用它的程序，或用 PORT 换一个端口。`, `Port ${port} is already in use: stop what holds it, or set PORT to another.`)
      : line(`没有权限监听端口 ${port}：用 PORT 换一个大于 1024 的端口。`, `No permission to listen on port ${port}: set PORT to one above 1024.`);
  }
  return line(`redline 启动失败：${message}`, `redline failed to start: ${message}`);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
