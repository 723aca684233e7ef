import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCampaignFile, readyMadeCampaignFile, type TCampaignFile } from "../../src/campaigns/definition/index.ts";
import { launchCampaign, planLaunch } from "../../src/campaigns/launch-campaign.ts";
import { loadStatusBoard } from "../../src/campaigns/load-boards.ts";
import { templateChoices } from "../../src/campaigns/launch.ts";
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
    expect(await launchCampaign(db.prisma, request(fire))).toEqual({
      campaignId: "summer-fire-safety-2026",
      templateId: "summer-fire-safety",
      created: true,
      pledgeUpdates: [],
    });
    const board = (await loadStatusBoard(db.prisma, "summer-fire-safety-2026", NOW, ZONE))!;
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
      campaignId: "summer-fire-safety-2026",
      templateId: "summer-fire-safety",
      created: false,
      pledgeUpdates: [],
    });
    const tasks = await db.prisma.task.findMany({ where: { campaignId: "summer-fire-safety-2026" } });
    expect(tasks).toHaveLength(3);
    expect(tasks.find((t) => t.key === "acknowledge")!.dueAt.toISOString()).toBe("2026-05-26T02:00:00.000Z");
  });

  it("two launches at the same moment create it once", async () => {
    const dialogue = await readCampaignFile(readyMadeCampaignFile("safety-dialogue"));
    const results = await Promise.all([launchCampaign(db.prisma, request(dialogue)), launchCampaign(db.prisma, request(dialogue))]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(await db.prisma.task.count({ where: { campaignId: "safety-dialogue-2026" } })).toBe(2);
  });

  it("refuses a changed pledge text that keeps its version, and an older version, changing nothing", async () => {
    const edited = structuredClone(fire);
    edited.tasks[2]!.pledge!.text.zh += "（改）";
    await expect(launchCampaign(db.prisma, request(edited))).rejects.toThrow(
      /summer-fire-safety\.yaml: tasks\[2\]\.pledge\.version: 承诺书文字已修改，但版本号仍为 1.*the pledge text changed but the version is still 1/,
    );
    const older = structuredClone(fire);
    older.tasks[2]!.pledge = { version: 1, text: fire.tasks[2]!.pledge!.text };
    await db.prisma.task.update({ where: { id: "summer-fire-safety-2026:safety-pledge" }, data: { pledgeVersion: 3 } });
    await expect(launchCampaign(db.prisma, request(older))).rejects.toThrow(/version 1 is older than the launched version 3/);
    await db.prisma.task.update({ where: { id: "summer-fire-safety-2026:safety-pledge" }, data: { pledgeVersion: 1 } });
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { campaignId_key: { campaignId: "summer-fire-safety-2026", key: "safety-pledge" } },
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
      where: { campaignId_key: { campaignId: "summer-fire-safety-2026", key: "safety-pledge" } },
    });
    expect([task.pledgeVersion, task.pledgeTextZh, task.pledgeTextEn]).toEqual([2, "新承诺书", "New pledge"]);
  });

  it("a closed run never blocks the next: the template launches again as a new run", async () => {
    await db.prisma.campaign.update({ where: { id: "safety-dialogue-2026" }, data: { status: "closed", closedAt: NOW } });
    const dialogue = await readCampaignFile(readyMadeCampaignFile("safety-dialogue"));
    const again = await launchCampaign(db.prisma, request(dialogue, new Date("2026-05-26T09:00:00+08:00")));
    expect(again).toMatchObject({ campaignId: "safety-dialogue-2026-2", templateId: "safety-dialogue", created: true });
    // Next year the same template gets that year's id, with its yearless dates in that year.
    await db.prisma.campaign.update({ where: { id: "safety-dialogue-2026-2" }, data: { status: "closed", closedAt: NOW } });
    const nextYear = await launchCampaign(db.prisma, request(dialogue, new Date("2027-04-12T09:00:00+08:00")));
    expect(nextYear.campaignId).toBe("safety-dialogue-2027");
    const report = await db.prisma.task.findUniqueOrThrow({
      where: { campaignId_key: { campaignId: "safety-dialogue-2027", key: "dialogue-report" } },
    });
    expect([report.opensAt.toISOString(), report.dueAt.toISOString()]).toEqual(["2027-04-14T16:00:00.000Z", "2027-06-30T16:00:00.000Z"]);
  });

  it("a run from before templates (its id the template id) is continued while open, not doubled", async () => {
    const hazard = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
    await db.prisma.campaign.create({
      data: {
        id: "hazard-rectification-report",
        templateId: "hazard-rectification-report",
        titleZh: "事故隐患整治情况上报",
        titleEn: "Hazard rectification status report",
        summaryZh: "摘要",
        summaryEn: "Summary",
        sourceClause: hazard.sourceClause,
        status: "launched",
        definition: {},
        launchedBy: "UOFFICE",
        launchedAt: NOW,
      },
    });
    expect(await launchCampaign(db.prisma, request(hazard))).toMatchObject({ campaignId: "hazard-rectification-report", created: false });
    await db.prisma.campaign.delete({ where: { id: "hazard-rectification-report" } });
  });

  it("a yearless deadline already past this year is next year's; a dated one refuses with the day to give instead", async () => {
    const hazard = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
    const june = new Date("2026-06-02T10:00:00+08:00");
    const plan = await planLaunch(db.prisma, { file: hazard, fileName: "hazard-rectification-report.yaml", now: june, zone: ZONE });
    expect(plan.tasks[1]!.dueAt.toISOString()).toBe("2027-05-31T16:00:00.000Z");

    const dated = structuredClone(hazard);
    dated.tasks[1]!.due = "2026-05-31";
    const refusal = planLaunch(db.prisma, { file: dated, fileName: "hazard-2026.yaml", now: june, zone: ZONE });
    await expect(refusal).rejects.toMatchObject({ code: "outside_window", userMessage: { zh: expect.stringMatching(/截止日期已过，未发起：\nhazard-2026\.yaml: tasks\[1\]\.due: “上报隐患整治情况”的截止时间 2026-05-31 已过（--date rectification-report=YYYY-MM-DD 可另给日期）/) } });
    await expect(refusal).rejects.not.toMatchObject({ userMessage: { zh: expect.stringContaining("行动文件有误") } });
    const given = await planLaunch(db.prisma, {
      file: dated,
      fileName: "hazard-2026.yaml",
      now: june,
      zone: ZONE,
      dates: { "rectification-report": "2026-06-30" },
    });
    expect(given.tasks[1]!.dueAt.toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });

  it("asks for a day the template leaves open, and refuses an unknown task or a malformed day", async () => {
    const hazard = await readCampaignFile(readyMadeCampaignFile("hazard-rectification-report"));
    const open = structuredClone(hazard);
    open.tasks[1]!.due = "ask";
    const base = { file: open, fileName: "open.yaml", now: NOW, zone: ZONE };
    await expect(planLaunch(db.prisma, base)).rejects.toThrow(/open\.yaml: tasks\[1\]\.due: 此日期须在发起时填写（--date rectification-report=YYYY-MM-DD）/);
    await expect(planLaunch(db.prisma, { ...base, dates: { report: "2026-06-30" } })).rejects.toThrow(/--date report: 没有这项任务/);
    await expect(planLaunch(db.prisma, { ...base, dates: { "rectification-report": "2026-6-30" } })).rejects.toThrow(
      /日期应为 YYYY-MM-DD/,
    );
    const plan = await planLaunch(db.prisma, { ...base, dates: { "rectification-report": "2026-06-30" } });
    expect(plan.tasks[1]!.dueAt.toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });

  it("lists every template as it would launch now: the run id, the dates, or why it cannot", async () => {
    const choices = await templateChoices(db.prisma, new Date("2026-07-02T10:00:00+08:00"), ZONE);
    expect(choices.map((c) => [c.id, c.runId, c.running, c.blocked === null])).toEqual([
      ["summer-fire-safety", "summer-fire-safety-2026", true, true],
      ["hazard-rectification-report", "hazard-rectification-report-2026", false, true],
      ["safety-dialogue", "safety-dialogue-2027", true, true],
    ]);
    expect(choices[0]!.tasks.map((t) => t.key)).toEqual(["acknowledge", "warning-education", "safety-pledge"]);
    // July: both yearless ready-made campaigns resolve to next year's dates instead of being refused.
    expect(choices[1]!.tasks[1]!.dueAt.toISOString()).toBe("2027-05-31T16:00:00.000Z");
    expect(choices[2]!.tasks[1]!.dueAt.toISOString()).toBe("2027-06-30T16:00:00.000Z");
  });
});
