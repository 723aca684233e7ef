import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordAccident } from "../../../src/accountability/record-accident.ts";
import { ZAccidentInput } from "../../../src/accountability/accident-input.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/slack-requests.ts";
import { waitForAsync } from "../../support/wait-for.ts";
import { callText, command, office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";
import { testCli as cli } from "../../support/test-cli.ts";

const weihui = slackIds("weihui");
const withSlack = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, REDLINE_DIGEST: "off" };

describe.each(dbKinds())("四不放过: closing items and working-day reminders (%s database)", (kind) => {
  let h: Harness;
  const tick = async (at: string) => {
    const run = cli(h.db, withSlack);
    expect(await run.run("tick", "--at", at)).toBe(0);
    return run.out.join("\n");
  };
  const reminders = () => h.slack.postsIn(office.channel).filter((p) => callText(p).includes("四不放过未落实事项"));

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    for (const [i, unit] of (["weihui", "huixian"] as const).entries())
      await recordAccident(
        h.db.prisma,
        ZAccidentInput.parse({ occurredOn: `2026-05-1${i}`, departmentId: unit, countyId: unit, category: "fire", level: "general", deaths: 1, description: `火灾 ${i}` }),
        { sourceKey: `test:${i}`, actor: office.liaison, now: new Date("2026-05-25T02:00:00Z") },
      );
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("reminds the office once per working day from 09:30, naming each open item, and not at weekends", async () => {
    await tick("2026-05-26T09:00:00+08:00");
    expect(reminders()).toHaveLength(0);
    await tick("2026-05-26T09:45:00+08:00");
    await tick("2026-05-26T10:30:00+08:00");
    expect(reminders()).toHaveLength(1);
    const text = callText(reminders()[0]!);
    expect(text).toContain("`SG-2026-0001` 2026-05-10 *卫辉市*：待落实 事故原因查清楚、责任人受到处理、职工群众受到教育、防范整改措施落实（已登记 1 个工作日）");
    expect(text).toContain("`SG-2026-0002` 2026-05-11 *辉县市*");
    await tick("2026-05-30T10:00:00+08:00"); // Saturday
    expect(reminders()).toHaveLength(1);
  });

  it("lets only the office close an item, with a note and evidence, once", async () => {
    const refused = await command(h, '事故 落实 SG-2026-0001 原因 "查清" "报告"', weihui.liaison, weihui.channel);
    expect(textOf(refused.body.blocks)).toContain("只有安委办工作人员可以落实四不放过事项。");
    const noEvidence = await command(h, '事故 落实 SG-2026-0001 原因 "查清"', office.liaison);
    expect(textOf(noEvidence.body.blocks)).toContain("用法：/redline 事故 落实");
    const ok = await command(h, "事故 落实 SG-2026-0001 原因 “调查报告已批复” “新安委〔2026〕12号”", office.liaison);
    expect(textOf(ok.body.blocks)).toContain("✅ 已落实 SG-2026-0001「事故原因查清楚」。尚待落实：责任人受到处理、职工群众受到教育、防范整改措施落实。");
    const again = await command(h, '事故 落实 SG-2026-0001 cause "another" "x"', office.liaison);
    expect(textOf(again.body.blocks)).toContain("SG-2026-0001 的「事故原因查清楚」已于此前落实");
    const row = await h.db.prisma.accidentFollowUp.findUniqueOrThrow({ where: { accidentId_item: { accidentId: "SG-2026-0001", item: "cause" } } });
    expect(row).toMatchObject({ note: "调查报告已批复", evidence: "新安委〔2026〕12号", closedBy: office.liaison });
    await waitForAsync(async () => (await h.db.prisma.auditEntry.count({ where: { actor: weihui.liaison, outcome: "refused" } })) >= 1 || undefined, "the refusal audited");
  });

  it("closes the accident when the fourth item closes, tells the office, and stops reminding it", async () => {
    const cliClose = cli(h.db);
    expect(await cliClose.run("accident", "close", "SG-2026-0001", "--item", "责任人", "--note", "已给予处分", "--evidence", "处分决定书")).toBe(0);
    expect(cliClose.out.join("\n")).toContain("still open: education, measures");
    await command(h, '事故 落实 SG-2026-0001 教育 "已开展警示教育" "照片链接"', office.liaison);
    expect((await h.db.prisma.accident.findUniqueOrThrow({ where: { id: "SG-2026-0001" } })).closedAt).toBeNull();
    const last = await command(h, 'accident close sg-2026-0001 measures "rectified" "acceptance sheet"', office.liaison);
    expect(textOf(last.body.blocks)).toContain("✅ Accident SG-2026-0001: all four 四不放过 items closed; the accident is closed");
    expect((await h.db.prisma.accident.findUniqueOrThrow({ where: { id: "SG-2026-0001" } })).closedAt).not.toBeNull();
    expect(h.slack.postsIn(office.channel).map(callText).filter((t) => t.includes("the accident is closed"))).toHaveLength(1);
    await tick("2026-05-27T09:45:00+08:00");
    expect(reminders()).toHaveLength(1);
    const text = callText(reminders()[0]!);
    expect(text).not.toContain("SG-2026-0001");
    expect(text).toContain("SG-2026-0002");
    expect(await h.db.prisma.auditEntry.count({ where: { action: "accident.follow-up", subject: "accident:SG-2026-0001" } })).toBe(4);
  });
});
