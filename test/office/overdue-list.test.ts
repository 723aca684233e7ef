import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, type DbKind } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";
import type { SlackCall } from "../support/slack-fake.ts";
import {
  callText,
  launchReadyMade,
  office,
  press,
  refFor,
  startHarness,
  submitReport,
  TARGETS,
  tickAt,
  type Bot,
  type Harness,
} from "../slack/campaigns/campaign-harness.ts";

const HAZARD = "hazard-rectification-report-2024";
/** Report due by the end of Friday 31 May 2024; two working days overdue (the escalation) on Tuesday 4 June. */
const LAUNCH = "2024-05-20T10:00:00+08:00";
const LIST_KEY = "office:overdue-list:2024-06-04";
const done = { status: "all-rectified", found: "1", rectified: "1" };

async function launchAndAcknowledge(h: Harness): Promise<void> {
  await launchReadyMade(h, "hazard-rectification-report");
  for (const d of TARGETS) await press(h, "acknowledge", refFor(HAZARD, "acknowledge", d), slackIds(d).liaison);
  const acked = async () => h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:acknowledge` } });
  for (let i = 0; i < 100 && (await acked()) < TARGETS.length; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await acked()).toBe(TARGETS.length);
}

async function report(h: Harness, departmentId: string): Promise<void> {
  const before = await h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:rectification-report` } });
  await submitReport(h, refFor(HAZARD, "rectification-report", departmentId), slackIds(departmentId).liaison, done);
  const count = () => h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:rectification-report` } });
  for (let i = 0; i < 100 && (await count()) === before; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await count()).toBe(before + 1);
}

/** The office's list calls (posts and in-place updates) since `from`. */
function listCalls(h: Harness, from = 0): SlackCall[] {
  return h.slack.calls
    .slice(from)
    .filter(
      (c) =>
        (c.method === "chat.postMessage" || c.method === "chat.update") &&
        c.body.channel === office.channel &&
        callText(c).includes("今日逾期名单"),
    );
}

async function startAt(kind: DbKind, env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness(kind, LAUNCH, env);
  await launchAndAcknowledge(h);
  h.slack.reset();
  return h;
}

describe.each(dbKinds())("the office's daily overdue list (%s database)", (kind) => {
  let h: Harness;
  let second: Bot;
  beforeAll(async () => {
    h = await startAt(kind);
    second = (await startTestApp(h.db, { env: { REDLINE_INSTANCE_ID: "test-2", REDLINE_DIGEST: "off" } })) as Bot;
  });
  afterAll(async () => {
    await second?.stop();
    await h?.close();
  });

  it("is posted once though two replicas tick the same minute, listing every department not done", async () => {
    // Monday: one working day overdue, no escalation yet, so no list.
    await tickAt(h, "2024-06-03", "09:00");
    expect(listCalls(h)).toEqual([]);
    const at = new Date("2024-06-04T09:00:00+08:00");
    await Promise.all([h.bot.tick(at), second.tick(at), h.bot.tick(at)]);
    const calls = listCalls(h);
    expect(calls.map((c) => c.method)).toEqual(["chat.postMessage"]);
    const text = callText(calls[0]!);
    expect(text).toContain("🔴 今日逾期名单 · 6月4日（周二）");
    expect(text).toContain(`共 ${TARGETS.length} 项逾期，涉及 ${TARGETS.length} 个单位`);
    expect(text).toContain(
      `*文化部门* — 上报隐患整治情况 · 截止5月31日（周五）24:00前 · 逾期 2 个工作日 · 主要负责人 <@${slackIds("culture").head}>`,
    );
    const row = await h.db.prisma.dispatch.findUniqueOrThrow({ where: { key: LIST_KEY } });
    expect(row).toMatchObject({ status: "sent", channelId: office.channel, messageTs: calls[0]!.response!.ts });
  });

  it("is updated in place when a department reports (it drops off), and left alone while nothing changed", async () => {
    const posted = listCalls(h)[0]!;
    const from = h.slack.calls.length;
    await tickAt(h, "2024-06-04", "09:01");
    expect(listCalls(h, from)).toEqual([]);

    await report(h, "culture");
    await tickAt(h, "2024-06-04", "09:02");
    await report(h, "education");
    await tickAt(h, "2024-06-04", "09:03");
    await tickAt(h, "2024-06-04", "09:04");
    const calls = listCalls(h, from);
    expect(calls.map((c) => c.method)).toEqual(["chat.update", "chat.update"]);
    for (const c of calls) expect(c.body).toMatchObject({ channel: office.channel, ts: posted.response!.ts });
    expect(callText(calls[0]!)).toContain(`共 ${TARGETS.length - 1} 项逾期`);
    expect(callText(calls[0]!)).toContain("更新于 6月4日 09:02");
    expect(callText(calls[0]!)).not.toContain("*文化部门*");
    expect(callText(calls[1]!)).toContain(`共 ${TARGETS.length - 2} 项逾期`);
    expect(callText(calls[1]!)).not.toContain("*教育部门*");
    expect(await h.db.prisma.keptMessage.findUniqueOrThrow({ where: { key: LIST_KEY } })).toMatchObject({
      updates: 2,
      error: null,
      leaseUntil: null,
    });
  });

  it("tries a failed update again at the next tick, with what is true then", async () => {
    const from = h.slack.calls.length;
    h.slack.on("chat.update", () => ({ ok: false, error: "internal_error" }));
    await report(h, "housing-construction");
    const failed = await h.bot.tick(new Date("2024-06-04T10:00:00+08:00"));
    expect(failed.sweeps["office.overdue-list"]).toEqual({ sent: 0, failed: 1 });
    expect((await h.db.prisma.keptMessage.findUniqueOrThrow({ where: { key: LIST_KEY } })).error).toContain("internal_error");
    h.slack.clearOverrides();
    await tickAt(h, "2024-06-04", "10:01");
    const calls = listCalls(h, from);
    expect(calls.map((c) => c.method)).toEqual(["chat.update", "chat.update"]);
    expect(callText(calls[1]!)).toContain(`共 ${TARGETS.length - 3} 项逾期`);
    expect(callText(calls[1]!)).toContain("更新于 6月4日 10:01");
    expect(await h.db.prisma.keptMessage.findUniqueOrThrow({ where: { key: LIST_KEY } })).toMatchObject({ updates: 3, error: null });
    await tickAt(h, "2024-06-04", "10:02");
    expect(listCalls(h, from)).toHaveLength(2);
  });

  it("starts a new list the next working day, and posts none on the weekend", async () => {
    await tickAt(h, "2024-06-05", "09:00");
    const posts = h.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === office.channel && callText(c).includes("今日逾期名单"),
    );
    expect(posts).toHaveLength(2);
    expect(callText(posts[1]!)).toContain("6月5日（周三）");
    expect(callText(posts[1]!)).toContain(`共 ${TARGETS.length - 3} 项逾期`);
    const from = h.slack.calls.length;
    await tickAt(h, "2024-06-08", "09:00");
    await tickAt(h, "2024-06-09", "09:00");
    expect(listCalls(h, from)).toEqual([]);
  });
});

describe.each(dbKinds())("the overdue list's threshold (%s database)", (kind) => {
  it("posts no list until it has REDLINE_OVERDUE_MIN_ITEMS items", async () => {
    const h = await startAt(kind, { REDLINE_OVERDUE_MIN_ITEMS: String(TARGETS.length + 1) });
    try {
      // Everyone but nobody more is overdue: one item short of the threshold, on every day.
      await tickAt(h, "2024-06-04", "09:00");
      await tickAt(h, "2024-06-05", "09:00");
      expect(listCalls(h)).toEqual([]);
      expect(await h.db.prisma.dispatch.count({ where: { key: { startsWith: "office:overdue-list:" } } })).toBe(0);
    } finally {
      await h.close();
    }
  });

  it("lists only items overdue by at least REDLINE_OVERDUE_MIN_DAYS working days, and says so", async () => {
    const h = await startAt(kind, { REDLINE_OVERDUE_MIN_DAYS: "3" });
    try {
      // Tuesday: everyone is 2 working days late, below 3: nothing to list, so no list.
      await tickAt(h, "2024-06-04", "09:00");
      expect(listCalls(h)).toEqual([]);
      // Wednesday: 3 working days late, so listed.
      await tickAt(h, "2024-06-05", "09:00");
      const [post] = listCalls(h);
      expect(callText(post!)).toContain(`共 ${TARGETS.length} 项逾期`);
      expect(callText(post!)).toContain("仅列逾期满 3 个工作日的事项。");
      expect(callText(post!)).toContain("逾期 3 个工作日");
    } finally {
      await h.close();
    }
  });
});
