import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchAndPost } from "../../src/campaigns/launch.ts";
import { CAMPAIGN_DISPATCH_KINDS, reminderBundleKey } from "../../src/campaigns/keys.ts";
import { campaignsWithSomethingDue } from "../../src/campaigns/reminders.ts";
import { ZCampaignFile } from "../../src/campaigns/definition/campaign-file-schema.ts";
import { CAMPAIGN_ACTIONS } from "../../src/messages/campaigns/ids.ts";
import { parseCampaignButtonValue } from "../../src/messages/campaigns/task-ref.ts";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { startTestApp } from "../support/test-app.ts";
import { buttons } from "../messages/campaigns/helpers.ts";
import {
  callText,
  launchReadyMade,
  startHarness,
  TARGETS,
  tickAt,
  type Bot,
  type Harness,
  type TickLog,
} from "../slack/campaigns/campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";
/** Wednesday 6 May 2026: acknowledgement due Thursday 10:00, education window and pledge due Wednesday 13 May 10:00. */
const LAUNCH = "2026-05-06T10:00:00+08:00";
const ZONE = "Asia/Shanghai";
const serverError = { status: 500, json: { ok: false, error: "internal_error" } };

/** Department channels' posts in a tick (the office channel gets its own lists). */
const byChannel = (tick: TickLog) => {
  const out = new Map<string, number>();
  for (const p of tick.posts) out.set(p.body.channel, (out.get(p.body.channel) ?? 0) + 1);
  return out;
};
const targetChannels = () => TARGETS.map((d) => slackIds(d).channel).sort();

describe.each(dbKinds())("one morning bundle per department (%s database)", (kind) => {
  let h: Harness;
  let second: Bot;
  const education = slackIds("education");

  beforeAll(async () => {
    h = await startHarness(kind, LAUNCH);
    second = (await startTestApp(h.db, { env: { REDLINE_INSTANCE_ID: "replica-2", REDLINE_DIGEST: "off" } })) as Bot;
    await launchReadyMade(h, "summer-fire-safety");
    h.slack.reset();
  });
  afterAll(async () => {
    await second?.stop();
    await h?.close();
  });

  const bundleRow = (departmentId: string, day: string, seq = 1) =>
    h.db.prisma.dispatch.findUniqueOrThrow({ where: { key: reminderBundleKey(departmentId, day, seq) } });

  it("three tasks due for a department go out as one post, each with its own button; a later tick sends nothing", async () => {
    // Tuesday 12 May: the acknowledgement is overdue (and past escalation), the education window nudges, the pledge is due tomorrow.
    const tick = await tickAt(h, "2026-05-12", "09:00");
    const counts = byChannel(tick);
    expect(targetChannels().map((c) => counts.get(c))).toEqual(targetChannels().map(() => 1));

    const post = tick.posts.find((p) => p.body.channel === education.channel)!;
    const text = callText(post);
    // Four working days late: Saturday 9 May was a make-up working day (调休).
    expect(text).toContain("📋 教育部门5月12日（周二）待办提醒：共 3 项，其中督办 1 项，请逐项点击按钮办理。");
    expect(text).toContain(
      `🚨 督办：教育部门的“确认收到行动通知”已于5月7日（周四）10:00截止，逾期 4 个工作日。请主要负责人 <@${education.head}>`,
    );
    expect(text).toContain("📣 教育部门尚未完成“开展消防安全警示教育并填报”，5月13日（周三）10:00前截止。");
    expect(text).toContain("⏰ 提醒：教育部门的“法人代表或主要负责人签署消防安全承诺”将于5月13日（周三）10:00前截止，还有 1 天。");
    const found = buttons(post.body.blocks);
    expect(found.map((b) => b.actionId)).toEqual([CAMPAIGN_ACTIONS.acknowledge, CAMPAIGN_ACTIONS.education, CAMPAIGN_ACTIONS.pledge]);
    expect(found.map((b) => parseCampaignButtonValue(b.value))).toEqual(
      ["acknowledge", "warning-education", "safety-pledge"].map((taskKey) => ({ campaignId: FIRE, taskKey, departmentId: "education" })),
    );

    // What went out is on record: one bundle per department, covering the escalation and the overdue reminder it stands for.
    expect(await h.db.prisma.dispatch.count({ where: { kind: CAMPAIGN_DISPATCH_KINDS.reminderBundle, status: "sent" } })).toBe(
      TARGETS.length,
    );
    expect(await h.db.prisma.dispatch.count({ where: { kind: { in: ["campaign-reminder", "campaign-escalation"] } } })).toBe(0);
    const items = await h.db.prisma.reminderBundleItem.findMany({
      where: { bundleKey: reminderBundleKey("education", "2026-05-12", 1) },
      orderBy: { itemKey: "asc" },
    });
    expect(items.map((i) => `${i.taskKey}:${i.kind}`).sort()).toEqual([
      "acknowledge:escalation",
      "acknowledge:reminder",
      "safety-pledge:reminder",
      "warning-education:reminder",
    ]);

    // The same slots all morning: nothing left, decided in SQL without loading a board.
    expect(await campaignsWithSomethingDue(h.db.prisma, new Date("2026-05-12T09:05:00+08:00"), ZONE)).toEqual([]);
    expect((await tickAt(h, "2026-05-12", "09:05")).posts).toEqual([]);
  });

  it("two replicas ticking at the same minute post each department's bundle once", async () => {
    const before = h.slack.calls.length;
    const at = new Date("2026-05-13T09:00:00+08:00");
    await Promise.all([h.bot.tick(at), second.tick(at), h.bot.tick(at)]);
    const posts = h.slack.calls.slice(before).filter((c) => c.method === "chat.postMessage");
    const counts = byChannel({ at: "", posts });
    expect(targetChannels().map((c) => counts.get(c))).toEqual(targetChannels().map(() => 1));
    expect(await h.db.prisma.reminderBundle.count({ where: { day: "2026-05-13" } })).toBe(TARGETS.length);
    expect(callText(posts.find((p) => p.body.channel === education.channel)!)).toContain("⚠️ 最后一天：教育部门尚未完成");
  });

  it("a bundle Slack posted but answered 500 for is found in history on the next tick, not posted again", async () => {
    h.slack.on("chat.postMessage", (body) =>
      body.channel === education.channel
        ? (h.slack.accept(body), serverError)
        : { ok: true, channel: body.channel, ts: h.slack.accept(body) },
    );
    try {
      await tickAt(h, "2026-05-14", "09:00");
      expect(await bundleRow("education", "2026-05-14")).toMatchObject({ status: "failed", ambiguous: true });
    } finally {
      h.slack.clearOverrides();
    }
    const retry = await tickAt(h, "2026-05-14", "09:01");
    expect(retry.posts).toEqual([]);
    expect(await bundleRow("education", "2026-05-14")).toMatchObject({ status: "sent", reconciled: "found" });
    const shown = (h.slack.history.get(education.channel) ?? []).filter((m) => m.metadata?.event_payload?.key?.includes("2026-05-14"));
    expect(shown).toHaveLength(1);
    expect(await h.db.prisma.reminderBundle.count({ where: { departmentId: "education", day: "2026-05-14" } })).toBe(1);
  });

  it("a killed post or a crash before it: each bundle reaches Slack exactly once, with the same key", async () => {
    const day = "2026-05-15";
    await tickAt(h, day, "09:00");
    const past = new Date(Date.now() - 60_000);
    const keyOf = (d: string) => reminderBundleKey(d, day, 1);
    const drop = (d: string) => {
      const channel = slackIds(d).channel;
      h.slack.history.set(
        channel,
        (h.slack.history.get(channel) ?? []).filter((m) => m.metadata?.event_payload?.key !== keyOf(d)),
      );
    };
    const dead = { status: "claimed" as const, sentAt: null, messageTs: null, claimedBy: "killed", leaseUntil: past };
    // education: the process was killed after Slack showed the post, before recording it.
    await h.db.prisma.dispatch.update({ where: { key: keyOf("education") }, data: dead });
    // culture: killed after claiming, before the post reached Slack.
    await h.db.prisma.dispatch.update({ where: { key: keyOf("culture") }, data: dead });
    drop("culture");
    // weihui: the bundle and its items were written, then the process died before claiming it.
    await h.db.prisma.dispatch.delete({ where: { key: keyOf("weihui") } });
    drop("weihui");

    const next = await tickAt(h, day, "09:10");
    expect(next.posts.map((p) => p.body.channel).sort()).toEqual([slackIds("culture").channel, slackIds("weihui").channel].sort());
    for (const d of ["education", "culture", "weihui"]) {
      const shown = (h.slack.history.get(slackIds(d).channel) ?? []).filter((m) => m.metadata?.event_payload?.key === keyOf(d));
      expect(shown, d).toHaveLength(1);
      expect(await bundleRow(d, day), d).toMatchObject({ status: "sent" });
    }
    expect((await bundleRow("education", day)).reconciled).toBe("found");
    expect((await bundleRow("culture", day)).reconciled).toBe("absent");
    expect(await h.db.prisma.reminderBundle.count({ where: { day } })).toBe(TARGETS.length);
    expect((await tickAt(h, day, "09:20")).posts).toEqual([]);
  });

  it("an item that becomes due later the same day goes out in the department's next bundle, the morning's not repeated", async () => {
    const day = "2026-05-18";
    const morning = await tickAt(h, day, "09:00");
    expect(byChannel(morning).get(education.channel)).toBe(1);

    // A second campaign, launched at 10:00 with reminders at 14:00: its acknowledgement is due tomorrow.
    const file = ZCampaignFile.parse({
      id: "flood-check",
      title: { zh: "汛前安全检查", en: "Pre-flood safety check" },
      summary: { zh: "开展汛前安全检查。", en: "Check for flood safety." },
      sourceClause: "开展汛前安全检查。",
      targets: { groups: ["all"] },
      reminders: { at: "14:00" },
      tasks: [{ key: "acknowledge", kind: "acknowledge", title: { zh: "确认收到检查通知", en: "Acknowledge" }, due: "launch+1d" }],
    });
    h.clock.set(`${day}T10:00:00+08:00`);
    await launchAndPost(h.bot.deps, { file, fileName: "flood-check.yaml", launchedBy: "test", now: h.clock.now() });

    const afternoon = await tickAt(h, day, "14:00");
    const counts = byChannel(afternoon);
    expect(targetChannels().map((c) => counts.get(c))).toEqual(targetChannels().map(() => 1));
    const post = afternoon.posts.find((p) => p.body.channel === education.channel)!;
    expect(callText(post)).toContain("⏰ 提醒：教育部门的“确认收到检查通知”将于5月19日（周二）10:00前截止，还有 1 天。");
    expect(callText(post)).not.toContain("消防");
    expect(post.body.metadata.event_payload.key).toBe(reminderBundleKey("education", day, 2));
    expect(await h.db.prisma.reminderBundle.count({ where: { departmentId: "education", day } })).toBe(2);
  });
});
