import { createHash } from "node:crypto";
import pg from "pg";

/** One template per checkout, so test runs from two worktrees on one server do not drop each other's template. */
export const PG_TEMPLATE_DB = `redline_test_template_${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 8)}`;

/** Runs statements on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminSql(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
