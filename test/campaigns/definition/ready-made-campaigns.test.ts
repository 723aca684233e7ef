import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCampaignFile } from "../../../src/campaigns/definition/load-campaign-file.ts";
import { READY_MADE_CAMPAIGN_DIR, READY_MADE_CAMPAIGNS, readyMadeCampaignFile } from "../../../src/campaigns/definition/ready-made.ts";
import { resolveCampaign } from "../../../src/campaigns/definition/resolve-campaign.ts";
import { ZImportFile } from "../../../src/directory/import-file-schema.ts";
import { readYamlFile } from "../../../src/lib/yaml-file.ts";

const speech = readFileSync(new URL("../../../prisma/seed/speech.zh.txt", import.meta.url), "utf8");
const ZONE = "Asia/Shanghai";
const bj = (local: string) => new Date(`${local}+08:00`);
/** The conference was held days after the 25 May fire: launch on Wednesday 27 May 2026, 10:30. */
const LAUNCH = bj("2026-05-27T10:30");

async function directory() {
  const file = await readYamlFile(new URL("../../../prisma/seed/directory.yaml", import.meta.url).pathname, ZImportFile);
  return file.departments!.map((d) => ({ ...d, headSlackUserId: null, headName: null, headTitle: null }));
}

async function load(id: (typeof READY_MADE_CAMPAIGNS)[number], launchAt = LAUNCH) {
  const file = await readCampaignFile(readyMadeCampaignFile(id));
  return { file, campaign: resolveCampaign(file, { launchAt, zone: ZONE, departments: await directory() }) };
}

describe("ready-made campaign files", () => {
  it("lists exactly the files in prisma/seed/campaigns", () => {
    expect(readdirSync(READY_MADE_CAMPAIGN_DIR).sort()).toEqual(READY_MADE_CAMPAIGNS.map((id) => `${id}.yaml`).sort());
  });

  it.each(READY_MADE_CAMPAIGNS)("%s validates, resolves to every non-office unit, and quotes the speech word for word", async (id) => {
    const { file, campaign } = await load(id, id === "safety-dialogue" ? bj("2026-04-13T09:30") : LAUNCH);
    expect(file.id).toBe(id);
    expect(speech).toContain(file.sourceClause);
    const all = (await directory()).filter((d) => d.kind !== "office").map((d) => d.id);
    expect(campaign.targets.map((d) => d.id)).toEqual(all);
    expect(campaign.targets.map((d) => d.id)).not.toContain("safety-office");
    for (const task of campaign.tasks) expect(task.dueAt.getTime()).toBeGreaterThan(task.opensAt.getTime());
  });

  it("summer fire safety: acknowledge, a one-week education window from launch, and a versioned pledge for the head", async () => {
    const { file, campaign } = await load("summer-fire-safety");
    expect(file.sourceClause).toContain("利用一周的时间");
    expect(file.sourceClause).toContain("所有单位的法人代表或主要负责人都要签字，并且进行安全承诺");
    expect(campaign.tasks.map((t) => t.kind)).toEqual(["acknowledge", "education-session", "pledge"]);
    const education = campaign.tasks.find((t) => t.kind === "education-session")!;
    expect(education.schedule).toBe("window");
    expect(education.opensAt).toEqual(LAUNCH);
    expect(education.dueAt).toEqual(bj("2026-06-03T10:30"));
    const pledge = campaign.tasks.find((t) => t.kind === "pledge")!;
    expect(pledge.pledge?.version).toBe(1);
    expect(pledge.pledge?.text.zh).toContain("法人代表");
    expect(pledge.pledge?.text.en).toContain("legal representative");
  });

  it("hazard rectification: the report is due at the end of 31 May of the launch year", async () => {
    const { file, campaign } = await load("hazard-rectification-report");
    expect(file.sourceClause).toContain("5月底前，要将隐患整治情况上报市政府安委会办公室");
    expect(campaign.tasks.map((t) => t.kind)).toEqual(["acknowledge", "report"]);
    expect(campaign.tasks[1]!.dueAt).toEqual(bj("2026-06-01T00:00"));
    const nextYear = await load("hazard-rectification-report", bj("2027-05-10T09:00"));
    expect(nextYear.campaign.tasks[1]!.dueAt).toEqual(bj("2027-06-01T00:00"));
  });

  it("safety dialogue: 15 April to 30 June under 明职、尽责、知厉害, with a week-ahead reminder", async () => {
    const { file, campaign } = await load("safety-dialogue", bj("2026-04-13T09:30"));
    expect(file.sourceClause).toContain("从4月15日到6月30日");
    expect(file.sourceClause).toContain("“明职、尽责、知厉害”");
    expect(file.summary.zh).toContain("明职、尽责、知厉害");
    const report = campaign.tasks.find((t) => t.kind === "report")!;
    expect(report.opensAt).toEqual(bj("2026-04-15T00:00"));
    expect(report.dueAt).toEqual(bj("2026-07-01T00:00"));
    expect(campaign.reminders.offsetsDays).toEqual([-7, -3, -1, 0]);
  });

  it("the safety dialogue launched after this year's ended is next year's: 15 April to 30 June", async () => {
    const { campaign } = await load("safety-dialogue", bj("2026-07-02T09:00"));
    const report = campaign.tasks.find((t) => t.key === "dialogue-report")!;
    expect([report.opensAt, report.dueAt]).toEqual([bj("2027-04-15T00:00"), bj("2027-07-01T00:00")]);
  });
});
