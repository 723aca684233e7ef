import { describe, expect, it } from "vitest";
import { readCampaignFile } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { READY_MADE_CAMPAIGNS, readyMadeCampaignFile } from "../../../src/campaigns/definition/ready-made.ts";
import { resolveCampaign } from "../../../src/campaigns/definition/resolve-campaign.ts";
import { toCampaignInfo, toCampaignTask } from "../../../src/campaigns/load-boards.ts";
import { joinFoldedCjk } from "../../../src/domain/campaigns/fold-cjk.ts";
import { buildLaunchMessage } from "../../../src/messages/campaigns/launch-message.ts";
import { buildPledgeModal } from "../../../src/messages/campaigns/pledge-modal.ts";
import type { Campaign, Task } from "../../../src/generated/prisma/client.ts";
import { bj, civil, ZONE } from "../../domain/campaigns/factories.ts";
import { textOf } from "./helpers.ts";

/** A space with a Chinese character or Chinese punctuation on both sides: what YAML folding left behind (line breaks between a message's lines are layout). */
const STRAY = /[\p{Script=Han}，。；：、“”（）][ \t]+[\p{Script=Han}，。；：、“”（）]/u;

describe("YAML-folded Chinese texts (issue 13: stray spaces)", () => {
  it("joins folded lines between Chinese characters and keeps every other space", () => {
    expect(joinFoldedCjk("自发起之日起一周内， 组织观看市消防支队")).toBe("自发起之日起一周内，组织观看市消防支队");
    expect(joinFoldedCjk("管安全”的要求，\n确保不发生")).toBe("管安全”的要求，确保不发生");
    expect(joinFoldedCjk("在 Slack 频道中确认 5 月")).toBe("在 Slack 频道中确认 5 月");
    expect(joinFoldedCjk("within one week of launch, hold")).toBe("within one week of launch, hold");
  });

  it.each(READY_MADE_CAMPAIGNS)("%s: the launch message and pledge read without stray spaces", async (id) => {
    const file = await readCampaignFile(readyMadeCampaignFile(id));
    const launchAt = id === "safety-dialogue" ? bj("2026-04-13T09:30") : bj("2026-05-27T10:30");
    const campaign = resolveCampaign(file, { launchAt, zone: ZONE, departments: [{ ...civil, kind: "department" }] });
    const message = buildLaunchMessage({ campaign, tasks: campaign.tasks, department: civil, completions: [], now: launchAt, zone: ZONE });
    const text = textOf(message.blocks);
    expect(text).toContain(campaign.summary.zh.slice(0, 10));
    expect(text).not.toMatch(STRAY);
    for (const task of campaign.tasks.filter((t) => t.pledge)) {
      const modal = buildPledgeModal({
        ref: { campaignId: campaign.id, taskKey: task.key, departmentId: civil.id },
        campaign,
        task,
        department: civil,
        zone: ZONE,
        now: launchAt,
      });
      const pledgeText = textOf(modal.blocks);
      expect(pledgeText).toContain("本人作为本单位法人代表");
      expect(pledgeText).not.toMatch(STRAY);
    }
  });

  it("a campaign stored before the fix is read back without the spaces", () => {
    const stored = {
      id: "summer-fire-safety",
      titleZh: "夏季消防安全专项行动",
      titleEn: "Summer fire-safety special action",
      summaryZh: "收到后请确认；自发起之日起一周内， 组织观看专题片",
      summaryEn: "Acknowledge on receipt",
      sourceClause: "…",
    } as Campaign;
    expect(toCampaignInfo(stored).summary.zh).toBe("收到后请确认；自发起之日起一周内，组织观看专题片");
    const task = toCampaignTask({
      key: "safety-pledge",
      kind: "pledge",
      titleZh: "签署",
      titleEn: "Sign",
      opensAt: bj("2026-05-27T10:30"),
      dueAt: bj("2026-06-04T00:00"),
      pledgeVersion: 1,
      pledgeTextZh: "负总责；\n按照要求， 组织开展",
      pledgeTextEn: "in full; as required",
    } as Task);
    expect(task.pledge?.text.zh).toBe("负总责；按照要求，组织开展");
    expect(task.pledge?.text.en).toBe("in full; as required");
  });
});
