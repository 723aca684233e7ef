import { describe, expect, it } from "vitest";
import { registerHazard } from "../../src/hazards/register-hazard.ts";
import type { RegisterHazardInput } from "../../src/hazards/hazard-input.ts";
import { ledgerFiguresSince } from "../../src/hazards/unit-figures.ts";
import { buildReportModal } from "../../src/messages/campaigns/report-modal.ts";
import { dbKinds, useTestDatabase } from "../support/db.ts";

const NOW = new Date("2026-05-26T02:00:00Z");
const input = (over: Partial<RegisterHazardInput>): RegisterHazardInput => ({
  unitId: "hongqi",
  placeName: "幸福养老院",
  venueTypeId: "nursing-home",
  description: "灭火器过期",
  level: "general",
  foundBySlackUserId: "U0FINDER",
  foundDay: "2026-05-22",
  deadlineDay: "2026-06-10",
  responsibleSlackUserId: "U0RESP",
  ...over,
});

describe.each(dbKinds())("the rectification report from the ledger (%s)", (kind) => {
  const db = useTestDatabase(kind);

  it("counts each unit's hazards found since the campaign started: found, rectified, open, major; the form starts from them", async () => {
    const p = db().prisma;
    await registerHazard(p, input({ foundDay: "2026-05-10", description: "before the campaign" }), NOW);
    await registerHazard(p, input({ description: "a" }), NOW);
    await registerHazard(p, input({ description: "b", level: "major" }), NOW);
    const c = await registerHazard(p, input({ description: "c" }), NOW);
    // Set up as closed (销号); the loop's own steps are tested in test/slack/hazards.
    await p.hazard.update({ where: { id: c.hazard.id }, data: { state: "closed", closedAt: NOW } });
    await registerHazard(p, input({ unitId: "weihui", description: "elsewhere" }), NOW);

    const figures = await ledgerFiguresSince(p, ["hongqi", "weihui", "huixian"], "2026-05-20");
    expect(figures.get("hongqi")).toEqual({ sinceDay: "2026-05-20", found: 3, rectified: 1, open: 2, major: 1 });
    expect(figures.get("weihui")).toMatchObject({ found: 1, rectified: 0, open: 1 });
    expect(figures.get("huixian")).toMatchObject({ found: 0, rectified: 0, open: 0, major: 0 });

    const view = buildReportModal({
      ref: { campaignId: "c", taskKey: "report", departmentId: "hongqi" },
      campaign: { title: { zh: "隐患整治", en: "Hazards" } },
      task: { key: "report", kind: "report", title: { zh: "报告", en: "Report" }, opensAt: NOW, dueAt: NOW } as never,
      department: { nameZh: "红旗区", nameEn: "Hongqi" },
      zone: "Asia/Shanghai",
      now: NOW,
      lang: "zh",
      ledger: figures.get("hongqi"),
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("*隐患台账（2026-05-20 起）：* 发现 3 处，已整改销号 1 处，未销号 2 处，其中重大隐患 1 处。");
    expect(text).toContain('"initial_value":"3"');
    expect(text).toContain('"initial_value":"1"');
    expect(text).toContain('"value":"rectifying"');
  });
});
