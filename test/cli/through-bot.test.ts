import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runInBot } from "../../src/cli/run-in-bot.ts";
import { absolutePaths, runThroughBot } from "../../src/cli/through-bot.ts";
import { loadConfig } from "../../src/config/env.ts";
import { openDatabase } from "../../src/db/client.ts";
import { ADMIN_FILE, LOCK_FILE } from "../../src/db/data-lock.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { CAMPAIGN_ACTIONS } from "../../src/messages/campaigns/ids.ts";
import { encodeCampaignButtonValue } from "../../src/messages/campaigns/task-ref.ts";
import { startRedline, type RunningRedline } from "../../src/server/start-redline.ts";
import { registerSlackIds, slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { blockActionPayload, sendInteraction, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { waitForAsync } from "../support/wait-for.ts";
import { ALL_DEPARTMENTS, TARGETS } from "../slack/campaigns/campaign-harness.ts";

describe("absolutePaths", () => {
  it("makes file arguments absolute against the caller's folder and leaves the rest as typed", () => {
    expect(absolutePaths(["meeting", "export", "m1", "--xlsx", "签到表.xlsx", "--csv=out/a.csv"], "/home/wang")).toEqual([
      "meeting",
      "export",
      "m1",
      "--xlsx",
      "/home/wang/签到表.xlsx",
      "--csv=/home/wang/out/a.csv",
    ]);
    expect(absolutePaths(["campaign", "launch", "summer-fire-safety", "--date", "report=2026-05-31"], "/x")).toEqual([
      "campaign",
      "launch",
      "summer-fire-safety",
      "--date",
      "report=2026-05-31",
    ]);
    expect(absolutePaths(["import", "/abs/dir.yaml"], "/x")).toEqual(["import", "/abs/dir.yaml"]);
    expect(absolutePaths(["ask", "托儿所/幼儿园.txt"], "/x")).toEqual(["ask", "托儿所/幼儿园.txt"]);
  });
});

describe("runThroughBot when the bot does not answer", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "redline-proxy-fault-"));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));
  // A live bot's lock (pid 1 is alive on every Linux), as the CLI finds it.
  const botLock = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    const info = { pid: 1, host: hostname(), startedAt: new Date().toISOString(), role: "bot", nonce: "live-bot-nonce" };
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(info));
    return info;
  };
  const run = async (dir: string, waitMs = 30_000) => {
    const err: string[] = [];
    const code = await runThroughBot(["campaign", "list"], {
      env: { DATABASE_URL: `pglite:${dir}` },
      waitMs,
      out: () => {},
      err: (l) => err.push(l),
    });
    return { code, err: err.join("\n") };
  };

  it("a bot still starting (no endpoint yet) is waited for, then named as not answering", async () => {
    const dir = path.join(root, "starting");
    botLock(dir);
    const r = await run(dir, 500);
    expect(r.code).toBe(1);
    expect(r.err).toContain("The bot is starting; waiting for it to take commands");
    expect(r.err).toContain("does not answer commands");
  });

  it("a connection dropped after the command was sent is not run again, and says to check first", async () => {
    const dir = path.join(root, "dropped");
    const lock = botLock(dir);
    let received = 0;
    const server = createServer((req) => {
      received++;
      req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      writeFileSync(path.join(dir, ADMIN_FILE), JSON.stringify({ pid: 1, port, token: "t".repeat(64), lockNonce: lock.nonce }), {
        mode: 0o600,
      });
      const r = await run(dir);
      expect(r.code).toBe(1);
      expect(received).toBe(1);
      expect(r.err).toContain("the command may have run in part");
    } finally {
      server.close();
    }
  });
});

describe("CLI commands while the bot owns the embedded folder go through it", () => {
  let root: string;
  let dir: string;
  let slack: SlackFake;
  let bot: RunningRedline & { url: string };
  let stopped = false;
  const env = () => ({ DATABASE_URL: `pglite:${dir}`, LOG_LEVEL: "silent" });
  const cli = async (argv: string[], cwd = root, stdin?: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const readStdin = stdin === undefined ? undefined : async () => stdin;
    const code = await runThroughBot(argv, { env: env(), cwd, user: "wang", readStdin, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "redline-proxy-"));
    dir = path.join(root, "data");
    // The test template (migrated) as the folder, so the bot does not build the schema from scratch.
    const pg = new PGlite(dir, { loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]) });
    await pg.query("SELECT 1");
    await pg.close();
    slack = new SlackFake();
    const config = loadConfig({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      PORT: "0",
      LOG_LEVEL: "silent",
      REDLINE_SCHEDULER: "off",
      REDLINE_DIGEST: "off",
      REDLINE_INSTANCE_ID: "test-bot",
      REDLINE_SLACK_POSTS_PER_SECOND: "0",
      DATABASE_URL: `pglite:${dir}`,
    });
    bot = (await startRedline(config, { logger: createLogger("silent"), retries: 0, adminCommands: runInBot })) as typeof bot;
    await registerSlackIds(bot.deps.db, ALL_DEPARTMENTS);
  }, 120_000);

  afterAll(async () => {
    if (!stopped) await bot?.stop();
    slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("publishes its endpoint in a file only its user can read", () => {
    expect(statSync(path.join(dir, ADMIN_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, role: "bot" });
  });

  it("campaign launch through the bot: posted once per channel, the bot sees the campaign and its button records", async () => {
    const launched = await cli(["campaign", "launch", "summer-fire-safety"]);
    expect(launched).toMatchObject({ code: 0, err: "" });
    const campaign = await bot.deps.db.campaign.findFirstOrThrow({ where: { templateId: "summer-fire-safety" } });
    expect(launched.out).toContain(`launched ${campaign.id}`);
    // The caller, not the bot's OS user, is who launched it.
    expect(campaign.launchedBy).toBe("cli:wang");
    const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
    expect(new Set(posts.map((p) => p.body.channel))).toEqual(new Set(TARGETS.map((d) => slackIds(d).channel)));
    expect(posts).toHaveLength(TARGETS.length);

    const target = await bot.deps.db.campaignTarget.findUniqueOrThrow({
      where: { campaignId_departmentId: { campaignId: campaign.id, departmentId: "civil-affairs" } },
    });
    const res = await sendInteraction(
      bot.url,
      blockActionPayload({
        userId: slackIds("civil-affairs").liaison,
        actionId: CAMPAIGN_ACTIONS.acknowledge,
        value: encodeCampaignButtonValue({ campaignId: campaign.id, taskKey: "acknowledge", departmentId: "civil-affairs" }),
        channelId: slackIds("civil-affairs").channel,
        messageTs: target.messageTs!,
        blockId: "task:acknowledge",
      }),
    );
    expect(res.status).toBe(200);
    await waitForAsync(
      () => bot.deps.db.completion.findFirst({ where: { departmentId: "civil-affairs", task: { campaignId: campaign.id } } }),
      "the acknowledgement",
    );
    // No "找不到这项任务": nobody was told the task is missing.
    expect(JSON.stringify(slack.responses)).not.toContain("找不到");
  }, 120_000);

  it("export and import through the bot read and write files in the caller's folder", async () => {
    const exported = await cli(["matrix", "export", "matrix.yaml"]);
    expect(exported).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(root, "matrix.yaml"), "utf8")).toContain("venueTypes");
    const imported = await cli(["import", "matrix.yaml"]);
    expect(imported.code).toBe(0);
  }, 120_000);

  it("ask --json reads the caller's standard input", async () => {
    const r = await cli(["ask", "--json"], root, "养老院\nKTV\n");
    expect(r.code).toBe(0);
    expect(r.out.split("\n").map((l) => JSON.parse(l).leads.map((x: { id: string }) => x.id))).toEqual([["civil-affairs"], ["culture"]]);
  });

  it("errors come back as the bot's command printed them, with its exit code", async () => {
    const r = await cli(["campaign", "close", "no-such-campaign"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toHaveLength(2);
  });

  it("a wrong token is refused and runs nothing", async () => {
    const { port } = JSON.parse(readFileSync(path.join(dir, ADMIN_FILE), "utf8")) as { port: number };
    const before = await bot.deps.db.campaign.count();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/cli", method: "POST", headers: { authorization: `Bearer ${"0".repeat(64)}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ argv: ["campaign", "launch", "safety-dialogue"], user: "mallory" }));
    });
    expect(status).toBe(401);
    expect(await bot.deps.db.campaign.count()).toBe(before);

    // The CLI with a token that does not match (the file was tampered with) says so in both languages.
    const file = path.join(dir, ADMIN_FILE);
    const original = readFileSync(file, "utf8");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(original), token: "f".repeat(64) }));
    try {
      const r = await cli(["campaign", "list"]);
      expect(r.code).toBe(1);
      expect(r.err).toContain("机器人拒绝了这条命令");
      expect(r.err).toContain("The bot refused the command");
    } finally {
      writeFileSync(file, original, { mode: 0o600 });
    }
  });

  it("the real `npx redline` goes through the bot too", async () => {
    const { stdout, code } = await new Promise<{ stdout: string; code: number }>((resolve) => {
      execFile(
        process.execPath,
        ["src/cli/bin.mjs", "campaign", "list"],
        { env: { ...process.env, ...env(), SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" }, timeout: 110_000 },
        (e, out) => resolve({ stdout: out, code: e ? Number((e as { code?: number }).code ?? 1) : 0 }),
      );
    });
    expect(code).toBe(0);
    expect(stdout).toContain("summer-fire-safety");
  }, 120_000);

  it("after the bot stops, nothing is lost and commands run on their own again", async () => {
    await bot.stop();
    stopped = true;
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(existsSync(path.join(dir, ADMIN_FILE))).toBe(false);
    expect(await cli(["campaign", "list"])).toMatchObject({ code: null });
    const db = await openDatabase(`pglite:${dir}`);
    try {
      const campaign = await db.prisma.campaign.findFirstOrThrow({
        where: { templateId: "summer-fire-safety" },
        include: { targets: true },
      });
      expect(campaign.targets.filter((t) => t.messageTs)).toHaveLength(TARGETS.length);
      expect(await db.prisma.completion.count({ where: { task: { campaignId: campaign.id } } })).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);
});
