/**
 * Slack's request bodies for what a person does, built from plain facts. Shapes follow Slack's documented
 * payloads (slash command form fields, Events API envelope, block_actions, view_submission, view_closed).
 */
import type { Json, SandboxBot, SandboxUser } from "./store.ts";

export interface PayloadBase {
  bot: SandboxBot;
  user: SandboxUser;
  /** Slack's verification token field, long deprecated; Bolt ignores it. */
  token?: string;
}

const VERIFICATION_TOKEN = "sandbox-verification-token";

function team(bot: SandboxBot): Json {
  return { id: bot.teamId, domain: bot.teamDomain };
}

function interactiveUser({ bot, user }: PayloadBase): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: bot.teamId };
}

export function slashCommandBody(
  base: PayloadBase & { channel: { id: string; name: string }; command: string; text: string; responseUrl: string; triggerId: string },
): string {
  return new URLSearchParams({
    token: base.token ?? VERIFICATION_TOKEN,
    team_id: base.bot.teamId,
    team_domain: base.bot.teamDomain,
    channel_id: base.channel.id,
    channel_name: base.channel.name,
    user_id: base.user.id,
    user_name: base.user.name,
    command: base.command,
    text: base.text,
    api_app_id: base.bot.appId,
    is_enterprise_install: "false",
    response_url: base.responseUrl,
    trigger_id: base.triggerId,
  }).toString();
}

/** The Events API envelope around one event. */
export function eventEnvelope(bot: SandboxBot, event: Json, eventId: string, eventTime: number): Json {
  return {
    token: VERIFICATION_TOKEN,
    team_id: bot.teamId,
    api_app_id: bot.appId,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: eventTime,
    authorizations: [{ enterprise_id: null, team_id: bot.teamId, user_id: bot.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(eventId).toString("base64url")}`,
  };
}

export function appMentionEvent(base: PayloadBase & { channel: string; text: string; ts: string; threadTs?: string }): Json {
  const event: Json = {
    type: "app_mention",
    user: base.user.id,
    text: base.text,
    ts: base.ts,
    channel: base.channel,
    event_ts: base.ts,
    team: base.bot.teamId,
  };
  if (base.threadTs) event.thread_ts = base.threadTs;
  return event;
}

/**
 * A person's message as the `message` event of the app's subscriptions (message.im, message.channels,
 * message.groups); with files it is Slack's `file_share` subtype carrying the file objects.
 */
export function messageEvent(
  base: PayloadBase & { channel: string; channelType: "im" | "channel" | "group"; text: string; ts: string; files?: Json[] },
): Json {
  const event: Json = {
    type: "message",
    user: base.user.id,
    text: base.text,
    ts: base.ts,
    channel: base.channel,
    event_ts: base.ts,
    channel_type: base.channelType,
    team: base.bot.teamId,
  };
  if (base.files && base.files.length > 0)
    Object.assign(event, { subtype: "file_share", files: base.files, upload: false, display_as_bot: false });
  return event;
}

export function appHomeOpenedEvent(base: PayloadBase & { channel: string; eventTs: string; view?: Json }): Json {
  const event: Json = { type: "app_home_opened", user: base.user.id, channel: base.channel, tab: "home", event_ts: base.eventTs };
  if (base.view) event.view = base.view;
  return event;
}

export type ActionContainer =
  | { type: "message"; message_ts: string; channel_id: string; is_ephemeral: boolean; thread_ts?: string }
  | { type: "view"; view_id: string };

export function blockActionsPayload(
  base: PayloadBase & {
    container: ActionContainer;
    actions: Json[];
    triggerId: string;
    responseUrl?: string;
    channel?: { id: string; name: string };
    /** The message the element sits in; Slack leaves it out for ephemeral messages. */
    message?: Json;
    view?: Json;
  },
): Json {
  const payload: Json = {
    type: "block_actions",
    user: interactiveUser(base),
    api_app_id: base.bot.appId,
    token: base.token ?? VERIFICATION_TOKEN,
    container: base.container,
    trigger_id: base.triggerId,
    team: team(base.bot),
    enterprise: null,
    is_enterprise_install: false,
    actions: base.actions,
  };
  if (base.channel) payload.channel = base.channel;
  if (base.message) {
    payload.message = base.message;
    payload.state = { values: {} };
  }
  if (base.view) payload.view = base.view;
  if (base.responseUrl) payload.response_url = base.responseUrl;
  return payload;
}

/**
 * A message shortcut (the ⋯ menu on a message): Slack's `message_action` payload, with the whole message, its
 * channel, a response_url and a trigger_id for opening a modal.
 */
export function messageActionPayload(
  base: PayloadBase & {
    callbackId: string;
    channel: { id: string; name: string };
    message: Json;
    triggerId: string;
    responseUrl: string;
    actionTs: string;
  },
): Json {
  return {
    type: "message_action",
    token: base.token ?? VERIFICATION_TOKEN,
    action_ts: base.actionTs,
    team: team(base.bot),
    user: interactiveUser(base),
    channel: base.channel,
    is_enterprise_install: false,
    enterprise: null,
    api_app_id: base.bot.appId,
    callback_id: base.callbackId,
    trigger_id: base.triggerId,
    response_url: base.responseUrl,
    message_ts: String(base.message.ts),
    message: base.message,
  };
}

export function viewSubmissionPayload(base: PayloadBase & { view: Json; triggerId: string }): Json {
  return {
    type: "view_submission",
    team: team(base.bot),
    user: interactiveUser(base),
    api_app_id: base.bot.appId,
    token: base.token ?? VERIFICATION_TOKEN,
    trigger_id: base.triggerId,
    view: base.view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosedPayload(base: PayloadBase & { view: Json; isCleared: boolean }): Json {
  return {
    type: "view_closed",
    team: team(base.bot),
    user: interactiveUser(base),
    api_app_id: base.bot.appId,
    token: base.token ?? VERIFICATION_TOKEN,
    view: base.view,
    is_cleared: base.isCleared,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Interactive payloads travel as a form with one `payload` field holding JSON. */
export function interactiveBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
