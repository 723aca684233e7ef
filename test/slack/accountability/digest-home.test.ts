import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectDigestData } from "../../../src/digest/digest-data.ts";
import { buildDigestMessage } from "../../../src/messages/digest/digest-message.ts";
import { seedAccountabilityScenario } from "../../support/accountability-scenario.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendEvent } from "../../support/slack-requests.ts";
import { waitFor } from "../../support/wait-for.ts";
import { office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const NOW = "2026-06-22T10:00:00+08:00";

describe("accountability in the weekly digest and the office's Home", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("embedded", NOW);
    await seedAccountabilityScenario(h.db.prisma);
    // A 约谈 this week: 文化部门's year score falls 100 → 97.5 since a week ago.
    await h.db.prisma.safetyInterview.create({ data: { departmentId: "culture", onDay: "2026-06-18", summoned: "张三（局长）", recordedBySlackUser: office.liaison } });
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("gives the digest the control-target line, the counties at the thresholds and the units whose score fell", async () => {
    const data = await collectDigestData(h.db.prisma, new Date(NOW), "Asia/Shanghai", "zh");
    const text = textOf(buildDigestMessage(data, "zh").blocks);
    expect(text).toContain("*控制指标*：2026 年截至 2026-06-22，全市共发生生产安全事故 4 起，死亡 3 人。");
    expect(text).toContain("*工矿商贸*：1 起（指标 10，10%），死亡 2 人（指标 8，25%）");
    expect(text).toContain("🔴 *辉县市 · 工矿商贸*：1 起，死亡 2 人（指标 1，200%）");
    expect(text).toContain("🔴 *新乡县 · 生产经营性道路交通*：2 起（指标 0，∞%）");
    expect(text).toContain("*本周考核得分下降*\n• 文化部门：100 → 97.5（−2.5）");
  });

  it("shows the office the current year's ranking on its Home, and nobody else", async () => {
    await sendEvent(h.bot.url, { type: "app_home_opened", user: office.liaison, channel: "D1", tab: "home", event_ts: "1" });
    const published = await waitFor(() => h.slack.callsTo("views.publish")[0], "the office's Home");
    const text = textOf(published.body.view.blocks);
    expect(text).toContain("*🏆 2026年考核排名*");
    expect(text).toMatch(/\d+\. 红旗区 — \d+(\.\d)? · \S+/);
    expect(text).toContain("辉县市 — 85 · 不合格 ⛔ 一票否决");

    const liaison = slackIds("hongqi").liaison;
    await sendEvent(h.bot.url, { type: "app_home_opened", user: liaison, channel: "D2", tab: "home", event_ts: "2" });
    const theirs = await waitFor(() => h.slack.callsTo("views.publish").find((c) => c.body.user_id === liaison), "the unit's Home");
    expect(textOf(theirs.body.view.blocks)).not.toContain("考核排名");
  });
});
