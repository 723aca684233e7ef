import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { testCli } from "../support/test-cli.ts";

// The CLI's settings are its own: the signing secret and app token are the bot's business, a token alone posts.
const ENVS: Record<string, Record<string, string>> = {
  "no Slack env": {},
  "token only": { SLACK_BOT_TOKEN: TEST_BOT_TOKEN },
  "token + signing secret": { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET },
  "token + app token": { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-test" },
  "signing secret only": { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET },
  "app token only": { SLACK_APP_TOKEN: "xapp-1-test" },
  "short signing secret": { SLACK_SIGNING_SECRET: "x" },
  "malformed token": { SLACK_BOT_TOKEN: "xoxp-a-user-token" },
};
const WITH_TOKEN = ["token only", "token + signing secret", "token + app token"];
const WITHOUT_TOKEN = ["no Slack env", "signing secret only", "app token only", "short signing secret"];
const READ_ONLY: string[][] = [["meeting", "list"], ["campaign", "list"], ["campaign", "templates"], ["ask", "养老院归谁管"], ["audit", "--since", "7d"], ["absences"]];

const campaignFile = (id: string) => `
id: ${id}
title: { zh: 汛期安全检查, en: Flood-season safety check }
summary: { zh: 请完成汛期安全检查。, en: Finish the flood-season safety check. }
sourceClause: 同时，要做好汛期安全生产工作。
targets:
  departments: [civil-affairs, culture]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
`;

describe.each(dbKinds())("the CLI's config matrix: commands × Slack env (%s database)", (kind) => {
  let db: Database;
  let slack: SlackFake;
  let dir: string;
  let n = 0;
  /** A campaign file with an id of its own, so each launch is a new campaign. */
  const freshCampaign = async () => {
    const id = `flood-check-${++n}`;
    const file = path.join(dir, `${id}.yaml`);
    await writeFile(file, campaignFile(id));
    return { id, file };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["civil-affairs", "culture"]);
    slack = new SlackFake();
    dir = await mkdtemp(path.join(tmpdir(), "redline-config-matrix-"));
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    slack?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe.each(Object.keys(ENVS))("%s", (envName) => {
    it.each(READ_ONLY.map((argv) => [argv.join(" "), argv]))("`redline %s` runs and calls no Slack", async (_, argv) => {
      const cli = testCli(db, ENVS[envName]!);
      expect(await cli.run(...(argv as string[]))).toBe(0);
      expect(cli.errText()).not.toMatch(/SLACK_|配置错误|Invalid setting/); // audit prints its count on stderr
      expect(slack.calls).toEqual([]);
    });
  });

  it.each(WITH_TOKEN)("%s: `campaign launch` posts to every target channel", async (envName) => {
    const { id, file } = await freshCampaign();
    const cli = testCli(db, ENVS[envName]!);
    expect(await cli.run("campaign", "launch", file)).toBe(0);
    expect(cli.text()).toContain("posted / 已发送 2, already posted / 此前已发 0, of / 共 2");
    expect(slack.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(2);
    expect(await db.prisma.campaign.count({ where: { id: { startsWith: id } } })).toBe(1);
  });

  it.each(WITHOUT_TOKEN)("%s: `campaign launch` saves and leaves posting to the bot", async (envName) => {
    const { id, file } = await freshCampaign();
    const cli = testCli(db, ENVS[envName]!);
    expect(await cli.run("campaign", "launch", file)).toBe(0);
    expect(cli.text()).toContain("No SLACK_BOT_TOKEN");
    expect(slack.calls).toEqual([]);
    expect(await db.prisma.campaign.count({ where: { id: { startsWith: id } } })).toBe(1);
  });

  it.each(WITH_TOKEN)("%s: `tick` runs a pass", async (envName) => {
    const cli = testCli(db, ENVS[envName]!);
    expect(await cli.run("tick", "--at", "2026-05-28T09:00:00+08:00")).toBe(0);
    expect(() => JSON.parse(cli.text())).not.toThrow();
    expect(cli.errText()).toBe("");
  });

  it.each(WITHOUT_TOKEN)("%s: `tick` asks for the token, in both languages", async (envName) => {
    const cli = testCli(db, ENVS[envName]!);
    expect(await cli.run("tick")).toBe(1);
    expect(cli.errText()).toBe("tick 需要 SLACK_BOT_TOKEN 才能发送提醒。\ntick needs SLACK_BOT_TOKEN to post reminders.");
  });

  it("a malformed token stops only the commands that post, naming the setting, with nothing saved", async () => {
    const { id, file } = await freshCampaign();
    const launch = testCli(db, ENVS["malformed token"]!);
    expect(await launch.run("campaign", "launch", file)).toBe(1);
    expect(launch.errText()).toBe(
      "配置错误：SLACK_BOT_TOKEN 应为以 xoxb- 开头的机器人令牌\nInvalid setting SLACK_BOT_TOKEN: must be a bot token starting with xoxb-",
    );
    expect(await db.prisma.campaign.count({ where: { id: { startsWith: id } } })).toBe(0);
    const tick = testCli(db, ENVS["malformed token"]!);
    expect(await tick.run("tick")).toBe(1);
    expect(tick.errText()).toContain("SLACK_BOT_TOKEN");
    expect(slack.calls).toEqual([]);
  });
});
