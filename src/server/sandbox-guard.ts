import { existsSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/client.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";
import { realDirectoryEntries, type DirectoryRow } from "../sandbox/demo-directory.ts";

/** The folder of a `pglite:<folder>` URL, or null (PostgreSQL, in-memory). */
function embeddedFolder(url: string): string | null {
  if (!url.startsWith("pglite:")) return null;
  const folder = url.slice("pglite:".length);
  return folder.startsWith("memory:") ? null : folder;
}

/**
 * The sandbox's own embedded folder, whatever DATABASE_URL says: next to the configured embedded folder
 * (./.data/pglite → ./.data/sandbox, /data/pglite → /data/sandbox), else ./.data/sandbox.
 */
export function sandboxDatabaseUrl(configuredUrl: string): string {
  const folder = embeddedFolder(configuredUrl);
  if (!folder) return "pglite:./.data/sandbox";
  const sibling = path.join(path.dirname(folder), "sandbox");
  return `pglite:${path.resolve(sibling) === path.resolve(folder) ? `${folder}-sandbox` : sibling}`;
}

/** Where a database is, for a message: the embedded folder, or host:port/name without the password. */
function describeDatabase(url: string): string {
  const folder = embeddedFolder(url);
  if (folder) return folder;
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * Reads the configured database's directory without changing anything (no migration, no seed): the departments
 * whose Slack ids are not the sandbox's. A database that is not there yet, or has no directory table, has none.
 */
export async function findRealDirectory(configuredUrl: string): Promise<DirectoryRow[]> {
  const folder = embeddedFolder(configuredUrl);
  if (configuredUrl.startsWith("pglite:") && (!folder || !existsSync(folder))) return [];
  const db = await openDatabase(configuredUrl, { role: "sandbox" });
  try {
    const [table] = await db.prisma.$queryRaw<{ found: string | null }[]>`SELECT to_regclass('"Department"')::text AS found`;
    if (!table?.found) return [];
    const departments = await db.prisma.department.findMany({
      select: { id: true, nameZh: true, slackChannelId: true, headSlackUserId: true, liaisons: { select: { slackUserId: true } } },
      orderBy: { id: "asc" },
    });
    return realDirectoryEntries(
      departments.map((d) => ({ ...d, liaisonSlackUserIds: d.liaisons.map((l) => l.slackUserId) })),
    );
  } finally {
    await db.close();
  }
}

/**
 * The sandbox invents people and channels; it must never be what a real office's deployment turns into when its
 * Slack credentials go missing. So it refuses when the configured database holds a directory someone imported.
 */
export async function refuseSandboxOverRealDirectory(configuredUrl: string): Promise<void> {
  const real = await findRealDirectory(configuredUrl);
  if (real.length === 0) return;
  const where = describeDatabase(configuredUrl);
  const examples = real
    .slice(0, 3)
    .map((d) => d.nameZh)
    .join("、");
  throw new AppError(
    ErrorCode.ConfigInvalid,
    {
      zh:
        `沙盒未启动：${where} 中有真实的单位名录（${real.length} 个单位登记了 Slack 频道或人员，如 ${examples}）。` +
        "请设置 SLACK_BOT_TOKEN 和 SLACK_SIGNING_SECRET 连接 Slack；只想试用沙盒，请把 DATABASE_URL 指向空数据库或另一个文件夹。",
      en:
        `The sandbox did not start: ${where} holds a real directory (${real.length} departments with Slack channels or people, e.g. ${real
          .slice(0, 3)
          .map((d) => d.id)
          .join(", ")}). ` + "Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to connect to Slack; to try the sandbox, point DATABASE_URL at an empty database or another folder.",
    },
    { details: { departments: real.map((d) => d.id) } },
  );
}
