import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCampaignText } from "../../../src/campaigns/definition/load-campaign-file.ts";
import type { Prisma } from "../../../src/generated/prisma/client.ts";
import { LAUNCH_FIELDS, LAUNCH_MODAL_CALLBACK, launchDateField } from "../../../src/messages/campaigns/launch-modal.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor } from "../../support/wait-for.ts";
import { callText, closeRun, office, startHarness, TARGETS, textOf, type Harness } from "./campaign-harness.ts";

/** A template of the office's own whose report deadline is given at each launch. */
const DRILL = `
id: county-drill
title: { zh: 县区应急演练, en: County emergency drill }
summary: { zh: 请组织应急演练并上报。, en: Hold an emergency drill and report it. }
sourceClause: 各县（市）区要组织开展应急演练。
targets:
  departments: [culture, weihui]
tasks:
  - key: acknowledge
    kind: acknowledge
    title: { zh: 确认收到, en: Acknowledge }
    due: launch+1d
  - key: drill-report
    kind: report
    title: { zh: 上报演练情况, en: Report the drill }
    due: ask
`;

const dateBlock = launchDateField("county-drill", "drill-report");

function launchValues(template: string | null, day: string | null) {
  return {
    [LAUNCH_FIELDS.campaign.block]: {
      [LAUNCH_FIELDS.campaign.action]: { type: "static_select", selected_option: template ? { value: template } : null },
    },
    [dateBlock.block]: { [dateBlock.action]: { type: "datepicker", selected_date: day } },
  };
}

/** `/redline <text>` as the office; the answer (through response_url) whose text contains `needle`. */
async function answer(h: Harness, text: string, needle: string) {
  const before = h.slack.responses.length;
  await sendSlashCommand(h.bot.url, { text, user_id: office.liaison, channel_id: office.channel });
  const all = (r: { body: Record<string, any> }) => `${r.body.text ?? ""}\n${textOf(r.body.blocks ?? [])}`;
  return all(await waitFor(() => h.slack.responses.slice(before).find((r) => all(r).includes(needle)), `“${needle}” in answer to ${text}`));
}

/** `/redline 行动 发起` with no template: the chooser Slack was asked to open. */
async function openChooser(h: Harness) {
  const before = h.slack.callsTo("views.open").length;
  await sendSlashCommand(h.bot.url, { text: "行动 发起", user_id: office.liaison, channel_id: office.channel });
  return (await waitFor(() => h.slack.callsTo("views.open")[before], "the launch chooser")).body.view;
}

describe.each(dbKinds())("templates, runs and the dates given at launch, over Slack (%s database)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    const file = parseCampaignText(DRILL, "county-drill.yaml");
    await h.db.prisma.campaignTemplate.create({
      data: {
        id: file.id,
        definition: file as unknown as Prisma.InputJsonValue,
        fileName: "county-drill.yaml",
        uploadedBy: office.liaison,
      },
    });
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("the launch form asks for the day a template leaves open, refuses without it, and launches with it", async () => {
    const view = await openChooser(h);
    expect(view.callback_id).toBe(LAUNCH_MODAL_CALLBACK);
    const text = textOf(view.blocks);
    expect(text).toContain("*县区应急演练* `county-drill-2026` · 2 个单位");
    expect(text).toContain("• 上报演练情况（报告） 截止日期发起时填写");
    const field = view.blocks.find((b: { block_id?: string }) => b.block_id === dateBlock.block);
    expect(field).toMatchObject({ type: "input", optional: true, label: { text: "县区应急演练 · 上报演练情况：截止日期" } });
    expect(field.element.type).toBe("datepicker");

    // Chosen without its day: the form says what is missing, nothing is saved.
    const missing = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: launchValues("county-drill", null),
      }),
    );
    expect(missing.json).toEqual({ response_action: "errors", errors: { [dateBlock.block]: "发起这项行动须填写截止日期。" } });
    expect(await h.db.prisma.campaign.count({ where: { templateId: "county-drill" } })).toBe(0);

    // A day already past: refused in the form with that day named.
    const past = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: launchValues("county-drill", "2026-05-01"),
      }),
    );
    expect(past.json.response_action).toBe("errors");
    expect(Object.values(past.json.errors).join("\n")).toContain("截止日期已过");
    expect(await h.db.prisma.campaign.count({ where: { templateId: "county-drill" } })).toBe(0);

    const ok = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: office.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: view.private_metadata,
        values: launchValues("county-drill", "2026-06-15"),
      }),
    );
    expect(ok.status).toBe(200);
    const report = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === office.liaison),
      "the launch report",
    );
    expect(callText(report)).toContain("已发送到 2/2 个单位频道");
    const task = await h.db.prisma.task.findUniqueOrThrow({ where: { id: "county-drill-2026:drill-report" } });
    // A whole day given is due at the end of that day in the office's zone.
    expect(task.dueAt.toISOString()).toBe(new Date("2026-06-16T00:00:00+08:00").toISOString());
    const post = h.slack.postsIn(slackIds("weihui").channel).find((c) => callText(c).includes("县区应急演练"));
    expect(callText(post!)).toContain("上报演练情况");
    expect(callText(post!)).toContain("6月15日");
  });

  it("a template launched by name takes its open day as task=YYYY-MM-DD, and says which day is missing without it", async () => {
    await closeRun(h, "county-drill-2026");
    h.slack.reset();
    await answer(h, "行动 发起 county-drill", "--date drill-report=YYYY-MM-DD");
    expect(await h.db.prisma.campaign.count({ where: { templateId: "county-drill", status: { not: "closed" } } })).toBe(0);

    await answer(h, "行动 发起 county-drill drill-report=2026-07-01", "已发送到 2/2 个单位频道");
    // The same year's second run: the first is closed and keeps its id.
    const run = await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "county-drill-2026-2" }, include: { tasks: true } });
    expect(run.tasks.find((t) => t.key === "drill-report")!.dueAt.toISOString()).toBe(new Date("2026-07-02T00:00:00+08:00").toISOString());
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "county-drill-2026" } })).status).toBe("closed");
  });

  it("a template launches again next year, after this year's run closed, as a run of its own with next year's dates", async () => {
    await answer(h, "行动 发起 hazard-rectification-report", `已发送到 ${TARGETS.length}/${TARGETS.length} 个单位频道`);
    await closeRun(h, "hazard-rectification-report");
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: "hazard-rectification-report-2026" } })).status).toBe("closed");

    // July: this year's 31 May has passed; the chooser shows the next one and a new run id.
    h.clock.set("2026-07-10T10:00:00+08:00");
    h.slack.reset();
    const july = textOf((await openChooser(h)).blocks);
    expect(july).toContain("*事故隐患整治情况上报* `hazard-rectification-report-2026-2`");
    expect(july).toMatch(/上报隐患整治情况（报告） 截止2027年5月31日/);
    expect(july).not.toContain("行动文件有误");

    // The next year: the run is <template>-2027, due that year's 31 May, posted to every department again.
    h.clock.set("2027-03-01T10:00:00+08:00");
    h.slack.reset();
    await answer(h, "行动 发起 hazard-rectification-report", `已发送到 ${TARGETS.length}/${TARGETS.length} 个单位频道`);
    const run = await h.db.prisma.campaign.findUniqueOrThrow({
      where: { id: "hazard-rectification-report-2027" },
      include: { tasks: true },
    });
    expect(run.status).toBe("launched");
    expect(run.templateId).toBe("hazard-rectification-report");
    expect(run.tasks.find((t) => t.key === "rectification-report")!.dueAt.toISOString()).toBe(
      new Date("2027-06-01T00:00:00+08:00").toISOString(),
    );
    const culture = h.slack.postsIn(slackIds("culture").channel).find((c) => callText(c).includes("事故隐患整治情况上报"));
    expect(callText(culture!)).toContain("5月31日");
    // Last year's run is still there, closed, with its own board.
    expect(await answer(h, "进展 hazard-rectification-report-2026", "`hazard-rectification-report-2026` · 🔒 已于")).toContain(
      "事故隐患整治情况上报",
    );
    // Named by template, the open run is the one meant.
    expect(await answer(h, "进展 hazard-rectification-report", "`hazard-rectification-report-2027` · 统计时间")).not.toContain("🔒");
  });
});
