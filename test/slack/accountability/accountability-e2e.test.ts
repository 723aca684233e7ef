import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCORING_RULES_FILE } from "../../../src/accountability/scoring-rules-schema.ts";
import { encodeAccidentMeta } from "../../../src/messages/accountability/accident-modal.ts";
import { ACCIDENT_FIELDS as F, ACCIDENT_MODAL_CALLBACK, CIRCULAR_ACTIONS, UNIT_RESPONSIBLE_VALUE } from "../../../src/messages/accountability/ids.ts";
import { slackIds } from "../../support/fixtures.ts";
import { blockActionPayload, sendInteraction, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { testCli } from "../../support/test-cli.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { command, launchReadyMade, office, press, refFor, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const weihui = slackIds("weihui");
const RUN = "summer-fire-safety-2026";

function accidentValues(): Record<string, Record<string, unknown>> {
  const v: Record<keyof typeof F, unknown> = {
    occurredOn: { type: "datepicker", selected_date: "2026-05-24" },
    unit: { type: "static_select", selected_option: { value: "weihui" } },
    county: { type: "static_select", selected_option: { value: "weihui" } },
    category: { type: "static_select", selected_option: { value: "industry-trade" } },
    level: { type: "static_select", selected_option: { value: "larger" } },
    deaths: { type: "number_input", value: "3" },
    injuries: { type: "number_input", value: "0" },
    description: { type: "plain_text_input", value: "仓库火灾" },
    responsible: { type: "checkboxes", selected_options: [{ value: UNIT_RESPONSIBLE_VALUE }] },
  };
  return Object.fromEntries(Object.entries(v).map(([k, s]) => [F[k as keyof typeof F].block, { [F[k as keyof typeof F].action]: s }]));
}

// From the office's own rules file to the published 通报, through signed Slack requests and the CLI only:
// rules imported (a task overdue costs 4), the summer campaign launched, 卫辉市 acknowledges on time and does nothing
// else, an accident recorded by form. On 29 May (after every deadline) by hand, under those rules:
// 卫辉市: education missing 5, pledge missing 10, accident 3 + 3 deaths × 2 = 9 → 76 合格;
// every other unit: acknowledgement overdue 4, education missing 5, pledge missing 10 → 81 良好.
describe("accountability end to end over signed requests", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness("embedded", "2026-05-20T09:00:00+08:00");
    dir = await mkdtemp(path.join(tmpdir(), "redline-account-e2e-"));
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("scores the units from what happened and publishes the 通报 once", async () => {
    const rules = path.join(dir, "考核细则.yaml");
    await writeFile(rules, (await readFile(DEFAULT_SCORING_RULES_FILE, "utf8")).replace("{ on: task_overdue, each: 3 }", "{ on: task_overdue, each: 4 }"));
    const cli = testCli(h.db);
    expect(await cli.run("import", rules)).toBe(0);

    await launchReadyMade(h, "summer-fire-safety");
    await waitForAsync(async () => ((await h.db.prisma.campaignTarget.count({ where: { campaignId: RUN, messageTs: { not: null } } })) === 12 ? true : undefined), "the launch posts");
    await press(h, "acknowledge", refFor(RUN, "acknowledge", "weihui"), weihui.liaison);
    await waitFor(() => h.slack.responses.find((r) => textOf(r.body.blocks ?? []).includes("已记录")), "the acknowledgement's answer");

    h.clock.set("2026-05-29T10:00:00+08:00");
    const form = viewSubmissionPayload({ userId: office.liaison, callbackId: ACCIDENT_MODAL_CALLBACK, privateMetadata: encodeAccidentMeta({ lang: "zh", channelId: office.channel }), values: accidentValues() });
    await sendInteraction(h.bot.url, { ...form, view: { ...form.view, id: "VE2E" } });
    await waitForAsync(() => h.db.prisma.accident.findFirst(), "the accident");
    await waitFor(() => h.slack.postsIn(office.channel).find((p) => JSON.stringify(p.body).includes("SG-2026-0001")), "the accident's post");
    h.slack.reset();

    const ranking = textOf((await command(h, "考核 2026-Q2", office.liaison)).body.blocks);
    expect(ranking).toContain("（第 1 版）计分");
    expect(ranking).toMatch(/1\. \*\S+\* 81 分 · 良好/);
    expect(ranking).toContain("12. *卫辉市* 76 分 · 合格");
    const own = textOf((await command(h, "考核 2026-Q2", weihui.liaison, weihui.channel)).body.blocks);
    expect(own).toContain("*事故控制 −3（发生生产安全事故 1 × 3 分）*");
    expect(own).toContain("*事故控制 −6（事故死亡人数 3 × 2 分）*");
    expect(own).toContain("SG-2026-0001：5月24日工矿商贸事故，死亡 3 人");
    expect(own).toContain("*主要负责人签字承诺 −10（主要负责人未签字承诺 1 × 10 分）*");

    h.slack.reset();
    const preview = await command(h, "通报 生成 2026-Q2", office.liaison);
    const id = Number(preview.body.blocks.at(-1).elements[0].value);
    await waitFor(() => h.slack.callsTo("files.completeUploadExternal")[0], "the draft in the DM");
    const publish = () =>
      sendInteraction(h.bot.url, blockActionPayload({ userId: office.liaison, channelId: office.channel, messageTs: "1.1", actionId: CIRCULAR_ACTIONS.publish, value: String(id) }));
    await publish();
    await publish();
    await waitFor(() => (h.slack.responses.length >= 3 ? true : undefined), "both answers");
    const uploads = h.slack.callsTo("files.completeUploadExternal").map((c) => c.body.channel_id as string);
    // The draft to the DM, then once to the office and once to each of the 12 units (all criticised under these rules).
    expect(uploads).toHaveLength(14);
    expect(new Set(uploads).size).toBe(14);
    expect(uploads).toContain(office.channel);
    expect(uploads).toContain(weihui.channel);
  });
});
