import type { Json, SandboxStore, StoredFile, StoredMessage, StoredView } from "./store.ts";

/** Slack's JSON for a stored message, as chat.postMessage returns it and block_actions carries it. */
export function messageJson(store: SandboxStore, message: StoredMessage, fileUrl: (file: StoredFile) => string): Json {
  const base: Json = { type: "message", ts: message.ts, text: message.text, team: store.bot.teamId };
  if (message.author.kind === "user") base.user = message.author.userId;
  if (message.author.kind === "bot") {
    Object.assign(base, {
      user: store.bot.userId,
      bot_id: store.bot.botId,
      app_id: store.bot.appId,
      bot_profile: { id: store.bot.botId, app_id: store.bot.appId, name: store.bot.name, team_id: store.bot.teamId, deleted: false },
    });
  }
  if (message.blocks) base.blocks = message.blocks;
  if (message.attachments) base.attachments = message.attachments;
  if (message.threadTs) base.thread_ts = message.threadTs;
  if (message.edited) base.edited = { user: store.bot.userId, ts: message.ts };
  const reactions = Object.entries(message.reactions ?? {}).filter(([, users]) => users.length > 0);
  if (reactions.length > 0) base.reactions = reactions.map(([name, users]) => ({ name, users, count: users.length }));
  if (message.fileIds) {
    base.files = message.fileIds.flatMap((id) => {
      const file = store.file(id);
      return file ? [fileJson(file, fileUrl(file))] : [];
    });
    base.upload = true;
  }
  return base;
}

export function fileJson(file: StoredFile, url: string): Json {
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.name.split(".").pop() ?? "",
    size: file.data?.length ?? file.length,
    alt_txt: file.altText,
    url_private: url,
    url_private_download: url,
    permalink: url,
    is_external: false,
    ...(file.userId ? { user: file.userId } : {}),
  };
}

/** Slack's JSON for a stored view (views.* answers and interaction payloads). */
export function viewJson(store: SandboxStore, view: StoredView, stateValues: Json = {}): Json {
  const v = view.view;
  return {
    id: view.id,
    team_id: store.bot.teamId,
    type: view.type,
    blocks: v.blocks ?? [],
    private_metadata: v.private_metadata ?? "",
    callback_id: v.callback_id ?? "",
    state: { values: stateValues },
    hash: view.hash,
    title: v.title ?? null,
    clear_on_close: v.clear_on_close ?? false,
    notify_on_close: v.notify_on_close ?? false,
    close: v.close ?? null,
    submit: v.submit ?? null,
    previous_view_id: view.previousViewId,
    root_view_id: view.rootViewId,
    app_id: store.bot.appId,
    external_id: view.externalId ?? "",
    app_installed_team_id: store.bot.teamId,
    bot_id: store.bot.botId,
  };
}

export function channelJson(store: SandboxStore, id: string): Json | undefined {
  const channel = store.channel(id);
  if (!channel) return undefined;
  const created = 1_700_000_000;
  if (channel.isIm) {
    return { id, created, is_im: true, is_org_shared: false, user: channel.imUser, is_user_deleted: false, priority: 0 };
  }
  return {
    id,
    name: channel.name,
    name_normalized: channel.name,
    created,
    creator: store.bot.userId,
    is_channel: !channel.isPrivate,
    is_group: Boolean(channel.isPrivate),
    is_im: false,
    is_mpim: false,
    is_private: Boolean(channel.isPrivate),
    is_archived: false,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: true,
    num_members: channel.members.length + 1,
    topic: { value: channel.topic ?? "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
  };
}

export function userJson(store: SandboxStore, id: string, timeZone: string): Json | undefined {
  if (id === store.bot.userId) {
    return {
      id,
      team_id: store.bot.teamId,
      name: store.bot.name,
      real_name: store.bot.name,
      is_bot: true,
      deleted: false,
      profile: { real_name: store.bot.name, display_name: store.bot.name, bot_id: store.bot.botId },
    };
  }
  const user = store.users.get(id);
  if (!user) return undefined;
  const realName = user.realName ?? user.name;
  return {
    id,
    team_id: store.bot.teamId,
    name: user.name,
    real_name: realName,
    deleted: false,
    is_bot: false,
    is_admin: false,
    tz: timeZone,
    profile: { real_name: realName, display_name: user.name, title: user.title ?? "", team: store.bot.teamId },
  };
}

/** Gives every block and interactive element an id, as Slack does when the sender leaves them out. */
export function withGeneratedIds(blocks: Json[], nextId: () => string): Json[] {
  return blocks.map((block) => {
    const copy: Json = { ...block };
    if (typeof copy.block_id !== "string") copy.block_id = nextId();
    const giveActionId = (element: unknown): unknown => {
      if (typeof element !== "object" || element === null || Array.isArray(element)) return element;
      const e = { ...(element as Json) };
      if (typeof e.action_id !== "string" && e.type !== "image" && e.type !== "mrkdwn" && e.type !== "plain_text") e.action_id = nextId();
      return e;
    };
    if (copy.type === "actions" && Array.isArray(copy.elements)) copy.elements = copy.elements.map(giveActionId);
    if (copy.type === "input") copy.element = giveActionId(copy.element);
    if (copy.type === "section" && copy.accessory !== undefined) copy.accessory = giveActionId(copy.accessory);
    return copy;
  });
}
