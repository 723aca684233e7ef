import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { CREATE_MODAL_CALLBACK, CREATE_FIELDS } from "../../src/messages/meetings/ids.ts";
import { encodeSignInMetadata } from "../../src/messages/meetings/refs.ts";
import type { RunningRedline } from "../../src/server/start-redline.ts";
import { dbKinds, openTestDatabase } from "../support/db.ts";
import { slackIds } from "../support/fixtures.ts";
import { SlackFake } from "../support/slack-fake.ts";
import { appMentionEvent, sendEvent, sendInteraction, sendSlashCommand, viewSubmissionPayload } from "../support/slack-requests.ts";
import { startTestApp, testClock } from "../support/test-app.ts";
import { waitFor } from "../support/wait-for.ts";
import { createTestMeeting, importTestDirectory, setUpSlackPeople, signInValues } from "./meetings/fixture.ts";
import { launchReadyMade, press, refFor, startHarness, type Harness } from "./campaigns/campaign-harness.ts";

/** What people type that Slack would read as markup: pings, a group ping, a mention, and an entity. */
const NASTY = "<!channel> <!here> <!subteam^S1> <@U1> &lt;";
const RAW = ["<!channel>", "<!here>", "<!subteam^S1>", "<@U1>"];

/** Everything a person reads in a message: the notification text and every text in the blocks. */
function rendered(body: Record<string, any>): string {
  return `${body.text ?? ""}\n${JSON.stringify(body.blocks ?? [])}`;
}

/**
 * None of the typed markup survives as markup; it is there to read, escaped once. In a form field an entity typed
 * shows as typed (`&amp;lt;`); in a slash command Slack has already escaped the `<` the person typed as `&lt;`
 * (`should_escape`), so it reads back as that one `<`, escaped (`&lt;`).
 */
function expectEscaped(body: Record<string, any>, options: { whole?: boolean; slashCommand?: boolean } = {}) {
  const text = rendered(body);
  for (const raw of RAW) expect(text, `raw ${raw} in ${text}`).not.toContain(raw);
  expect(text).toContain("&lt;!channel&gt;");
  if (options.whole) {
    const last = options.slashCommand ? "&lt;”" : "&amp;lt;";
    expect(text).toContain(`&lt;!here&gt; &lt;!subteam^S1&gt; &lt;@U1&gt; ${last}`);
  }
}

describe.each(dbKinds())("every echo of what a person typed is escaped (%s database)", (kind) => {
  let db: Database;
  let slack: SlackFake;
  let bot: RunningRedline & { url: string };
  const clock = testClock("2026-05-29T13:30:00+08:00");
  const ask = async (text: string, user = "UOFFICE", channel = "COFFICE") => {
    const before = slack.responses.length;
    const res = await sendSlashCommand(bot.url, { text, user_id: user, channel_id: channel });
    expect(res.status).toBe(200);
    // Who-leads answers in the ack itself; everything else through the response_url.
    if (res.json?.text) return res.json;
    return (await waitFor(() => slack.responses[before], `an answer to /redline ${text}`)).body;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await importTestDirectory(db.prisma);
    slack = new SlackFake();
    setUpSlackPeople(slack);
    bot = (await startTestApp(db, { clock, env: { REDLINE_DIGEST: "off" } })) as RunningRedline & { url: string };
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  it.each([
    // The who-leads answer quotes the first 40 characters of the question.
    { typed: `谁负责 ${NASTY}`, what: "a who-leads question" },
    { typed: `who-leads ${NASTY}`, what: "a who-leads question in English" },
    { typed: `进展 ${NASTY}`, what: "a campaign named for status", whole: true },
    { typed: `行动 结束 ${NASTY}`, what: "a campaign named for closing", whole: true },
    { typed: `行动 发起 ${NASTY}`, what: "a ready-made campaign id" },
    { typed: `行动 ${NASTY}`, what: "an unknown campaign action" },
    { typed: `会议 ${NASTY}`, what: "an unknown meeting action" },
    { typed: `会议 结束 ${NASTY}`, what: "a meeting id to close" },
    { typed: `会议 导出 ${NASTY}`, what: "a meeting id to export" },
    { typed: `缺席 ${NASTY}`, what: "a department typed as a filter", whole: true },
    { typed: `审计 --department ${NASTY}`, what: "a department typed as an audit filter" },
    { typed: `审计 --since ${NASTY}`, what: "an audit time" },
  ])("in the answer to $what", async ({ typed, whole }) => {
    expectEscaped(await ask(typed), { whole, slashCommand: true });
  });

  it("in a thread reply to a mention, which the whole channel reads", async () => {
    await sendEvent(bot.url, appMentionEvent(NASTY, { channel: "CCIVIL", user: "UCIVLIAISON" }));
    const reply = await waitFor(() => slack.postsIn("CCIVIL")[0], "the thread reply");
    expect(reply.body.thread_ts).toBeTruthy();
    expectEscaped(reply.body);
  });

  it("in the announcement of a meeting whose title was typed in the form", async () => {
    const res = await sendInteraction(
      bot.url,
      viewSubmissionPayload({
        userId: "UOFFICE",
        callbackId: CREATE_MODAL_CALLBACK,
        privateMetadata: JSON.stringify({ l: "zh", c: "COFFICE" }),
        values: {
          [CREATE_FIELDS.title.block]: { [CREATE_FIELDS.title.action]: { type: "plain_text_input", value: `防汛会议 ${NASTY}` } },
          [CREATE_FIELDS.date.block]: { [CREATE_FIELDS.date.action]: { type: "datepicker", selected_date: "2026-06-08" } },
          [CREATE_FIELDS.time.block]: { [CREATE_FIELDS.time.action]: { type: "timepicker", selected_time: "15:00" } },
          [CREATE_FIELDS.opensBefore.block]: { [CREATE_FIELDS.opensBefore.action]: { type: "number_input", value: "60" } },
          [CREATE_FIELDS.closesAfter.block]: { [CREATE_FIELDS.closesAfter.action]: { type: "number_input", value: "30" } },
          [CREATE_FIELDS.groups.block]: { [CREATE_FIELDS.groups.action]: { type: "checkboxes", selected_options: [] } },
          [CREATE_FIELDS.departments.block]: {
            [CREATE_FIELDS.departments.action]: { type: "multi_static_select", selected_options: [{ value: "education" }] },
          },
          [CREATE_FIELDS.headMustAttend.block]: { [CREATE_FIELDS.headMustAttend.action]: { type: "checkboxes", selected_options: [] } },
          [CREATE_FIELDS.briefingDays.block]: { [CREATE_FIELDS.briefingDays.action]: { type: "number_input", value: "2" } },
        },
      }),
    );
    expect(res.status).toBe(200);
    const announcement = await waitFor(() => slack.postsIn("COFFICE")[0], "the announcement in the office channel");
    expectEscaped(announcement.body, { whole: true });
    expect(rendered(announcement.body)).toContain("<@UOFFICE>");
  });

  it("in the sign-in confirmation, where the deputy typed their title", async () => {
    const meetingId = await createTestMeeting(db.prisma, "2026-05-29 14:00", clock.now());
    const res = await sendInteraction(
      bot.url,
      viewSubmissionPayload({
        userId: "UEDUDEPUTY",
        callbackId: "meeting_sign_in_submit",
        privateMetadata: encodeSignInMetadata({ meetingId, departmentId: "education", channelId: "CEDU", lang: "zh" }),
        values: signInValues("deputy", `副局长 ${NASTY}`),
      }),
    );
    expect(res.status).toBe(200);
    const confirmation = await waitFor(
      () => slack.callsTo("chat.postEphemeral").find((c) => c.body.user === "UEDUDEPUTY"),
      "the confirmation",
    );
    expect(confirmation.body.text).toContain("✅ 签到成功");
    expectEscaped(confirmation.body, { whole: true });
  });
});

describe.each(dbKinds())("echoes of Slack names and campaign texts in button answers (%s database)", (kind) => {
  let h: Harness;
  const culture = slackIds("culture");

  beforeAll(async () => {
    h = await startHarness(kind, "2026-05-25T10:00:00+08:00");
    // A display name is typed by its owner: it is user text like any other.
    h.slack.users.set(culture.liaison, { real_name: `王芳 ${NASTY}`, title: NASTY });
    await launchReadyMade(h, "summer-fire-safety");
    h.slack.reset();
  });
  afterEach(() => h.slack.reset());
  afterAll(async () => h?.close());

  it("in 'already done by …' told to the next person who presses", async () => {
    await press(h, "acknowledge", refFor("summer-fire-safety-2026", "acknowledge", "culture"), culture.liaison);
    await waitFor(() => h.slack.responses[0], "the first confirmation");
    h.slack.reset();
    await press(h, "acknowledge", refFor("summer-fire-safety-2026", "acknowledge", "culture"), culture.head);
    const told = await waitFor(() => h.slack.responses[0], "the answer to the second press");
    expect(told.body.text).toContain("王芳 &lt;!channel&gt;");
    expectEscaped(told.body, { whole: true });
  });

  it("keeps the mention of the head a pledge refusal names on purpose", async () => {
    await press(h, "pledge", refFor("summer-fire-safety-2026", "safety-pledge", "culture"), culture.liaison);
    const refusal = await waitFor(() => h.slack.responses[0], "the refusal");
    expect(refusal.body.text).toContain(`<@${culture.head}>`);
  });
});
