import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisterHazardInput } from "../../../src/hazards/hazard-input.ts";
import { registerHazard } from "../../../src/hazards/register-hazard.ts";
import { dbKinds } from "../../support/db.ts";
import { command, launchReadyMade, office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const NOW = new Date("2026-05-20T10:00:00+08:00");
const hazard = (over: Partial<RegisterHazardInput>): RegisterHazardInput => ({
  unitId: "weihui",
  placeName: "卫辉市幸福养老院",
  venueTypeId: "nursing-home",
  description: "灭火器过期",
  level: "general",
  foundBySlackUserId: "UFINDER",
  foundDay: "2026-05-20",
  deadlineDay: "2026-06-10",
  responsibleName: "孙丽",
  ...over,
});

describe.each(dbKinds())("the rectification-report campaign's board with the ledger beside it (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-20T09:00:00+08:00");
    await launchReadyMade(h, "hazard-rectification-report");
    const p = h.db.prisma;
    await registerHazard(p, hazard({ foundDay: "2026-05-10", description: "before the launch" }), NOW);
    await registerHazard(p, hazard({ description: "a" }), NOW);
    await registerHazard(p, hazard({ description: "b", level: "major" }), NOW);
    const closed = await registerHazard(p, hazard({ description: "c" }), NOW);
    await p.hazard.update({ where: { id: closed.hazard.id }, data: { state: "closed", closedAt: NOW } });
    await registerHazard(p, hazard({ unitId: "hongqi", placeName: "红旗区<b>KTV</b>", venueTypeId: "ktv", description: "d" }), NOW);
  });
  afterAll(async () => h?.close());

  it("shows each unit's ledger since the launch day: found, 销号, open, major; the rest counted", async () => {
    const answer = await command(h, "进展 hazard-rectification-report", office.liaison);
    const text = textOf(answer.body.blocks);
    expect(text).toContain("⚠️ 隐患台账（2026-05-20 起，与整改报告对照）");
    expect(text).toContain("• 卫辉市：发现 3，已销号 1，未销号 2（重大 1）");
    expect(text).toContain("• 红旗区：发现 1，已销号 0，未销号 1");
    expect(text).toMatch(/其余 \d+ 个单位台账中无此期间登记的隐患。/);
    expect(answer.body.blocks.length).toBeLessThanOrEqual(50);
  });

  it("leaves a campaign without a report task as it was", async () => {
    await launchReadyMade(h, "summer-fire-safety");
    const answer = await command(h, "进展 summer-fire-safety", office.liaison);
    expect(textOf(answer.body.blocks)).not.toContain("隐患台账");
  });
});
