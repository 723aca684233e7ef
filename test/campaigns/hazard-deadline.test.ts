import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
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
  tickDays,
  type Harness,
  type TickLog,
} from "../slack/campaigns/campaign-harness.ts";

const HAZARD = "hazard-rectification-report-2024"; // the run launched in 2024
const REPORT_TITLE = "上报隐患整治情况";
/**
 * "Report by the end of May" in 2024: Friday 31 May is the deadline day, so T-3, T-1 and the due day all fall on
 * working days; the Dragon Boat holiday (Monday 10 June) sits inside the overdue stretch.
 */
const LAUNCH = "2024-05-20T10:00:00+08:00";

/** Local tick times at which `channel` got a post containing every one of `needles`. */
function when(log: readonly TickLog[], channel: string, ...needles: string[]): string[] {
  return log.flatMap((t) =>
    t.posts.filter((p) => p.body.channel === channel && needles.every((n) => callText(p).includes(n))).map(() => t.at),
  );
}

async function launchAndAcknowledge(h: Harness): Promise<void> {
  await launchReadyMade(h, "hazard-rectification-report");
  // Everyone acknowledges at once, so what follows is about the report only.
  for (const d of TARGETS) await press(h, "acknowledge", refFor(HAZARD, "acknowledge", d), slackIds(d).liaison);
  const acked = async () => h.db.prisma.completion.count({ where: { taskId: `${HAZARD}:acknowledge` } });
  for (let i = 0; i < 100 && (await acked()) < TARGETS.length; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await acked()).toBe(TARGETS.length);
}

describe.each(dbKinds())("the hazard-report deadline, tick by tick (%s database)", (kind) => {
  let h: Harness;
  let log: TickLog[] = [];
  const culture = slackIds("culture");

  beforeAll(async () => {
    h = await startHarness(kind, LAUNCH);
    await launchAndAcknowledge(h);
    h.slack.reset();
    log = await tickDays(h, "2024-05-21", "2024-05-28");
    h.clock.set("2024-05-29T11:00:00+08:00");
    const res = await submitReport(h, refFor(HAZARD, "rectification-report", "civil-affairs"), slackIds("civil-affairs").liaison, {
      status: "all-rectified",
      found: "4",
      rectified: "4",
    });
    expect(res.json?.response_action).toBeUndefined();
    log.push(...(await tickDays(h, "2024-05-29", "2024-06-12")));
  });
  afterAll(async () => h?.close());

  it("reminds T-3, T-1 and on the due day at 09:00, saying how long is left", () => {
    expect(when(log, culture.channel, "⏰", REPORT_TITLE)).toEqual(["2024-05-28 09:00", "2024-05-30 09:00", "2024-05-31 09:00"]);
    const [t3, t1, due] = log
      .filter((t) => ["2024-05-28 09:00", "2024-05-30 09:00", "2024-05-31 09:00"].includes(t.at))
      .map((t) => callText(t.posts.find((p) => p.body.channel === culture.channel)!));
    expect(t3).toContain("⏰ 提醒：文化部门的“上报隐患整治情况”将于5月31日（周五）24:00前截止，还有 3 天");
    expect(t1).toContain("还有 1 天");
    expect(due).toContain("⏰ 今天截止：文化部门的“上报隐患整治情况”须于5月31日（周五）24:00前完成");
  });

  it("stops once the department has reported", () => {
    expect(when(log, slackIds("civil-affairs").channel, REPORT_TITLE)).toEqual(["2024-05-28 09:00"]);
  });

  it("reminds daily while overdue, on working days only (no weekend, no Dragon Boat holiday)", () => {
    // On 4 June the escalation (which says how late it is, and names the head) stands for that morning's reminder.
    expect(when(log, culture.channel, "🔴 已逾期", REPORT_TITLE)).toEqual([
      "2024-06-03 09:00",
      "2024-06-05 09:00",
      "2024-06-06 09:00",
      "2024-06-07 09:00",
      "2024-06-11 09:00",
      "2024-06-12 09:00",
    ]);
    const jun11 = log.find((t) => t.at === "2024-06-11 09:00")!.posts.find((p) => p.body.channel === culture.channel)!;
    expect(callText(jun11)).toContain("已于5月31日（周五）24:00截止，逾期 6 个工作日");
  });

  it("escalates once, two working days overdue, mentioning the principal head in the department channel", () => {
    expect(when(log, culture.channel, "🚨 督办")).toEqual(["2024-06-04 09:00"]);
    expect(log.find((t) => t.at === "2024-06-04 09:00")!.posts.filter((p) => p.body.channel === culture.channel)).toHaveLength(1);
    const post = log
      .find((t) => t.at === "2024-06-04 09:00")!
      .posts.find((p) => p.body.channel === culture.channel && callText(p).includes("🚨"))!;
    expect(callText(post)).toContain(
      `🚨 督办：文化部门的“上报隐患整治情况”已于5月31日（周五）24:00截止，逾期 2 个工作日。请主要负责人 <@${culture.head}>`,
    );
    expect(callText(post)).toContain("逾期情况已报安委办");
  });

  it("posts the overdue list to the office once per working day from the escalation on", () => {
    expect(when(log, office.channel, "逾期名单")).toEqual([
      "2024-06-04 09:00",
      "2024-06-05 09:00",
      "2024-06-06 09:00",
      "2024-06-07 09:00",
      "2024-06-11 09:00",
      "2024-06-12 09:00",
    ]);
    const first = log.find((t) => t.at === "2024-06-04 09:00")!.posts.find((p) => p.body.channel === office.channel)!;
    const text = callText(first);
    expect(text).toContain(`共 ${TARGETS.length - 1} 项逾期，涉及 ${TARGETS.length - 1} 个单位`);
    expect(text).toContain(`*文化部门* — 上报隐患整治情况 · 截止5月31日（周五）24:00前 · 逾期 2 个工作日 · 主要负责人 <@${culture.head}>`);
    expect(text).not.toContain("*民政部门*");
  });

  it("posts nothing at the afternoon ticks: each slot went out once, in the morning", () => {
    expect(log.filter((t) => t.at.endsWith("15:00")).flatMap((t) => t.posts)).toEqual([]);
  });
});

describe.each(dbKinds())("after downtime (%s database)", (kind) => {
  let h: Harness;
  const culture = slackIds("culture");

  beforeAll(async () => {
    h = await startHarness(kind, LAUNCH);
    await launchAndAcknowledge(h);
    h.slack.reset();
  });
  afterAll(async () => h?.close());

  it("sends one collapsed reminder, not one per missed slot, and waits for the morning's reminder time", async () => {
    // The scheduler was down from 27 May to the morning of 5 June: T-3, T-1, due day, two overdue days and the escalation were missed.
    expect((await tickAt(h, "2024-06-05", "08:30")).posts).toEqual([]);
    const tick = await tickAt(h, "2024-06-05", "10:17");
    const here = tick.posts.filter((p) => p.body.channel === culture.channel);
    // The overdue reminder and the escalation of the same task, due at once: one post, the escalation standing for both.
    expect(here.map((p) => callText(p).split("\n")[0])).toEqual([
      expect.stringContaining("🚨 督办：文化部门的“上报隐患整治情况”已于5月31日（周五）24:00截止，逾期 3 个工作日"),
    ]);
    expect(tick.posts.filter((p) => p.body.channel === office.channel)).toHaveLength(1);
    expect((await tickAt(h, "2024-06-05", "10:18")).posts).toEqual([]);
  });
});
