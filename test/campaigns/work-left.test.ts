import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsWithSomethingDue } from "../../src/campaigns/reminders.ts";
import { hasWorkLeft, type DueTask } from "../../src/campaigns/work-left.ts";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import {
  callText,
  launchReadyMade,
  press,
  refFor,
  startHarness,
  submitReport,
  TARGETS,
  tickAt,
  type Harness,
} from "../slack/campaigns/campaign-harness.ts";

const HAZARD = "hazard-rectification-report-2024";
const ZONE = "Asia/Shanghai";
const at = (local: string) => new Date(`${local}:00+08:00`);
const report = { status: "all-rectified", found: "1", rectified: "1" };

describe.each(dbKinds())("which campaigns a tick reads boards for (%s database)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, "2024-05-20T10:00:00+08:00");
    await launchReadyMade(h, "hazard-rectification-report");
    for (const d of TARGETS) await press(h, "acknowledge", refFor(HAZARD, "acknowledge", d), slackIds(d).liaison);
    const acked = async () => h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:acknowledge` } });
    for (let i = 0; i < 100 && (await acked()) < TARGETS.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await acked()).toBe(TARGETS.length);
  });
  afterAll(async () => h?.close());

  it("reads a campaign while a due reminder is unsent, and not once every department has had it", async () => {
    expect(await campaignsWithSomethingDue(h.db.prisma, at("2024-05-28T09:00"), ZONE)).toEqual([HAZARD]);
    const t3 = await tickAt(h, "2024-05-28", "09:00");
    expect(t3.posts.filter((p) => callText(p).includes("还有 3 天"))).toHaveLength(TARGETS.length);
    // The same slot is still the latest one due all morning: nothing left to send, so no board is read.
    expect(await campaignsWithSomethingDue(h.db.prisma, at("2024-05-28T09:05"), ZONE)).toEqual([]);
    expect((await tickAt(h, "2024-05-28", "09:05")).posts).toEqual([]);
  });

  it("follows completions, a retried one included: the last department's report (sent twice) ends the work", async () => {
    const [last, ...rest] = TARGETS;
    for (const d of rest) await submitReport(h, refFor(HAZARD, "rectification-report", d), slackIds(d).liaison, report);
    expect(await campaignsWithSomethingDue(h.db.prisma, at("2024-05-30T09:00"), ZONE)).toEqual([HAZARD]);
    // Slack retries a submission it did not see answered: the same form twice records one report.
    for (let i = 0; i < 2; i++) await submitReport(h, refFor(HAZARD, "rectification-report", last!), slackIds(last!).liaison, report);
    expect(await h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:rectification-report` } })).toBe(TARGETS.length);
    expect(await campaignsWithSomethingDue(h.db.prisma, at("2024-05-30T09:00"), ZONE)).toEqual([]);
    expect((await tickAt(h, "2024-05-30", "09:00")).posts).toEqual([]);
  });

  it("counts a department whose launch post went out later, and a pledge signed on an older text as not done", async () => {
    const task = await h.db.prisma.task.findUniqueOrThrow({ where: { id: `${HAZARD}:rectification-report` } });
    const due = (over: Partial<DueTask> = {}): DueTask[] => [
      { ...task, due: { reminder: { key: "test-slot", kind: "due", at: new Date() }, escalation: null, summary: null }, ...over },
    ];
    expect(await hasWorkLeft(h.db.prisma, HAZARD, due())).toBe(false);
    // Everyone has reported; as a pledge of version 2 the version-less completions would no longer count.
    expect(await hasWorkLeft(h.db.prisma, HAZARD, due({ kind: "pledge", pledgeVersion: 2 }))).toBe(true);
    // A department without a completion counts only once its launch message is out.
    const [first] = TARGETS;
    await h.db.prisma.completion.deleteMany({ where: { taskId: task.id, departmentId: first } });
    const target = { campaignId_departmentId: { campaignId: HAZARD, departmentId: first! } };
    const { messageTs } = await h.db.prisma.campaignTarget.findUniqueOrThrow({ where: target });
    await h.db.prisma.campaignTarget.update({ where: target, data: { messageTs: null } });
    expect(await hasWorkLeft(h.db.prisma, HAZARD, due())).toBe(false);
    await h.db.prisma.campaignTarget.update({ where: target, data: { messageTs } });
    expect(await hasWorkLeft(h.db.prisma, HAZARD, due())).toBe(true);
  });
});
