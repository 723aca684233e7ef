import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LOCK_FILE } from "../../src/db/data-lock.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOLDER = path.join(ROOT, "test/db/fixtures/hold-database.ts");

/** `npm start` on an embedded folder another bot already holds: one line in both languages, exit 1, nothing opened. */
describe("a second bot on the same embedded folder", () => {
  let root: string;
  let dir: string;
  let slack: Server;
  let slackUrl: string;
  let holder: ChildProcess;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "redline-one-writer-"));
    dir = path.join(root, "data");
    const pg = new PGlite(dir, { loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]) });
    await pg.query("SELECT 1");
    await pg.close();
    slack = createServer((req, res) => {
      req.resume().on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
    slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api/`;
    holder = spawn(process.execPath, ["--import", "tsx", HOLDER, `pglite:${dir}`, "bot"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (d) => String(d).includes("open ") && resolve());
      holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
    });
  }, 120_000);

  afterAll(async () => {
    holder?.kill("SIGKILL");
    slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("is refused with one bilingual line naming the holder, exits non-zero and leaves the lock as it was", async () => {
    const before = readFileSync(path.join(dir, LOCK_FILE), "utf8");
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", "src/main.ts"],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? "",
            HOME: process.env.HOME ?? "",
            SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
            SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
            SLACK_API_URL: slackUrl,
            PORT: "0",
            LOG_LEVEL: "silent",
            DATABASE_URL: `pglite:${dir}`,
          },
          timeout: 110_000,
        },
        (error, _stdout, err) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr: err }),
      );
      child.stdin?.end();
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`数据库文件夹 ${dir} 正被机器人占用（进程 ${holder.pid}`);
    expect(lines[0]).toContain(` / The database folder ${dir} is in use by the bot (pid ${holder.pid}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(before);
  }, 120_000);
});
