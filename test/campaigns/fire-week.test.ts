import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";
import {
  callText,
  cliTick,
  launchReadyMade,
  office,
  postedAt,
  refFor,
  startHarness,
  submitEducation,
  TARGETS,
  type Bot,
  type Harness,
  type TickLog,
} from "../slack/campaigns/campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";
const EDUCATION_TITLE = "开展消防安全警示教育并填报";
/** Launched on Wednesday 6 May 2026, the day after the Labour Day holiday: the window closes Wednesday 13 May 10:00. */
const LAUNCH = "2026-05-06T10:00:00+08:00";
const DAYS = ["2026-05-06", "2026-05-07", "2026-05-08", "2026-05-09", "2026-05-10", "2026-05-11", "2026-05-12", "2026-05-13", "2026-05-14"];

describe.each(dbKinds())("the fire warning-education week, tick by tick (%s database)", (kind) => {
  let h: Harness;
  let second: Bot;
  const log: TickLog[] = [];

  beforeAll(async () => {
    h = await startHarness(kind, LAUNCH);
    second = (await startTestApp(h.db, { env: { REDLINE_INSTANCE_ID: "test-2", REDLINE_DIGEST: "off" } })) as Bot;
    await launchReadyMade(h, "summer-fire-safety");
    h.slack.reset();

    for (const day of DAYS) {
      for (const time of ["09:00", "15:00"]) {
        if (day === "2026-05-08" && time === "09:00") {
          // Three schedulers at the same minute: the CLI, this app and a second replica on the same database.
          const before = h.slack.calls.length;
          await Promise.all([
            cliTick(h, day, time),
            h.bot.tick(new Date(`${day}T${time}:00+08:00`)),
            second.tick(new Date(`${day}T${time}:00+08:00`)),
          ]);
          log.push({ at: `${day} ${time}`, posts: h.slack.calls.slice(before).filter((c) => c.method === "chat.postMessage") });
        } else {
          log.push(await cliTick(h, day, time));
        }
        // 民政部门 reports its session on Thursday after the first nudge; 文化部门 on Monday morning.
        if (day === "2026-05-07" && time === "09:00")
          await report("civil-affairs", "2026-05-07T11:00:00+08:00", "2026-05-07", "30", "局机关三楼会议室");
        if (day === "2026-05-11" && time === "09:00")
          await report("culture", "2026-05-11T10:00:00+08:00", "2026-05-08", "25", "文化馆报告厅");
      }
    }
  });
  afterAll(async () => {
    await second?.stop();
    await h?.close();
  });

  async function report(departmentId: string, at: string, heldOn: string, attendees: string, location: string) {
    h.clock.set(at);
    const res = await submitEducation(h, refFor(FIRE, "warning-education", departmentId), slackIds(departmentId).liaison, {
      heldOn,
      attendees,
      location,
    });
    expect(res.json?.response_action).toBeUndefined();
  }

  it("nudges a department that has not reported every working day at 09:00 — the 调休 Saturday included, Sunday not — and warns on the last day", () => {
    const channel = slackIds("education").channel;
    expect(postedAt(log, channel, EDUCATION_TITLE)).toEqual([
      "2026-05-07 09:00",
      "2026-05-08 09:00",
      "2026-05-09 09:00",
      "2026-05-11 09:00",
      "2026-05-12 09:00",
      "2026-05-13 09:00",
    ]);
    const last = log
      .find((t) => t.at === "2026-05-13 09:00")!
      .posts.find((p) => p.body.channel === channel && callText(p).includes(EDUCATION_TITLE))!;
    expect(callText(last)).toContain("⚠️ 最后一天：教育部门尚未完成“开展消防安全警示教育并填报”，将于5月13日（周三）10:00前截止");
    const daily = log
      .find((t) => t.at === "2026-05-09 09:00")!
      .posts.find((p) => p.body.channel === channel && callText(p).includes(EDUCATION_TITLE))!;
    expect(callText(daily)).toContain("📣 教育部门尚未完成“开展消防安全警示教育并填报”");
  });

  it("stops nudging a department once it has reported", () => {
    expect(postedAt(log, slackIds("civil-affairs").channel, EDUCATION_TITLE)).toEqual(["2026-05-07 09:00"]);
    expect(postedAt(log, slackIds("culture").channel, EDUCATION_TITLE)).toEqual([
      "2026-05-07 09:00",
      "2026-05-08 09:00",
      "2026-05-09 09:00",
      "2026-05-11 09:00",
    ]);
  });

  it("posts each reminder once although three schedulers ticked the same minute", () => {
    const tick = log.find((t) => t.at === "2026-05-08 09:00")!;
    for (const departmentId of TARGETS) {
      const nudges = tick.posts.filter((p) => p.body.channel === slackIds(departmentId).channel && callText(p).includes(EDUCATION_TITLE));
      expect(nudges, departmentId).toHaveLength(departmentId === "civil-affairs" ? 0 : 1);
    }
    // Nothing else went out twice that minute either: each department got one morning bundle, its overdue
    // acknowledgement and pledge reminder inside it with the nudge.
    const channels = tick.posts.map((p) => p.body.channel);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels.sort()).toEqual(TARGETS.map((d) => slackIds(d).channel).sort());
    const bundled = tick.posts.find((p) => p.body.channel === slackIds("education").channel)!;
    expect(callText(bundled)).toMatch(/📋 教育部门5月8日（周五）待办提醒：共 \d+ 项/);
  });

  it("sends the closing summary to the office once, with who reported, who did not, and the attendee total", () => {
    const summaries = postedAt(log, office.channel, "警示教育总结");
    expect(summaries).toEqual(["2026-05-13 15:00"]);
    const post = log
      .find((t) => t.at === "2026-05-13 15:00")!
      .posts.find((p) => p.body.channel === office.channel && callText(p).includes("警示教育总结"))!;
    const text = callText(post);
    expect(text).toContain(`已填报 2/${TARGETS.length} 个单位，参加人数合计 55 人`);
    expect(text).toContain("民政部门* — 2026-05-07 · 局机关三楼会议室 · 30 人");
    expect(text).toContain("文化部门* — 2026-05-08 · 文化馆报告厅 · 25 人");
    expect(text).toContain(`*未填报（${TARGETS.length - 2}）*`);
    expect(text).toContain(`教育部门* · 主要负责人 <@${slackIds("education").head}>`);
  });

  it("escalates the unacknowledged launch on the 调休 Saturday, two working days after it was due, once per department", () => {
    const channel = slackIds("housing-construction").channel;
    expect(postedAt(log, channel, "🚨 督办")).toEqual(["2026-05-09 09:00"]);
    const post = log
      .find((t) => t.at === "2026-05-09 09:00")!
      .posts.find((p) => p.body.channel === channel && callText(p).includes("🚨 督办"))!;
    expect(callText(post)).toContain(`请主要负责人 <@${slackIds("housing-construction").head}>`);
    expect(postedAt(log, office.channel, "逾期名单")).toEqual([
      "2026-05-09 09:00",
      "2026-05-11 09:00",
      "2026-05-12 09:00",
      "2026-05-13 09:00",
      "2026-05-14 09:00",
    ]);
  });
});
