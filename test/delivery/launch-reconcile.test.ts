import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignKeys } from "../../src/campaigns/keys.ts";
import { DISPATCH_EVENT_TYPE } from "../../src/delivery/reconcile.ts";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { launchReadyMade, startHarness, TARGETS, tickAt, type Harness } from "../slack/campaigns/campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";

describe.each(dbKinds())("a launch through Slack faults finishes with one post per channel (%s database)", (kind) => {
  let h: Harness;
  const answered500 = slackIds("culture").channel;
  const killed = slackIds("education").channel;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    // 教育局: a process claimed its launch post, posted it, and was killed before recording it.
    const past = new Date(Date.now() - 10 * 60_000);
    await h.db.prisma.dispatch.create({
      data: {
        key: campaignKeys.launch(FIRE, "education"),
        kind: "campaign-launch",
        claimedBy: "killed",
        claimedAt: past,
        createdAt: past,
        leaseUntil: past,
        channelId: killed,
      },
    });
    h.slack.accept({
      channel: killed,
      text: "启动通知",
      metadata: { event_type: DISPATCH_EVENT_TYPE, event_payload: { key: campaignKeys.launch(FIRE, "education") } },
    });
    // 文化部门: Slack posts the message, then answers 500.
    let faulted = false;
    h.slack.on("chat.postMessage", (body) => {
      const ts = h.slack.accept(body);
      if (body.channel === answered500 && !faulted) {
        faulted = true;
        return { status: 500, json: { ok: false, error: "internal_error" } };
      }
      return { ok: true, channel: body.channel, ts };
    });
  });
  afterAll(async () => h?.close());

  it("the launch reconciles the dead process's claim, leaves the 500 for the tick, and the tick finishes the launch", async () => {
    await launchReadyMade(h, "summer-fire-safety");
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: FIRE } })).status).toBe("launching");

    await tickAt(h, "2026-05-25", "10:01");
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: FIRE } })).status).toBe("launched");

    const targets = await h.db.prisma.campaignTarget.findMany({ where: { campaignId: FIRE } });
    expect(targets).toHaveLength(TARGETS.length);
    for (const target of targets) {
      const launches = (h.slack.history.get(target.channelId) ?? []).filter(
        (m) => m.metadata?.event_payload?.key === campaignKeys.launch(FIRE, target.departmentId),
      );
      // 0 lost, 0 doubled: exactly one launch post per channel, and the target points at it.
      expect(
        launches.map((m) => m.ts),
        target.departmentId,
      ).toEqual([target.messageTs]);
    }
    const reconciled = await h.db.prisma.dispatch.findMany({ where: { reconciled: { not: null } }, orderBy: { key: "asc" } });
    expect(reconciled.map((d) => [d.key, d.reconciled])).toEqual([
      [campaignKeys.launch(FIRE, "culture"), "found"],
      [campaignKeys.launch(FIRE, "education"), "found"],
    ]);
  });
});
