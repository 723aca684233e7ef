import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import type { RunningRedline } from "../../src/server/start-redline.ts";
import { loadRunningBoards } from "../../src/campaigns/load-boards.ts";
import { digestBoard } from "../../src/digest/digest-board.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { insertCampaign, registerSlackIds, slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { sendSlashCommand } from "../support/slack-requests.ts";
import { startTestApp } from "../support/test-app.ts";
import { waitFor } from "../support/wait-for.ts";

const office = slackIds("safety-office");
const at = (iso: string) => new Date(iso);

describe.each(dbKinds())("weekly digest (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["safety-office", "civil-affairs", "culture", "education"]);
    await insertCampaign(db.prisma, {
      id: "hazard-report",
      title: "隐患整治情况上报",
      targets: ["civil-affairs", "culture", "education"],
      tasks: [
        { key: "ack", kind: "acknowledge", title: "确认收到", opensAt: at("2026-05-20T01:00:00Z"), dueAt: at("2026-05-22T10:00:00Z") },
        { key: "report", kind: "report", title: "整治情况报告", opensAt: at("2026-05-20T01:00:00Z"), dueAt: at("2026-05-31T16:00:00Z") },
      ],
      completions: [
        { taskKey: "ack", departmentId: "civil-affairs" },
        { taskKey: "ack", departmentId: "culture" },
        { taskKey: "report", departmentId: "civil-affairs" },
      ],
    });
    slack = new SlackFake();
    bot = await startTestApp(db);
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("is not posted before Monday 09:00", async () => {
    await bot.tick(at("2026-06-01T08:59:00+08:00"));
    expect(slack.postsIn(office.channel)).toHaveLength(0);
  });

  it("posts once on Monday at 09:00 — text, then the board picture in its thread — and not again that week", async () => {
    await Promise.all([bot.tick(at("2026-06-01T09:00:00+08:00")), bot.tick(at("2026-06-01T09:00:00+08:00"))]);
    await bot.tick(at("2026-06-02T09:00:00+08:00"));
    const posts = slack.postsIn(office.channel);
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.body.blocks);
    expect(posts[0]!.body.text).toContain("安全生产周报");
    expect(text).toContain("隐患整治情况上报");
    // The count, and where the itemised list is: the digest does not repeat the office's daily overdue list.
    expect(text).toContain("🔴 共 3 项逾期，涉及 2 个单位。逐项名单（单位、任务、主要负责人）见本频道每个工作日的「今日逾期名单」");
    expect(text).toContain("确认收到 ▓▓▓▓▓▓▓░░░ 2/3 · 逾期 1");
    expect(text).not.toContain("教育部门 — 确认收到");
    const complete = slack.callsTo("files.completeUploadExternal");
    expect(complete).toHaveLength(1);
    expect(complete[0]!.body).toMatchObject({ channel_id: office.channel, thread_ts: posts[0]!.response!.ts });
    const png = PNG.sync.read(slack.uploads[0]!.bytes);
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(200);
  });

  it("draws one header per campaign over short task names, with short unit names", async () => {
    const board = digestBoard(
      await loadRunningBoards(db.prisma, at("2026-06-01T09:00:00+08:00"), "Asia/Shanghai"),
      at("2026-06-01T09:00:00+08:00"),
      "Asia/Shanghai",
      "zh",
    );
    expect(board.groups).toEqual([{ label: "隐患整治情况上报", columns: ["hazard-report/ack", "hazard-report/report"] }]);
    expect(board.columns.map((c) => c.label)).toEqual(["收到", "报告"]);
    expect(board.rows.map((r) => r.label)).toEqual(["民政", "文化", "教育"]);
  });

  it("is posted again the next week", async () => {
    await bot.tick(at("2026-06-08T09:05:00+08:00"));
    expect(slack.postsIn(office.channel)).toHaveLength(1);
  });

  it("/redline digest posts on demand for the office and refuses anyone else", async () => {
    await sendSlashCommand(bot.url, { text: "digest", user_id: slackIds("culture").liaison, channel_id: slackIds("culture").channel });
    const refusal = await waitFor(() => slack.responses[0], "refusal");
    expect(refusal.body.text).toContain("Only safety-office staff can post the digest");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);

    await sendSlashCommand(bot.url, { text: "周报", user_id: office.liaison, channel_id: office.channel });
    await waitFor(() => slack.responses.length === 2, "confirmation");
    expect(slack.postsIn(office.channel)).toHaveLength(1);
  });
});

describe.each(dbKinds())("no empty weekly digest (%s database)", (kind) => {
  let db: Database;
  let bot: RunningRedline & { url: string };
  let slack: SlackFake;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ["safety-office", "civil-affairs"]);
    slack = new SlackFake();
    bot = await startTestApp(db);
  });
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it("posts nothing while there is nothing to report, then the week's digest once there is", async () => {
    // A first start on a Wednesday, nothing running, no meeting: no digest.
    await bot.tick(at("2026-06-03T10:00:00+08:00"));
    await bot.tick(at("2026-06-03T10:01:00+08:00"));
    expect(slack.postsIn(office.channel)).toHaveLength(0);
    expect(await db.prisma.dispatch.count({ where: { key: { startsWith: "digest:" } } })).toBe(0);
    await insertCampaign(db.prisma, {
      id: "fire",
      title: "夏季消防安全专项行动",
      targets: ["civil-affairs"],
      tasks: [
        { key: "ack", kind: "acknowledge", title: "确认收到", opensAt: at("2026-06-01T01:00:00Z"), dueAt: at("2026-06-10T10:00:00Z") },
      ],
    });
    await bot.tick(at("2026-06-03T10:02:00+08:00"));
    await bot.tick(at("2026-06-03T10:03:00+08:00"));
    expect(slack.postsIn(office.channel)).toHaveLength(1);
    expect(slack.postsIn(office.channel)[0]!.body.text).toContain("安全生产周报");
  });
});
