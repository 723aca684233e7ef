import { describe, expect, it } from "vitest";
import { useDemoSandbox } from "./demo-sandbox.ts";
import { CAMPAIGN_ACTIONS } from "../../src/messages/campaigns/ids.ts";
import { seedDemoCampaign } from "../../src/sandbox/demo-campaign.ts";
import { buttons } from "../messages/campaigns/helpers.ts";
import { waitFor } from "../support/wait-for.ts";

describe("the sandbox's demo campaign: a morning bundle in every department's channel", () => {
  // Monday 25 May 2026, 09:00: the fire-safety action was launched last Tuesday, its week closes tomorrow.
  const demo = useDemoSandbox();

  it("shows 教育部门 its three items in one message, and a button in it records the acknowledgement", async () => {
    const store = demo.running.sandbox.store;
    const bundles = store.messages("C0EDUCATION").filter((m) => m.text?.startsWith("📋 教育部门"));
    expect(bundles).toHaveLength(1);
    const bundle = bundles[0]!;
    expect(bundle.text).toContain("📋 教育部门5月25日（周一）待办提醒：共 3 项，其中督办 1 项");
    expect(bundle.text).toContain("🚨 督办：教育部门的“确认收到行动通知”");
    expect(bundle.text).toContain("<@U0EDUCATIONH>");
    expect(buttons(bundle.blocks ?? []).map((b) => b.actionId)).toEqual([
      CAMPAIGN_ACTIONS.acknowledge,
      CAMPAIGN_ACTIONS.education,
      CAMPAIGN_ACTIONS.pledge,
    ]);

    await demo.running.sandbox.act.click({
      userId: "U0EDUCATIONL",
      actionId: CAMPAIGN_ACTIONS.acknowledge,
      channel: "C0EDUCATION",
      messageTs: bundle.ts,
    });
    await waitFor(
      async () => (await demo.db.prisma.completion.count({ where: { departmentId: "education", task: { key: "acknowledge" } } })) === 1,
      "the acknowledgement recorded",
    );
  });

  it("launches no second demo campaign when the sandbox starts again on the same database", async () => {
    expect(await seedDemoCampaign(demo.running.redline.deps, new Date("2026-05-26T09:00:00+08:00"))).toBe(false);
    expect(await demo.db.prisma.campaign.count()).toBe(1);
  });
});
