import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds, slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../support/slack-requests.ts";
import { testCli } from "../support/test-cli.ts";

const DEPARTMENTS = [
  "safety-office",
  "civil-affairs",
  "culture",
  "education",
  "universities",
  "housing-construction",
  "quality-supervision",
  "fire-brigade",
  "hongqi",
  "xinxiang-county",
  "weihui",
  "huixian",
  "changyuan",
];
const SLACK = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, REDLINE_DIGEST: "off" };

const CUSTOM = `
id: flood-season-check
title: { zh: 汛期安全检查, en: Flood-season safety check }
summary: { zh: 请于十日内完成汛期安全检查并上报。, en: Finish the flood-season safety check and report within ten days. }
sourceClause: 同时，要做好汛期安全生产工作。
targets:
  departments: [civil-affairs, culture]
reminders:
  offsetsDays: [-1, 0]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
  - key: check-report
    kind: report
    title: { zh: 上报检查情况, en: Report the check }
    due: launch+10d
`;

describe.each(dbKinds())("redline campaign and redline status (%s database)", (kind) => {
  let db: Database;
  let slack: SlackFake;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, DEPARTMENTS);
    slack = new SlackFake();
    dir = await mkdtemp(path.join(tmpdir(), "redline-campaign-cli-"));
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    slack?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("--check prints the plan and saves nothing", async () => {
    const cli = testCli(db);
    expect(await cli.run("campaign", "launch", "summer-fire-safety", "--check")).toBe(0);
    expect(cli.text()).toContain(
      "ok: 夏季消防安全专项行动 / Summer fire-safety special action · 12 个单位 / departments（未保存 / not saved）",
    );
    expect(cli.text()).toContain("warning-education (education-session)");
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it("refuses an invalid file naming the file, entry and field, and saves nothing", async () => {
    const file = path.join(dir, "broken.yaml");
    await writeFile(
      file,
      CUSTOM.replace("kind: report", "kind: survey").replace("[civil-affairs, culture]", "[civil-affairs, no-such-unit]"),
    );
    const cli = testCli(db);
    expect(await cli.run("campaign", "launch", file)).toBe(1);
    expect(cli.errText()).toMatch(/broken\.yaml: tasks\[1\]\.kind: /);
    expect(await db.prisma.campaign.count()).toBe(0);

    await writeFile(file, CUSTOM.replace("[civil-affairs, culture]", "[civil-affairs, no-such-unit]"));
    expect(await cli.run("campaign", "launch", file)).toBe(1);
    expect(cli.errText()).toContain('broken.yaml: targets.departments[1]: 未知单位 id "no-such-unit"');
    expect(await db.prisma.campaign.count()).toBe(0);
  });

  it("without a Slack token saves the launch, and the running bot's tick posts it", async () => {
    const cli = testCli(db);
    expect(await cli.run("campaign", "launch", "summer-fire-safety")).toBe(0);
    expect(cli.text()).toContain("launched summer-fire-safety-2026 / 已发起 summer-fire-safety-2026：夏季消防安全专项行动");
    expect(cli.text()).toContain("No SLACK_BOT_TOKEN: saved");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: "summer-fire-safety-2026" } })).status).toBe("launching");

    const withSlack = testCli(db, SLACK);
    expect(await withSlack.run("tick", "--at", new Date(Date.now() + 60_000).toISOString())).toBe(0);
    expect(JSON.parse(withSlack.text()).sweeps["campaigns.launch"]).toEqual({ sent: 12, failed: 0 });
    // The tick runs at today's date: from December on, the office is also warned once that next year's holiday
    // table is missing. The launch is the twelve department posts.
    const launchPosts = slack.callsTo("chat.postMessage").filter((c) => !String(c.body.text).startsWith("【节假日】"));
    expect(launchPosts).toHaveLength(12);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: "summer-fire-safety-2026" } })).status).toBe("launched");
  });

  it("with a token launches a file of the office's own to its departments, once", async () => {
    const file = path.join(dir, "flood-season-check.yaml");
    await writeFile(file, CUSTOM);
    const cli = testCli(db, SLACK);
    expect(await cli.run("campaign", "launch", file)).toBe(0);
    expect(cli.text()).toContain("posted / 已发送 2, already posted / 此前已发 0, of / 共 2");
    expect(
      slack
        .callsTo("chat.postMessage")
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual([slackIds("civil-affairs").channel, slackIds("culture").channel].sort());

    const again = testCli(db, SLACK);
    expect(await again.run("campaign", "launch", file)).toBe(0);
    expect(again.text()).toContain("flood-season-check-2026 was launched before");
    expect(again.text()).toContain("posted / 已发送 0, already posted / 此前已发 2, of / 共 2");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("status --json prints the board: every department's state per task, with who and when", async () => {
    await db.prisma.completion.create({
      data: {
        taskId: "flood-season-check-2026:acknowledge",
        departmentId: "culture",
        slackUserId: slackIds("culture").liaison,
        userName: "王芳",
        userTitle: "科员",
        createdAt: new Date(),
      },
    });
    const cli = testCli(db);
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(await cli.run("status", "flood-season-check", "--json", "--at", at)).toBe(0);
    const board = JSON.parse(cli.text());
    expect(board.campaign).toEqual({ id: "flood-season-check-2026", title: "汛期安全检查", titleEn: "Flood-season safety check" });
    expect(board.tasks.map((t: { key: string; done: number; total: number }) => [t.key, t.done, t.total])).toEqual([
      ["acknowledge", 1, 2],
      ["check-report", 0, 2],
    ]);
    const byId = Object.fromEntries(board.departments.map((d: { id: string }) => [d.id, d]));
    expect(byId.culture.tasks.acknowledge).toMatchObject({
      state: "done",
      by: { slackUserId: slackIds("culture").liaison, name: "王芳", title: "科员" },
    });
    expect(byId["civil-affairs"].tasks.acknowledge).toMatchObject({ state: "overdue", by: null });
    expect(board.overdue).toEqual([{ department: "civil-affairs", task: "acknowledge", overdueWorkingDays: expect.any(Number) }]);
  });

  it("status prints the same board as text, and finds a campaign by its title", async () => {
    const cli = testCli(db);
    expect(await cli.run("status", "汛期")).toBe(0);
    const text = cli.text();
    expect(text).toContain("汛期安全检查 (flood-season-check-2026)");
    expect(text).toContain("文化部门 (culture)");
    expect(text).toContain("1. ✓ 王芳（科员）");
  });

  it("lists campaigns and closes one", async () => {
    const list = testCli(db);
    expect(await list.run("campaign", "list", "--json")).toBe(0);
    const items = JSON.parse(list.text());
    expect(items.map((c: { id: string; status: string }) => [c.id, c.status]).sort()).toEqual([
      ["flood-season-check-2026", "launched"],
      ["summer-fire-safety-2026", "launched"],
    ]);

    const close = testCli(db, SLACK);
    expect(await close.run("campaign", "close", "flood-season-check")).toBe(0);
    expect(close.text()).toContain("closed flood-season-check-2026 / 已结束：汛期安全检查");
    expect(close.text()).toContain("closing notices / 结束通知 2/2; final tally to the office / 最终进展：posted / 已发送");
    expect(slack.callsTo("chat.update")).toHaveLength(2);
    const notices = slack.callsTo("chat.postMessage").filter((c) => String(c.body.text).includes("【行动结束】汛期安全检查"));
    expect(notices.map((c) => c.body.channel).sort()).toEqual([slackIds("civil-affairs").channel, slackIds("culture").channel].sort());
    expect(await close.run("campaign", "close", "flood-season-check")).toBe(1);
    expect(close.errText()).toContain("此前已经结束");
  });

  it("names an unknown campaign and exits non-zero", async () => {
    const cli = testCli(db);
    expect(await cli.run("status", "no-such-campaign")).toBe(1);
    expect(cli.errText()).toContain("找不到行动“no-such-campaign”");
  });
});
