import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { AppError } from "../../src/lib/errors.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startRedline, type RunningRedline } from "../../src/server/start-redline.ts";
import { openTestDatabase } from "../support/db.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SLACK_ENV = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, PORT: "0", LOG_LEVEL: "silent" };
const config = (env: Record<string, string> = {}) =>
  loadConfig({ ...SLACK_ENV, REDLINE_SCHEDULER: "off", REDLINE_DIGEST: "off", REDLINE_SLACK_POSTS_PER_SECOND: "0", ...env });
const silent = createLogger("silent");
const invalidAuth = () => ({ ok: false, error: "invalid_auth" });

/** A Slack Web API on loopback answering every auth.test with `authTest` (what a child process can reach). */
async function loopbackSlack(authTest: Record<string, unknown>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume().on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url?.includes("auth.test") ? authTest : { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, server };
}

/** `npm start`'s entry (src/main.ts) as its own process: exit code and what it printed. */
function startMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts"],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

const expectOneBilingualLine = (stderr: string) => {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(lines[0]).toMatch(/ \/ [A-Z][a-z]/);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe("start-up verifies the bot token with auth.test before the database and before listening", () => {
  let slack: SlackFake;
  let dir: string;
  beforeAll(async () => {
    slack = new SlackFake();
    dir = await mkdtemp(path.join(tmpdir(), "redline-start-"));
  });
  afterEach(() => slack.on("auth.test").reset());
  afterAll(async () => {
    slack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a revoked token: refused in both languages naming the setting and Slack's reason; the database is never opened", async () => {
    slack.on("auth.test", () => ({ ok: false, error: "token_revoked" }));
    const folder = path.join(dir, "never");
    const error = await startRedline(config({ DATABASE_URL: `pglite:${folder}` }), { logger: silent, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).messageFor("zh")).toBe(
      "Slack 拒绝了 SLACK_BOT_TOKEN（token_revoked）：令牌错误或已被撤销，请在 api.slack.com/apps 重新安装应用并更新令牌。",
    );
    expect((error as AppError).messageFor("en")).toContain("Slack refused SLACK_BOT_TOKEN (token_revoked)");
    expect(existsSync(folder)).toBe(false);
    expect(slack.calls.map((c) => c.method)).toEqual(["auth.test"]);
  });

  it("Slack unreachable at start-up: says so, naming the URL, in both languages", async () => {
    const { server, url } = await loopbackSlack({ ok: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = (await startRedline(config({ SLACK_API_URL: url, DATABASE_URL: `pglite:${dir}/x` }), { logger: silent, retries: 0 }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.messageFor("zh")).toContain(`无法连接 Slack（${url}，unreachable）`);
    expect(error.messageFor("en")).toContain(`Cannot reach Slack (${url}, unreachable)`);
  });
});

describe("npm start's entry: every start-up failure is one line in Chinese and English, exit 1, no stack trace", () => {
  let bad: Server;
  let good: Server;
  let badUrl: string;
  let goodUrl: string;
  let dir: string;
  beforeAll(async () => {
    ({ server: bad, url: badUrl } = await loopbackSlack({ ok: false, error: "invalid_auth" }));
    ({ server: good, url: goodUrl } = await loopbackSlack({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
    dir = await mkdtemp(path.join(tmpdir(), "redline-main-"));
  });
  afterAll(async () => {
    bad?.close();
    good?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a wrong token (Slack answers invalid_auth)", async () => {
    const run = await startMain({ ...SLACK_ENV, SLACK_API_URL: badUrl, DATABASE_URL: `pglite:${dir}/db` });
    expect(run.code).toBe(1);
    expectOneBilingualLine(run.stderr);
    expect(run.stderr).toContain("Slack 拒绝了 SLACK_BOT_TOKEN（invalid_auth）");
    expect(run.stderr).toContain("Slack refused SLACK_BOT_TOKEN (invalid_auth)");
    expect(run.stdout).not.toContain("listening");
    expect(existsSync(`${dir}/db`)).toBe(false);
  });

  it("a bad setting", async () => {
    const run = await startMain({ ...SLACK_ENV, PORT: "eighty" });
    expect(run.code).toBe(1);
    expectOneBilingualLine(run.stderr);
    expect(run.stderr).toBe("配置错误：PORT 应为数字 / Invalid setting PORT: Invalid input: expected number, received NaN\n");
  });

  it("a token without its signing secret", async () => {
    const run = await startMain({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, PORT: "0" });
    expect(run.code).toBe(1);
    expectOneBilingualLine(run.stderr);
    expect(run.stderr).toContain("配置错误：SLACK_SIGNING_SECRET 须与 SLACK_BOT_TOKEN 一起设置");
  });

  it("a database that is not there (the token is fine)", async () => {
    const run = await startMain({ ...SLACK_ENV, SLACK_API_URL: goodUrl, DATABASE_URL: "postgresql://redline:secret@127.0.0.1:1/redline" });
    expect(run.code).toBe(1);
    expectOneBilingualLine(run.stderr);
    expect(run.stderr).toBe(
      "无法连接数据库（127.0.0.1:1/redline）：请检查 DATABASE_URL 和数据库服务。 / Cannot reach the database (127.0.0.1:1/redline): check DATABASE_URL and the database server.\n",
    );
    expect(run.stderr).not.toContain("secret");
  });
});

describe("/healthz reports the database and Slack separately, Slack from a cached auth.test", () => {
  let slack: SlackFake;
  let db: Database;
  let bot: RunningRedline & { url: string };
  beforeAll(async () => {
    slack = new SlackFake();
    db = await openTestDatabase("embedded");
  });
  afterEach(async () => {
    await bot?.stop();
    slack.on("auth.test").reset();
  });
  afterAll(async () => {
    slack?.close();
    await db?.close();
  });
  const health = async () => {
    const res = await fetch(`${bot.url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const authTests = () => slack.calls.filter((c) => c.method === "auth.test").length;

  it("both up: 200; polling it again does not ask Slack again; Bolt does not repeat the start-up auth.test", async () => {
    bot = (await startRedline(config(), { logger: silent, database: db, retries: 0 })) as typeof bot;
    expect(authTests()).toBe(1); // start-up's own
    const first = await health();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, database: { ok: true }, slack: { ok: true } });
    await Promise.all([health(), health(), health()]);
    expect(authTests()).toBe(2); // one for /healthz, then the cache
  });

  it("Slack refusing the token later (revoked while running): 503 naming Slack, the database still ok", async () => {
    bot = (await startRedline(config(), { logger: silent, database: db, retries: 0, slackHealthTtlMs: 0 })) as typeof bot;
    expect((await health()).status).toBe(200);
    slack.on("auth.test", invalidAuth);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, database: { ok: true }, slack: { ok: false, error: "invalid_auth" } });
  });

  it("Slack not answering at all: 503 with slack unreachable", async () => {
    bot = (await startRedline(config(), { logger: silent, database: db, retries: 0, slackHealthTtlMs: 0 })) as typeof bot;
    slack.on("auth.test", () => ({ status: 502, json: { ok: false } }));
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ database: { ok: true }, slack: { ok: false, error: "http_502" } });
  });
});
