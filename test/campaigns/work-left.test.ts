import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignsWithSomethingDue } from "../../src/campaigns/reminders.ts";
import { hasWorkLeft, type DueTask } from "../../src/campaigns/work-left.ts";
import type { Db } from "../../src/db/client.ts";
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

  it("remembers 'nothing left' until a write that could reopen work: each one makes the next tick probe again", async () => {
    const task = await h.db.prisma.task.findUniqueOrThrow({ where: { id: `${HAZARD}:rectification-report` } });
    const due: DueTask[] = [
      { ...task, due: { reminder: { key: "test-slot-2", kind: "due", at: new Date() }, escalation: null, summary: null } },
    ];
    // Counts the probe's queries; `after` runs once a probe has answered, before the mark is written.
    let probes = 0;
    let after: (() => Promise<unknown>) | undefined;
    const db = new Proxy(h.db.prisma, {
      get(target, prop) {
        if (prop === "$queryRaw")
          return async (...args: Parameters<Db["$queryRaw"]>) => {
            probes++;
            const rows = await target.$queryRaw(...args);
            const hook = after;
            after = undefined;
            await hook?.();
            return rows;
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Db;
    const probed = async () => {
      probes = 0;
      const left = await hasWorkLeft(db, HAZARD, due);
      return { left, probed: probes > 0 };
    };
    const [first] = TARGETS;
    const target = { campaignId_departmentId: { campaignId: HAZARD, departmentId: first! } };
    const other = await h.db.prisma.completion.findFirstOrThrow({ where: { taskId: task.id } });
    const { id: _id, departmentId: _d, data, ...fields } = other;
    const complete = () => h.db.prisma.completion.create({ data: { ...fields, data: data ?? undefined, departmentId: first! } });

    await complete();
    expect(await probed()).toEqual({ left: false, probed: true });
    expect(await probed()).toEqual({ left: false, probed: false });
    // A completion changed (its pledge version): probed again, still nothing left.
    await h.db.prisma.completion.updateMany({ where: { taskId: task.id, departmentId: first }, data: { pledgeVersion: 7 } });
    expect(await probed()).toEqual({ left: false, probed: true });
    expect(await probed()).toEqual({ left: false, probed: false });
    // A completion removed: that department is owed the reminder.
    await h.db.prisma.completion.deleteMany({ where: { taskId: task.id, departmentId: first } });
    expect(await probed()).toEqual({ left: true, probed: true });
    // A sent dispatch un-sent (redline never does this, but the mark must not outlive it).
    await complete();
    expect(await probed()).toEqual({ left: false, probed: true });
    const sentOne = await h.db.prisma.dispatch.findFirstOrThrow({ where: { status: "sent" } });
    await h.db.prisma.dispatch.update({ where: { key: sentOne.key }, data: { status: "failed" } });
    expect(await probed()).toEqual({ left: false, probed: true });
    await h.db.prisma.dispatch.update({ where: { key: sentOne.key }, data: { status: "sent" } });

    // The race: a launch post is recorded for a department with nothing done after the probe read the targets and
    // before the mark is written. The mark must not be written, or that department would never be reminded.
    await h.db.prisma.completion.deleteMany({ where: { taskId: task.id, departmentId: first } });
    const { messageTs } = await h.db.prisma.campaignTarget.findUniqueOrThrow({ where: target });
    await h.db.prisma.campaignTarget.update({ where: target, data: { messageTs: null } });
    after = () => h.db.prisma.campaignTarget.update({ where: target, data: { messageTs } });
    expect(await probed()).toEqual({ left: false, probed: true });
    expect(await probed()).toEqual({ left: true, probed: true });
  });
});
