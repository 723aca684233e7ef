import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPAIGN_ACTIONS, REPORT_FIELDS, REPORT_MODAL_CALLBACK } from "../../../src/messages/campaigns/ids.ts";
import { encodeCampaignButtonValue, encodeCampaignModalMetadata } from "../../../src/messages/campaigns/task-ref.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { blockActionPayload, sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { buttons } from "../../messages/campaigns/helpers.ts";
import {
  callText,
  cliFor,
  launchReadyMade,
  launchTs,
  office,
  refFor,
  startHarness,
  submitReport,
  textOf,
  type Harness,
} from "./campaign-harness.ts";

const HAZARD = "hazard-rectification-report-2026";
const TASK = `${HAZARD}:rectification-report`;
const culture = slackIds("culture");
const ref = refFor(HAZARD, "rectification-report", "culture");

type Form = { status: string; found: string; rectified: string; note?: string };

/** A submission of the correction form opened on `revision`. */
function submitCorrection(h: Harness, user: string, revision: number, form: Form) {
  const values = {
    [REPORT_FIELDS.status.block]: { [REPORT_FIELDS.status.action]: { type: "static_select", selected_option: { value: form.status } } },
    [REPORT_FIELDS.hazardsFound.block]: { [REPORT_FIELDS.hazardsFound.action]: { type: "number_input", value: form.found } },
    [REPORT_FIELDS.hazardsRectified.block]: { [REPORT_FIELDS.hazardsRectified.action]: { type: "number_input", value: form.rectified } },
    [REPORT_FIELDS.note.block]: { [REPORT_FIELDS.note.action]: { type: "plain_text_input", value: form.note ?? null } },
  };
  return sendInteraction(
    h.bot.url,
    viewSubmissionPayload({
      userId: user,
      callbackId: REPORT_MODAL_CALLBACK,
      privateMetadata: encodeCampaignModalMetadata(ref, undefined, revision),
      values,
    }),
  );
}

describe.each(dbKinds())("correcting a submitted report (%s database)", (kind) => {
  let h: Harness;
  const completion = () =>
    h.db.prisma.completion.findUniqueOrThrow({
      where: { taskId_departmentId: { taskId: TASK, departmentId: "culture" } },
      include: { revisions: true },
    });
  const pressCorrect = async (user: string) =>
    sendInteraction(
      h.bot.url,
      blockActionPayload({
        userId: user,
        actionId: CAMPAIGN_ACTIONS.correct,
        value: encodeCampaignButtonValue(ref),
        channelId: culture.channel,
        messageTs: await launchTs(h, HAZARD, "culture"),
      }),
    );
  const lastLaunchUpdate = async () => {
    const ts = await launchTs(h, HAZARD, "culture");
    return h.slack
      .callsTo("chat.update")
      .filter((c) => c.body.ts === ts)
      .at(-1);
  };

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    h.slack.users.set(culture.liaison, { real_name: "王芳", title: "科员" });
    h.slack.users.set(culture.head, { real_name: "李明", title: "文化局局长" });
    await launchReadyMade(h, "hazard-rectification-report");
    h.clock.set("2026-05-26T09:30:00+08:00");
    await submitReport(h, ref, culture.liaison, { status: "rectifying", found: "3", rectified: "1", note: "两处正在整改" });
    await waitFor(() => h.slack.callsTo("chat.update").length > 0, "the launch message update");
  });
  afterAll(async () => h?.close());

  it("a submitted report before its deadline shows 更正报告; pressing it opens the form filled with the report on file", async () => {
    const update = await lastLaunchUpdate();
    expect(buttons(update!.body.blocks).map((b) => b.text)).toEqual(["收到", "更正报告"]);
    h.slack.reset();
    await pressCorrect(culture.head);
    const view = (await waitFor(() => h.slack.callsTo("views.open")[0], "the correction form")).body.view;
    expect(view.title.text).toBe("更正报告");
    expect(view.submit.text).toBe("提交更正");
    expect(textOf(view.blocks)).toContain("✏️ 更正王芳于5月26日 09:30提交的报告。原报告和每次更正都会保留");
    const found = view.blocks.find((b: { block_id?: string }) => b.block_id === REPORT_FIELDS.hazardsFound.block);
    expect(found.element.initial_value).toBe("3");
    const note = view.blocks.find((b: { block_id?: string }) => b.block_id === REPORT_FIELDS.note.block);
    expect(note.element.initial_value).toBe("两处正在整改");
    expect(JSON.parse(view.private_metadata)).toMatchObject({ c: HAZARD, t: "rectification-report", d: "culture", r: 0 });
  });

  it("saves the correction over the version shown and keeps that version; Slack's retry saves nothing more", async () => {
    h.clock.set("2026-05-27T10:00:00+08:00");
    h.slack.reset();
    const form = { status: "all-rectified", found: "3", rectified: "3", note: "已全部整改" };
    const [first, retry] = await Promise.all([submitCorrection(h, culture.head, 0, form), submitCorrection(h, culture.head, 0, form)]);
    expect([first.json, retry.json]).toEqual([null, null]);

    const row = await completion();
    expect(row).toMatchObject({
      revision: 1,
      correctedBy: culture.head,
      correctedName: "李明",
      slackUserId: culture.liaison,
      userName: "王芳",
    });
    expect(row.data).toEqual({ status: "all-rectified", hazardsFound: 3, hazardsRectified: 3, note: "已全部整改" });
    expect(row.revisions).toHaveLength(1);
    expect(row.revisions[0]).toMatchObject({
      revision: 0,
      slackUserId: culture.liaison,
      userName: "王芳",
      data: { status: "rectifying", hazardsFound: 3, hazardsRectified: 1, note: "两处正在整改" },
    });
    expect(row.revisions[0]!.writtenAt.toISOString()).toBe("2026-05-26T01:30:00.000Z");
    expect(await h.db.prisma.auditEntry.count({ where: { action: "campaign.report_correct", actor: culture.head } })).toBe(1);

    const confirm = await waitFor(
      () => h.slack.callsTo("chat.postEphemeral").find((c) => c.body.user === culture.head),
      "the confirmation",
    );
    expect(callText(confirm)).toContain("✏️ 已更正：文化部门的“上报隐患整治情况”（第 1 次更正），原报告和更正记录已保留。");
    const update = await waitForAsync(() => lastLaunchUpdate(), "the launch message update");
    expect(textOf(update!.body.blocks)).toContain("发现隐患 3 处，已整改 3 处（已全部整改到位） · ✏️ 已更正（李明 5月27日 10:00）");
  });

  it("two corrections from forms opened on the same version: one is saved, the other is told whose stands", async () => {
    h.clock.set("2026-05-28T11:00:00+08:00");
    const [a, b] = await Promise.all([
      submitCorrection(h, culture.head, 1, { status: "rectifying", found: "5", rectified: "3" }),
      submitCorrection(h, culture.liaison, 1, { status: "rectifying", found: "4", rectified: "3" }),
    ]);
    const answers = [a.json, b.json];
    expect(answers.filter((j) => j === null)).toHaveLength(1);
    const loser = answers.find((j) => j !== null)!;
    expect(Object.values(loser.errors).join()).toMatch(/^(李明|王芳)已于5月28日 11:00更正了这份报告，您看到的是更早的版本。/);
    const row = await completion();
    expect(row.revision).toBe(2);
    expect(row.revisions.map((r) => r.revision).sort()).toEqual([0, 1]);

    // A form opened on an old version is refused, nothing saved.
    const stale = await submitCorrection(h, culture.liaison, 0, { status: "none-found", found: "0", rectified: "0" });
    expect(Object.values(stale.json.errors).join()).toContain("您看到的是更早的版本");
    expect((await completion()).revision).toBe(2);
    // The same answers as on file change nothing.
    const current = (await completion()).data as { status: string; hazardsFound: number; hazardsRectified: number };
    const same = await submitCorrection(h, culture.head, 2, {
      status: current.status,
      found: String(current.hazardsFound),
      rectified: String(current.hazardsRectified),
    });
    expect(Object.values(same.json.errors).join()).toBe("内容与现有报告相同，未作更正。");
  });

  it("refuses anyone outside the department, and bad numbers, saving nothing", async () => {
    const outsider = await submitCorrection(h, "UOUTSIDER1", 2, { status: "none-found", found: "0", rectified: "0" });
    expect(outsider.json.response_action).toBe("errors");
    const bad = await submitCorrection(h, culture.head, 2, { status: "all-rectified", found: "2", rectified: "5" });
    expect(Object.values(bad.json.errors).join()).toContain("已整改数（5）不能多于排查发现的隐患数（2）");
    expect((await completion()).revision).toBe(2);
  });

  it("the office sees every version with who, when and what changed, and the board marks the report 已更正", async () => {
    h.slack.reset();
    await sendSlashCommand(h.bot.url, {
      text: "行动 更正记录 hazard-rectification-report",
      user_id: office.liaison,
      channel_id: office.channel,
    });
    const history = await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("份报告有更正")), "the history");
    const text = textOf(history.body.blocks);
    expect(history.body.text).toBe("事故隐患整治情况上报：1 份报告有更正");
    expect(text).toContain("*文化部门 · 上报隐患整治情况*");
    expect(text).toContain("• 原报告 · 王芳 5月26日 09:30 提交：发现隐患 3 处，已整改 1 处（正在整改）；说明：两处正在整改");
    expect(text).toContain("• 第 1 次更正 · 李明 5月27日 10:00：整改状态 正在整改 → 已全部整改到位；已整改 1 → 3 处；说明已修改");
    expect(text).toMatch(/• 第 2 次更正 · (李明|王芳) 5月28日 11:00：整改状态 已全部整改到位 → 正在整改；发现隐患 3 → [45] 处；说明已删除/);

    await sendSlashCommand(h.bot.url, { text: "进展 hazard-rectification-report", user_id: office.liaison, channel_id: office.channel });
    const board = await waitFor(() => h.slack.responses.find((r) => textOf(r.body.blocks ?? []).includes("*文化部门*")), "the board");
    expect(textOf(board.body.blocks)).toMatch(/\*文化部门\*.*✅ 报告（王芳 5月26日 09:30，已更正）/);

    // The CLI's JSON board carries the correction too.
    const cli = cliFor(h);
    expect(await cli.run("status", HAZARD, "--json")).toBe(0);
    const json = JSON.parse(cli.text());
    const cell = json.departments.find((d: { id: string }) => d.id === "culture").tasks["rectification-report"];
    expect(cell).toMatchObject({ state: "done", by: { name: "王芳" }, corrected: { revision: 2, at: "2026-05-28T03:00:00.000Z" } });

    // Departments cannot read it.
    h.slack.reset();
    await sendSlashCommand(h.bot.url, {
      text: "行动 更正记录 hazard-rectification-report",
      user_id: culture.liaison,
      channel_id: culture.channel,
    });
    await waitFor(() => h.slack.responses.find((r) => String(r.body.text).includes("安委办")), "the refusal");
  });

  it("after the deadline the button is gone and a correction is refused, naming the deadline", async () => {
    h.clock.set("2026-06-01T10:00:00+08:00");
    h.slack.reset();
    await pressCorrect(culture.head);
    const refusal = await waitFor(() => h.slack.responses[0], "the refusal");
    expect(refusal.body.text).toContain("“上报隐患整治情况”已于5月31日（周日）24:00截止，报告不能再更正；如需更正请联系安委办。");
    expect(h.slack.callsTo("views.open")).toEqual([]);
    const late = await submitCorrection(h, culture.head, 2, { status: "none-found", found: "0", rectified: "0" });
    expect(Object.values(late.json.errors).join()).toContain("报告不能再更正");
    expect((await completion()).revision).toBe(2);
    // The launch message re-rendered now has no correction button.
    await sendInteraction(
      h.bot.url,
      blockActionPayload({
        userId: culture.liaison,
        actionId: CAMPAIGN_ACTIONS.report,
        value: encodeCampaignButtonValue(ref),
        channelId: culture.channel,
        messageTs: await launchTs(h, HAZARD, "culture"),
      }),
    );
    const update = await waitForAsync(() => lastLaunchUpdate(), "the launch message refreshed");
    expect(buttons(update!.body.blocks).map((b) => b.text)).not.toContain("更正报告");
  });
});
