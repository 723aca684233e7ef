import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCampaignFile, readyMadeCampaignFile, type TCampaignFile } from "../../src/campaigns/definition/index.ts";
import { launchCampaign, planLaunch } from "../../src/campaigns/launch-campaign.ts";
import { loadStatusBoard } from "../../src/campaigns/load-boards.ts";
import { readyMadeChoices } from "../../src/campaigns/launch.ts";
import type { Database } from "../../src/db/client.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { registerSlackIds, slackIds } from "../support/fixtures.ts";
import { ALL_DEPARTMENTS } from "../slack/campaigns/campaign-harness.ts";

const ZONE = "Asia/Shanghai";
const NOW = new Date("2026-05-25T10:00:00+08:00");

describe.each(dbKinds())("launchCampaign (%s database)", (kind) => {
  let db: Database;
  let fire: TCampaignFile;
  const request = (file: TCampaignFile, now = NOW) => ({ file, fileName: `${file.id}.yaml`, launchedBy: "UOFFICE", now, zone: ZONE });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await registerSlackIds(db.prisma, ALL_DEPARTMENTS);
    fire = await readCampaignFile(readyMadeCampaignFile("summer-fire-safety"));
  });
  afterAll(async () => db?.close());

  it("stores the campaign with its windows resolved at launch and one target per department, with its channel", async () => {
    expect(await launchCampaign(db.prisma, request(fire))).toEqual({ campaignId: "summer-fire-safety", created: true, pledgeUpdates: [] });
    const board = (await loadStatusBoard(db.prisma, "summer-fire-safety", NOW, ZONE))!;
    expect(board.status).toBe("launching");
    expect(board.tasks.map((t) => [t.task.key, t.task.dueAt.toISOString()])).toEqual([
      ["acknowledge", "2026-05-26T02:00:00.000Z"],
      ["warning-education", "2026-06-01T02:00:00.000Z"],
      ["safety-pledge", "2026-06-01T02:00:00.000Z"],
    ]);
    expect(board.targets.map((t) => [t.departmentId, t.channelId, t.messageTs])).toContainEqual([
      "culture",
      slackIds("culture").channel,
      null,
    ]);
    // Directory order: departments, then counties and districts, then universities; never the office itself.
    expect(board.rows.map((r) => r.department.id)).toEqual([
      "civil-affairs",
      "culture",
      "education",
      "fire-brigade",
      "housing-construction",
      "quality-supervision",
      "changyuan",
      "hongqi",
      "huixian",
      "weihui",
      "xinxiang-county",
      "universities",
    ]);
  });

  it("launched again, keeps the campaign as it was: same tasks and windows, nothing created", async () => {
    const later = new Date("2026-05-27T10:00:00+08:00");
    expect(await launchCampaign(db.prisma, request(fire, later))).toEqual({
      campaignId: "summer-fire-safety",
      created: false,
      pledgeUpdates: [],
    });
    const tasks = await db.prisma.task.findMany({ where: { campaignId: "summer-fire-safety" } });
    expect(tasks).toHaveLength(3);
    expect(tasks.find((t) => t.key === "acknowledge")!.dueAt.toISOString()).toBe("2026-05-26T02:00:00.000Z");
  });

  it("two launches at the same moment create it once", async () => {
    const dialogue = await readCampaignFile(readyMadeCampaignFile("safety-dialogue"));
    const results = await Promise.all([launchCampaign(db.prisma, request(dialogue)), launchCampaign(db.prisma, request(dialogue))]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await db.prisma.task.count({ where: { campaignId: "safety-dialogue" } })).toBe(2);
  });

  it("refuses a changed pledge text that keeps its version, and an older version, changing nothing", async () => {
    const edited = structuredClone(fire);
    edited.tasks[2]!.pledge!.text.zh += "（改）";
    await expect(launchCampaign(db.prisma, request(edited))).rejects.toThrow(
      /summer-fire-safety\.yaml: tasks\[2\]\.pledge\.version: 承诺书文字已修改，但版本号仍为 1.*the pledge text changed but the version is still 1/,
    );
    const older = structuredClone(fire);
    older.tasks[2]!.pledge = { version: 1, text: fire.tasks[2]!.pledge!.text };
    await db.prisma.task.update({ where: { id: "summer-fire-safety:safety-pledge" }, data: { pledgeVersion: 3 } });
    await expect(launchCampaign(db.prisma, request(older))).rejects.toThrow(/version 1 is older than the launched version 3/);
    await db.prisma.task.update({ where: { id: "summer-fire-safety:safety-pledge" }, data: { pledgeVersion: 1 } });
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { campaignId_key: { campaignId: "summer-fire-safety", key: "safety-pledge" } },
    });
    expect(task.pledgeVersion).toBe(1);
    expect(task.pledgeTextZh).toBe(fire.tasks[2]!.pledge!.text.zh);
  });

  it("takes a newer pledge version once, even when two launches bring it at the same time", async () => {
    const v2 = structuredClone(fire);
    v2.tasks[2]!.pledge = { version: 2, text: { zh: "新承诺书", en: "New pledge" } };
    const results = await Promise.all([launchCampaign(db.prisma, request(v2)), launchCampaign(db.prisma, request(v2))]);
    expect(results.flatMap((r) => r.pledgeUpdates)).toEqual([{ taskKey: "safety-pledge", from: 1, to: 2 }]);
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { campaignId_key: { campaignId: "summer-fire-safety", key: "safety-pledge" } },
    });
    expect([task.pledgeVersion, task.pledgeTextZh, task.pledgeTextEn]).toEqual([2, "新承诺书", "New pledge"]);
  });

  it("refuses to launch a closed campaign again", async () => {
    await db.prisma.campaign.update({ where: { id: "safety-dialogue" }, data: { status: "closed", closedAt: NOW } });
    const dialogue = await readCampaignFile(readyMadeCampaignFile("safety-dialogue"));
    await expect(launchCampaign(db.prisma, request(dialogue))).rejects.toThrow(
      "Campaign safety-dialogue was closed on 25 May, 10:00 and cannot be launched again",
    );
  });

  it("plans nothing when a deadline has passed, naming the file and field", async () => {
    const hazard = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
    await expect(
      planLaunch(db.prisma, {
        file: hazard,
        fileName: "hazard-rectification-report.yaml",
        now: new Date("2026-06-02T10:00:00+08:00"),
        zone: ZONE,
      }),
    ).rejects.toThrow(
      /hazard-rectification-report\.yaml: tasks\[1\]\.due: .*task "rectification-report" was due \(05-31\) before the launch/,
    );
  });

  it("offers the ready-made campaigns as they would launch now, and says why one cannot", async () => {
    const choices = await readyMadeChoices(db.prisma, new Date("2026-06-02T10:00:00+08:00"), ZONE);
    expect(choices.map((c) => [c.id, c.running, c.blocked === null])).toEqual([
      ["summer-fire-safety", true, true],
      ["hazard-rectification-report", false, false],
      ["safety-dialogue", false, false],
    ]);
    expect(choices[1]!.blocked!.zh).toContain("在发起之前已过");
    expect(choices[2]!.blocked!.zh).toBe("已发起并已结束");
    expect(choices[0]!.tasks.map((t) => t.key)).toEqual(["acknowledge", "warning-education", "safety-pledge"]);
  });
});
