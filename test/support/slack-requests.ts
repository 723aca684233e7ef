import { createHmac } from "node:crypto";

export const TEST_SIGNING_SECRET = "test-signing-secret-0123";
export const TEST_BOT_TOKEN = "xoxb-test-token";

/** Signs a body the way Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function slackSignature(body: string, secret = TEST_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp) };
}

export interface SignedPostOptions {
  secret?: string;
  /** Sign something else than what is sent (tampering). */
  signBody?: string;
  /** Unix seconds to sign with (default: now). */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Posts a body to the Slack endpoint signed like Slack signs it; the status, the raw text and any JSON answer. */
export async function postSigned(url: string, body: string, contentType: string, options: SignedPostOptions = {}) {
  const res = await fetch(`${url}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      ...slackSignature(options.signBody ?? body, options.secret, options.timestamp),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* plain text ack */
  }
  return { status: res.status, text, json };
}

export function slashCommandPayload(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return {
    token: "legacy",
    team_id: "T1",
    team_domain: "city",
    channel_id: "CCIVIL",
    channel_name: "civil-affairs",
    user_id: "UCIVLIAISON",
    user_name: "liaison",
    command: "/redline",
    text: "help",
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: "https://hooks.slack.com/commands/T1/1/abc",
    trigger_id: "1.2.trigger",
    ...overrides,
  };
}

export function sendSlashCommand(url: string, overrides: Partial<Record<string, string>> = {}, options?: SignedPostOptions) {
  return postSigned(url, new URLSearchParams(slashCommandPayload(overrides)).toString(), "application/x-www-form-urlencoded", options);
}

let eventSeq = 0;
export function sendEvent(url: string, event: Record<string, unknown>, options: SignedPostOptions & { eventId?: string } = {}) {
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: options.eventId ?? `Ev${Date.now()}${eventSeq++}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true }],
    event,
  });
  return postSigned(url, body, "application/json", options);
}

export function appMentionEvent(text: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "app_mention",
    user: "UCIVLIAISON",
    text: `<@UBOT> ${text}`,
    ts: `${Date.now() / 1000}`,
    channel: "CCIVIL",
    event_ts: "1",
    ...overrides,
  };
}

/** Sends an interactivity payload (block_actions, view_submission …) as Slack does: form field `payload`. */
export function sendInteraction(url: string, payload: Record<string, unknown>, options?: SignedPostOptions) {
  return postSigned(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
    options,
  );
}

export function blockActionPayload(args: {
  userId: string;
  actionId: string;
  value: string;
  channelId: string;
  messageTs: string;
  blockId?: string;
  userName?: string;
}) {
  return {
    type: "block_actions",
    team: { id: "T1", domain: "city" },
    user: { id: args.userId, username: args.userName ?? args.userId, name: args.userName ?? args.userId, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: args.messageTs, channel_id: args.channelId, is_ephemeral: false },
    trigger_id: "1.2.trigger",
    channel: { id: args.channelId, name: "channel" },
    message: { type: "message", ts: args.messageTs, text: "", blocks: [] },
    response_url: "https://hooks.slack.com/actions/T1/1/xyz",
    actions: [
      { action_id: args.actionId, block_id: args.blockId ?? "b", value: args.value, type: "button", action_ts: `${Date.now() / 1000}` },
    ],
  };
}

export function viewSubmissionPayload(args: {
  userId: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}) {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "city" },
    user: { id: args.userId, username: args.userId, name: args.userId, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: "1.2.trigger",
    view: {
      id: "VTEST",
      type: "modal",
      callback_id: args.callbackId,
      private_metadata: args.privateMetadata,
      state: { values: args.values },
      hash: "h",
      title: { type: "plain_text", text: "t" },
      blocks: [],
    },
  };
}
