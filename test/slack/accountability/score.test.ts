import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedAccountabilityScenario } from "../../support/accountability-scenario.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { waitForAsync } from "../../support/wait-for.ts";
import { command, office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const hongqi = slackIds("hongqi");
const weihui = slackIds("weihui");

// The seeded quarter's hand-computed table is in test/accountability/unit-record.test.ts.
describe.each(dbKinds())("/redline 考核 over signed requests (%s database)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, "2026-07-10T10:00:00+08:00");
    await seedAccountabilityScenario(h.db.prisma);
    await h.db.prisma.safetyInterview.create({ data: { departmentId: "weihui", onDay: "2026-06-20", summoned: "<!here> 李*四*", recordedBySlackUser: office.liaison } });
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("shows the office every unit ranked, with 一票否决 and what cost points", async () => {
    const answer = await command(h, "考核 2026-Q2", office.liaison);
    expect(answer.body.response_type).toBe("ephemeral");
    const text = textOf(answer.body.blocks);
    expect(text).toContain("📊 2026年第二季度安全生产考核");
    expect(text).toContain("按安全生产目标责任考核细则（示例）（默认细则）计分，数据截至 2026年7月1日 00:00。");
    expect(text).toContain("11. *红旗区* 68.5 分 · 合格");
    expect(text).toContain("12. *辉县市* 85 分 · 不合格 ⛔ 一票否决，不得评优");
    expect(text).toContain("10. *教育部门* 80 分 · 良好");
    expect(text).toMatch(/1\. \*长垣市\* 100 分 · 优秀 🏅 满分/);
    expect(text).toContain("专项行动任务落实 −1，警示教育 −5，主要负责人签字承诺 −10，会议参会与传达 −5，隐患排查治理 −8，安全约谈 −2.5");
  });

  it("shows the office one unit's card on request, each deduction with its records", async () => {
    const text = textOf((await command(h, "考核 红旗区 2026年第二季度", office.liaison)).body.blocks);
    expect(text).toContain("红旗区 · 2026年第二季度考核：68.5 分 · 合格");
    expect(text).toContain("*第 11 名*（共 12 个单位），满分 100 分。");
    expect(text).toContain("*隐患排查治理 −4（隐患逾期未整改 2 × 2 分）*");
    expect(text).toContain("• YH-2026-0001（一般隐患，期限5月11日）：逾期");
    expect(text).toContain("`YH-2026-0005`");
    expect(text).toContain("*主要负责人签字承诺 −10（主要负责人未签字承诺 1 × 10 分）*");
    expect(text).toContain("`summer-fire-safety-2026:pledge`");
  });

  it("shows a unit its own card, in its language, and escapes what people typed", async () => {
    const own = textOf((await command(h, "考核 2026-Q2", hongqi.liaison, hongqi.channel)).body.blocks);
    expect(own).toContain("红旗区 · 2026年第二季度考核：68.5 分");
    const en = textOf((await command(h, "score 2026-Q2", weihui.head, weihui.channel)).body.blocks);
    expect(en).toContain("Weihui");
    expect(en).toContain("*Rank 8* of 12; out of 100.");
    expect(en).toContain("*安全约谈 −2.5 (summoned (约谈) 1 × 2.5)*");
    expect(en).toContain("• 2026-06-20: &lt;!here&gt; 李*四* summoned  `interview:");
    expect(en).not.toContain("<!here>");
  });

  it("refuses another unit's card and people of no unit, privately, with an audit entry; nothing else is shown", async () => {
    const other = textOf((await command(h, "考核 2026-Q2 卫辉", hongqi.liaison, hongqi.channel)).body.blocks);
    expect(other).toContain("您只能查看本单位的考核结果，不能查看卫辉市的。");
    expect(other).not.toContain("分 ·");
    const stranger = textOf((await command(h, "score", "UNOBODY", "CRANDOM")).body.blocks);
    expect(stranger).toContain("You are not the principal head, a liaison or a channel member of any unit");
    const bad = textOf((await command(h, "考核 上半年", office.liaison)).body.blocks);
    expect(bad).toContain("“上半年”不是考核期间，例如 2026、2026-Q2、2026年第二季度、2026-05。");
    const unknown = textOf((await command(h, "考核 花鸟市场", office.liaison)).body.blocks);
    expect(unknown).toContain("名录中没有“花鸟市场”这个单位。");
    await waitForAsync(
      async () => ((await h.db.prisma.auditEntry.count({ where: { action: "score.command", outcome: "refused" } })) >= 2 ? true : undefined),
      "refusals audited",
    );
  });
});
