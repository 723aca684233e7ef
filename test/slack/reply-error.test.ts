import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_MODAL_CALLBACK } from "../../src/messages/meetings/ids.ts";
import { dbKinds } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { blockActionPayload, sendInteraction, viewSubmissionPayload } from "../support/slack-requests.ts";
import { waitFor, waitForAsync } from "../support/wait-for.ts";
import { CAMPAIGN_ACTIONS } from "../../src/messages/campaigns/ids.ts";
import { encodeLaunchMetadata, LAUNCH_MODAL_CALLBACK } from "../../src/messages/campaigns/launch-modal.ts";
import { command, launchReadyMade, office, press, refFor, startHarness, textOf, type Harness } from "./campaigns/campaign-harness.ts";

const FIRE = "summer-fire-safety-2026";
const culture = slackIds("culture");
const OUTSIDER = "UOUTSIDER1";

describe.each(dbKinds())("refusals at the listener boundary are answered privately and audited (%s database)", (kind) => {
  let h: Harness;
  // Refusals only: the services audit what they record (the launch above) in entries of their own.
  const entries = (actor: string) => h.db.prisma.auditEntry.findMany({ where: { actor, outcome: { not: "ok" } }, orderBy: { id: "asc" } });
  const entriesEventually = (actor: string, n: number) =>
    waitForAsync(async () => ((await entries(actor)).length >= n ? entries(actor) : null), `${n} audit entries for ${actor}`);

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    await launchReadyMade(h, "summer-fire-safety");
    h.slack.reset();
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("records a refused command with who typed what, where, and the code", async () => {
    const answer = await command(h, "行动 发起 summer-fire-safety", culture.liaison, culture.channel);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.text).toContain("安委办");
    const [entry] = await entriesEventually(culture.liaison, 1);
    expect(entry).toMatchObject({
      actor: culture.liaison,
      action: "campaign.command",
      outcome: "refused",
      channelId: culture.channel,
      detail: { code: "forbidden", command: "campaign", text: "行动 发起 summer-fire-safety" },
    });
    expect(entry!.at.toISOString()).toBe("2026-05-25T02:00:00.000Z");
  });

  it("records a refused button with the campaign, the department and the refusal", async () => {
    await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), OUTSIDER);
    await waitFor(() => h.slack.responses[0], "the refusal");
    const [entry] = await entriesEventually(OUTSIDER, 1);
    expect(entry).toMatchObject({
      action: "campaign.ack",
      outcome: "refused",
      subject: `campaign:${FIRE}`,
      departmentId: "culture",
      channelId: culture.channel,
      detail: expect.objectContaining({ code: "forbidden", action: CAMPAIGN_ACTIONS.acknowledge, task: "acknowledge" }),
    });
    expect(await h.db.prisma.completion.count({ where: { slackUserId: OUTSIDER } })).toBe(0);
  });

  it("records a button whose value was tampered with as refused input", async () => {
    const payload = blockActionPayload({
      userId: "UTAMPER1",
      actionId: CAMPAIGN_ACTIONS.acknowledge,
      value: "{{",
      channelId: culture.channel,
      messageTs: "1.1",
    });
    await sendInteraction(h.bot.url, payload);
    const reply = await waitFor(() => h.slack.responses[0], "the refusal");
    expect(reply.body.response_type).toBe("ephemeral");
    const [entry] = await entriesEventually("UTAMPER1", 1);
    expect(entry).toMatchObject({ action: "campaign.ack", outcome: "refused", detail: expect.objectContaining({ code: "input_invalid" }) });
  });

  it("records a form the boundary refused, after the form got its answer", async () => {
    const res = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({ userId: "UFORM1", callbackId: SIGN_IN_MODAL_CALLBACK, privateMetadata: "not ours", values: {} }),
    );
    expect(res.json.response_action).toBe("errors");
    const [entry] = await entriesEventually("UFORM1", 1);
    expect(entry).toMatchObject({
      action: "meeting.sign_in_submit",
      outcome: "refused",
      detail: expect.objectContaining({ code: "input_invalid" }),
    });
  });

  it("records a form the rules refuse, with the refusal's code, and saves nothing", async () => {
    const res = await sendInteraction(
      h.bot.url,
      viewSubmissionPayload({
        userId: culture.liaison,
        callbackId: LAUNCH_MODAL_CALLBACK,
        privateMetadata: encodeLaunchMetadata({ lang: "zh", channelId: culture.channel }),
        values: {},
      }),
    );
    expect(res.json).toMatchObject({ response_action: "errors" });
    expect(Object.values(res.json.errors).join()).toBe("只有安委办工作人员可以发起专项行动。");
    const refusals = await entriesEventually(culture.liaison, 2);
    expect(refusals.at(-1)).toMatchObject({
      action: "campaign.launch_submit",
      outcome: "refused",
      detail: expect.objectContaining({ code: "forbidden" }),
    });
  });

  it("escapes what the person typed when the refusal quotes it, so it cannot ping or link", async () => {
    const answer = await command(h, "行动 结束 <!channel> <!here> <!subteam^S1> <@U1> &lt;", office.liaison);
    expect(answer.body.text).toContain("找不到行动“&lt;!channel&gt; &lt;!here&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; &lt;”");
    expect(JSON.stringify(answer.body.blocks)).not.toMatch(/<!|<@/);
    const [entry] = await entriesEventually(office.liaison, 1);
    expect(entry).toMatchObject({ action: "campaign.command", outcome: "refused", detail: expect.objectContaining({ code: "not_found" }) });
  });

  it("sends a refusal by DM when Slack says its ephemeral cannot reach the person there, and only then", async () => {
    const stranger = "USTRANGER1";
    const dmOf = (user: string) => h.slack.postsIn(user);
    // Pressed in a channel the person has left: the response_url post is refused with channel_not_found.
    h.slack.failResponseUrls({ status: 404, body: "channel_not_found" });
    try {
      await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), stranger);
      const dm = await waitFor(() => dmOf(stranger)[0], "the refusal by DM");
      // The same sentence the ephemeral would have shown.
      expect(h.slack.responses).toHaveLength(1);
      expect(dm.body.text).toBe(h.slack.responses[0]!.body.text);
      expect(textOf(dm.body.blocks)).toContain("⚠️ ");
      const [entry] = await entriesEventually(stranger, 1);
      expect(entry).toMatchObject({ action: "campaign.ack", outcome: "refused" });

      // Any other failure (Slack down) is not a reason to DM: the answer is logged as undelivered.
      h.slack.reset();
      h.slack.failResponseUrls({ status: 500, body: "internal_error" });
      await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), "USTRANGER2");
      await entriesEventually("USTRANGER2", 1);
      expect(dmOf("USTRANGER2")).toEqual([]);
    } finally {
      h.slack.failResponseUrls(null);
    }
  });
});

describe.each(dbKinds())("with REDLINE_DM=off a refusal is never DMed (%s database)", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00", { REDLINE_DM: "off" });
    await launchReadyMade(h, "summer-fire-safety");
    h.slack.reset();
  });
  afterAll(async () => h?.close());

  it("logs the ephemeral Slack could not deliver, and sends nothing else", async () => {
    h.slack.failResponseUrls({ status: 404, body: "channel_not_found" });
    await press(h, "acknowledge", refFor(FIRE, "acknowledge", "culture"), "USTRANGER3");
    await waitForAsync(
      async () => ((await h.db.prisma.auditEntry.count({ where: { actor: "USTRANGER3", outcome: "refused" } })) ? true : null),
      "the refusal audited",
    );
    expect(h.slack.responses).toHaveLength(1);
    expect(h.slack.postsIn("USTRANGER3")).toEqual([]);
  });
});
