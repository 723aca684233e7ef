import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ACCIDENT_FIELDS as F, ACCIDENT_MODAL_CALLBACK, UNIT_RESPONSIBLE_VALUE } from "../../../src/messages/accountability/ids.ts";
import { encodeAccidentMeta } from "../../../src/messages/accountability/accident-modal.ts";
import { dbKinds } from "../../support/db.ts";
import { slackIds } from "../../support/fixtures.ts";
import { sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../../support/wait-for.ts";
import { callText, command, office, startHarness, textOf, type Harness } from "../campaigns/campaign-harness.ts";

const weihui = slackIds("weihui");

function values(over: Partial<Record<keyof typeof F, unknown>> = {}) {
  const v: Record<keyof typeof F, unknown> = {
    occurredOn: { type: "datepicker", selected_date: "2026-05-20" },
    unit: { type: "static_select", selected_option: { value: "weihui" } },
    county: { type: "static_select", selected_option: { value: "weihui" } },
    category: { type: "static_select", selected_option: { value: "industry-trade" } },
    level: { type: "static_select", selected_option: { value: "larger" } },
    deaths: { type: "number_input", value: "3" },
    injuries: { type: "number_input", value: "1" },
    description: { type: "plain_text_input", value: "某厂 *粉尘* 爆炸 <!channel>" },
    responsible: { type: "checkboxes", selected_options: [{ value: UNIT_RESPONSIBLE_VALUE }] },
    ...over,
  };
  return Object.fromEntries(Object.entries(v).map(([k, s]) => [F[k as keyof typeof F].block, { [F[k as keyof typeof F].action]: s }]));
}

function submit(h: Harness, user: string, viewId: string, v = values(), lang: "zh" | "en" = "zh") {
  const p = viewSubmissionPayload({ userId: user, callbackId: ACCIDENT_MODAL_CALLBACK, privateMetadata: encodeAccidentMeta({ lang, channelId: office.channel }), values: v });
  return sendInteraction(h.bot.url, { ...p, view: { ...p.view, id: viewId } });
}

describe.each(dbKinds())("/redline 事故 over signed requests (%s database)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("opens the form for the office, and refuses anyone else privately, in their language, with an audit entry", async () => {
    await sendSlashCommand(h.bot.url, { text: "事故 登记", user_id: office.liaison, channel_id: office.channel });
    const opened = await waitFor(() => h.slack.callsTo("views.open")[0], "the accident form");
    expect(opened.body.view.callback_id).toBe(ACCIDENT_MODAL_CALLBACK);
    expect(JSON.stringify(opened.body.view)).toContain("工矿商贸");

    const zh = await command(h, "事故 登记", weihui.liaison, weihui.channel);
    expect(textOf(zh.body.blocks)).toContain("只有安委办工作人员可以登记事故。");
    const en = await command(h, "accident list", weihui.liaison, weihui.channel);
    expect(textOf(en.body.blocks)).toContain("Only safety-office staff can list recorded accidents.");
    expect(h.slack.callsTo("views.open")).toHaveLength(1);
    await waitForAsync(async () => (await h.db.prisma.auditEntry.count({ where: { actor: weihui.liaison, outcome: "refused" } })) >= 2 || undefined, "refusals audited");
  });

  it("records a submitted accident once even when Slack retries it, and tells the office channel with the text escaped", async () => {
    expect((await submit(h, office.liaison, "VACC1")).status).toBe(200);
    expect((await submit(h, office.liaison, "VACC1")).status).toBe(200);
    const rows = await waitForAsync(async () => {
      const r = await h.db.prisma.accident.findMany({ include: { followUps: true } });
      return r.length ? r : undefined;
    }, "the accident row");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: "SG-2026-0001", level: "larger", deaths: 3, unitResponsible: true, recordedBy: office.liaison, sourceKey: "slack-view:VACC1" });
    expect(rows[0]!.followUps).toHaveLength(4);
    const post = await waitFor(() => h.slack.postsIn(office.channel)[0], "the office post");
    const text = callText(post);
    expect(text).toContain("SG-2026-0001");
    expect(text).toContain("工矿商贸 · 较大 · 死亡 3 人，受伤 1 人，单位负有责任");
    expect(text).toContain("待落实");
    expect(text).toContain("某厂 *粉尘* 爆炸 &lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
    await new Promise((r) => setTimeout(r, 200));
    expect(h.slack.postsIn(office.channel)).toHaveLength(1);
  });

  it("shows field errors for a bad form and a refusal to non-office staff, saving nothing", async () => {
    const missing = await submit(h, office.liaison, "VACC2", values({ deaths: { type: "number_input", value: "" }, county: { type: "static_select", selected_option: null } }));
    const body = missing.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors[F.deaths.block]).toBe("此项为必填项。");
    expect(body.errors[F.county.block]).toBe("此项为必填项。");
    const forbidden = await submit(h, weihui.liaison, "VACC3", values(), "en");
    expect((forbidden.json as { errors: Record<string, string> }).errors[F.description.block]).toBe("Only safety-office staff can record accidents.");
    expect(await h.db.prisma.accident.count()).toBe(1);
  });

  it("shows the year to date against the targets", async () => {
    const answer = await command(h, "事故 统计", weihui.liaison, weihui.channel);
    const text = textOf(answer.body.blocks);
    expect(text).toContain("2026 年生产安全事故与控制指标（截至 2026-05-25）");
    expect(text).toContain("全市共发生各类生产安全事故 1 起，死亡 3 人。");
    expect(text).toContain("*卫辉市 · 工矿商贸*：1 起，死亡 3 人");
    expect(text).toContain("尚未导入 2026 年控制指标");
  });
});
