import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { CAMPAIGN_ACTIONS } from "../../../src/messages/campaigns/ids.ts";
import { SIGN_IN_MODAL_CALLBACK } from "../../../src/messages/meetings/ids.ts";
import { dbKinds, openTestDatabase } from "../../support/db.ts";
import { SlackFake } from "../../support/slack-fake.ts";
import {
  blockActionPayload,
  postSigned,
  sendInteraction,
  sendSlashCommand,
  slashCommandPayload,
  viewSubmissionPayload,
} from "../../support/slack-requests.ts";
import { tableCounts } from "../../support/table-counts.ts";
import { startTestApp } from "../../support/test-app.ts";
import { settle, waitFor } from "../../support/wait-for.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return params.toString();
};
const interaction = (payload: unknown) => form({ payload: typeof payload === "string" ? payload : JSON.stringify(payload) });
const event = (e: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "event_callback", team_id: "T1", api_app_id: "A1", event_id: `Ev${Math.random()}`, event: e, ...extra });

const button = blockActionPayload({
  userId: "UCIVLIAISON",
  actionId: CAMPAIGN_ACTIONS.acknowledge,
  value: JSON.stringify({ c: "summer-fire-safety", t: "acknowledge", d: "civil-affairs" }),
  channelId: "CCIVIL",
  messageTs: "1.0001",
});
const submission = viewSubmissionPayload({ userId: "UCIVLIAISON", callbackId: SIGN_IN_MODAL_CALLBACK, privateMetadata: "{}", values: {} });
const mention = { type: "app_mention", user: "UCIVLIAISON", text: "<@UBOT> 养老院", channel: "CCIVIL", ts: "1.0002" };
const { actions: _noActions, ...buttonWithoutActions } = button;
const { user: _noUser, ...buttonWithoutUser } = button;

/** Each is a signed request Slack would never send: a listener would read a field that is missing or of another type. */
const MALFORMED: { name: string; body: string; type: string; reason: RegExp }[] = [
  { name: "block_actions without a user", body: interaction(buttonWithoutUser), type: FORM, reason: /block_actions payload: user/ },
  { name: "block_actions whose user is a number", body: interaction({ ...button, user: 7 }), type: FORM, reason: /user/ },
  { name: "block_actions without actions", body: interaction(buttonWithoutActions), type: FORM, reason: /actions/ },
  { name: "block_actions with no action", body: interaction({ ...button, actions: [] }), type: FORM, reason: /actions/ },
  {
    name: "an action without an action_id",
    body: interaction({ ...button, actions: [{ type: "button", value: "x" }] }),
    type: FORM,
    reason: /actions\.0\.action_id/,
  },
  {
    name: "a button value that is an object",
    body: interaction({ ...button, actions: [{ ...button.actions[0], value: {} }] }),
    type: FORM,
    reason: /value/,
  },
  {
    name: "view_submission without a view",
    body: interaction({ ...submission, view: undefined }),
    type: FORM,
    reason: /view_submission payload: view/,
  },
  {
    name: "view_submission whose state is a string",
    body: interaction({ ...submission, view: { ...submission.view, state: "x" } }),
    type: FORM,
    reason: /view\.state/,
  },
  { name: "view_submission without a user", body: interaction({ ...submission, user: null }), type: FORM, reason: /user/ },
  {
    name: "view_closed without a view",
    body: interaction({ type: "view_closed", user: { id: "U1" } }),
    type: FORM,
    reason: /view_closed payload: view/,
  },
  {
    name: "a shortcut without a user",
    body: interaction({ type: "shortcut", callback_id: "x", trigger_id: "1.2" }),
    type: FORM,
    reason: /shortcut payload: user/,
  },
  {
    name: "a message shortcut without its message",
    body: interaction({ type: "message_action", callback_id: "x", trigger_id: "1.2", user: { id: "U1" }, channel: { id: "C1" } }),
    type: FORM,
    reason: /message_action payload: message/,
  },
  {
    name: "a payload of no known type",
    body: interaction({ type: "dialog_submission", user: { id: "U1" } }),
    type: FORM,
    reason: /unsupported payload type/,
  },
  { name: "a payload that is null", body: interaction("null"), type: FORM, reason: /expected a JSON object/ },
  { name: "a payload that is a list", body: interaction("[1,2]"), type: FORM, reason: /expected a JSON object/ },
  { name: "a payload that is not JSON", body: interaction("{not json"), type: FORM, reason: /not valid JSON/ },
  { name: "a JSON body that is not JSON", body: "{not json", type: JSON_TYPE, reason: /not valid JSON/ },
  {
    name: "a command whose text holds a NUL",
    body: form({ ...slashCommandPayload(), text: "行动 结束 \u0000x" }),
    type: FORM,
    reason: /command payload: text: text with a NUL/,
  },
  {
    name: "a button value with half a surrogate pair",
    body: interaction({ ...button, actions: [{ ...button.actions[0], value: "\ud800" }] }),
    type: FORM,
    reason: /actions\.0\.value: text with a NUL character or broken unicode/,
  },
  {
    name: "a form field holding a NUL",
    body: interaction({
      ...submission,
      view: { ...submission.view, state: { values: { b: { a: { type: "plain_text_input", value: "副局长\u0000" } } } } },
    }),
    type: FORM,
    reason: /view\.state\.values\.b\.a\.value: text with a NUL/,
  },
  {
    name: "a command without a user",
    body: form({ ...slashCommandPayload(), user_id: [] }),
    type: FORM,
    reason: /command payload: user_id/,
  },
  {
    name: "a command whose text is given twice",
    body: form({ ...slashCommandPayload(), text: ["a", "b"] }),
    type: FORM,
    reason: /command payload: text/,
  },
  {
    name: "a command without a response_url",
    body: form({ ...slashCommandPayload(), response_url: [] }),
    type: FORM,
    reason: /response_url/,
  },
  { name: "an event callback without its event", body: event(undefined), type: JSON_TYPE, reason: /event_callback payload: event/ },
  { name: "an event that is a string", body: event("app_mention"), type: JSON_TYPE, reason: /event_callback payload: event/ },
  {
    name: "an app_mention without a channel",
    body: event({ ...mention, channel: undefined }),
    type: JSON_TYPE,
    reason: /app_mention event payload: channel/,
  },
  {
    name: "an app_mention whose text is a number",
    body: event({ ...mention, text: 5 }),
    type: JSON_TYPE,
    reason: /app_mention event payload: text/,
  },
  {
    name: "app_home_opened without a user",
    body: event({ type: "app_home_opened", tab: "home" }),
    type: JSON_TYPE,
    reason: /app_home_opened event payload: user/,
  },
];

describe.each(dbKinds())("bad requests at the Slack door (%s database)", (kind) => {
  let db: Database;
  let slack: SlackFake;
  let bot: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    slack = new SlackFake();
    bot = await startTestApp(db);
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await bot?.stop();
    slack?.close();
    await db?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);

  it("refuses a timestamp more than five minutes ahead, as Bolt refuses a stale one, and answers one inside the window", async () => {
    for (const offset of [3600, 6 * 60, -6 * 60]) {
      const res = await sendSlashCommand(bot.url, { text: "help" }, { timestamp: now() + offset });
      expect(res.status, `signed ${offset} s from now`).toBe(401);
    }
    await settle();
    expect(slack.responses).toHaveLength(0);

    const res = await sendSlashCommand(bot.url, { text: "help" }, { timestamp: now() + 4 * 60 });
    expect(res.status).toBe(200);
    await waitFor(() => slack.responses[0], "the help answer");
  });

  it.each(MALFORMED)("answers $name with 400 and the reason, and changes nothing", async ({ body, type, reason }) => {
    const before = await tableCounts(db.prisma);
    const res = await postSigned(bot.url, body, type);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(reason);
    await settle(100);
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
    expect(await tableCounts(db.prisma)).toEqual(before);
  });

  it("tells an unsigned malformed request only that it is not signed (401)", async () => {
    const res = await postSigned(bot.url, interaction(buttonWithoutUser), FORM, { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expect(res.text).toBe("");
  });

  it("answers a well-formed request no listener takes with 200 at once, and does nothing with it", async () => {
    const before = await tableCounts(db.prisma);
    const unknown = [
      interaction({ ...button, actions: [{ ...button.actions[0], action_id: "nobody_listens" }] }),
      interaction({ ...submission, view: { ...submission.view, callback_id: "nobody_listens" } }),
      interaction({ type: "view_closed", user: { id: "U1" }, team: null, view: { id: "V1", callback_id: SIGN_IN_MODAL_CALLBACK } }),
      interaction({ type: "shortcut", callback_id: "nobody_listens", trigger_id: "1.2", user: { id: "U1" }, team: { id: "T1" } }),
      form(slashCommandPayload({ command: "/somebody-else" })),
    ];
    for (const body of unknown) expect((await postSigned(bot.url, body, FORM)).status).toBe(200);
    const rateLimited = JSON.stringify({
      token: "legacy",
      type: "app_rate_limited",
      team_id: "T1",
      minute_rate_limited: 1,
      api_app_id: "A1",
    });
    expect((await postSigned(bot.url, rateLimited, JSON_TYPE)).status).toBe(200);
    await settle();
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
    expect(await tableCounts(db.prisma)).toEqual(before);
  });

  it("still answers Slack's URL check and the events redline takes", async () => {
    const check = await postSigned(bot.url, JSON.stringify({ type: "url_verification", challenge: "abc" }), JSON_TYPE);
    expect(check.json).toEqual({ challenge: "abc" });
    const res = await postSigned(bot.url, event(mention), JSON_TYPE);
    expect(res.status).toBe(200);
    const answer = await waitFor(() => slack.postsIn("CCIVIL")[0], "the mention's answer");
    expect(answer.body.text).toContain("养老院");
  });
});
