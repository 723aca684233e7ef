import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../lib/logger.ts";
import { checkView, formatProblem } from "./block-kit-limits.ts";
import { failure, parseMessageContent } from "./message-content.ts";
import { channelJson, fileJson, messageJson, userJson, viewJson, withGeneratedIds } from "./slack-shapes.ts";
import type { Json, SandboxStore, StoredFile, StoredView } from "./store.ts";

export interface WebApiContext {
  store: SandboxStore;
  baseUrl: string;
  timeZone: string;
  logger: Logger;
}

type Handler = (ctx: WebApiContext, args: Json) => Json;

export function fileUrl(ctx: { baseUrl: string }, file: StoredFile): string {
  return `${ctx.baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}`;
}

/** Whether the workspace holds a file whose bytes arrived (what an image block's slack_file may name). */
export const heldFile = (ctx: { store: SandboxStore }) => (id: string) => ctx.store.file(id)?.completed === true;

const newHash = () => `${Date.now()}.${randomBytes(4).toString("hex")}`;

/** Zod-parses a method's arguments; Slack answers malformed ones with `invalid_arguments`. */
function parse<T extends z.ZodType>(schema: T, args: Json): { ok: true; data: z.infer<T> } | { ok: false; error: Json } {
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, data: result.data };
  const messages = result.error.issues.map((i) => `[ERROR] ${i.message} [json-pointer:/${i.path.join("/")}]`);
  return { ok: false, error: failure("invalid_arguments", messages) };
}

const ZChannel = z.object({ channel: z.string().min(1, "channel_not_found") });
const ZPaging = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional(), cursor: z.string().optional() });

function page<T>(items: T[], cursor: string | undefined, limit = 100): { items: T[]; next: string } {
  const start = cursor
    ? Number(
        Buffer.from(cursor, "base64")
          .toString("utf8")
          .replace(/^offset:/, ""),
      ) || 0
    : 0;
  const slice = items.slice(start, start + limit);
  const nextStart = start + slice.length;
  return { items: slice, next: nextStart < items.length ? Buffer.from(`offset:${nextStart}`).toString("base64") : "" };
}

function channelNotFound(): Json {
  return failure("channel_not_found");
}

function storeView(ctx: WebApiContext, raw: Json, userId: string, previous: StoredView | null, keep?: StoredView): StoredView {
  const blocks = Array.isArray(raw.blocks) ? (raw.blocks as Json[]) : [];
  const view: Json = { ...raw, blocks: withGeneratedIds(blocks, () => ctx.store.nextId("b")) };
  const id = keep?.id ?? ctx.store.nextId("V");
  return {
    id,
    type: raw.type === "home" ? "home" : "modal",
    userId,
    view,
    hash: newHash(),
    externalId: typeof raw.external_id === "string" && raw.external_id !== "" ? raw.external_id : keep?.externalId,
    rootViewId: keep?.rootViewId ?? previous?.rootViewId ?? id,
    previousViewId: keep ? keep.previousViewId : (previous?.id ?? null),
    errors: {},
  };
}

function viewProblems(view: unknown, surface: "modal" | "home"): Json | undefined {
  const problems = checkView(view, surface);
  return problems.length > 0 ? failure("invalid_arguments", problems.map(formatProblem)) : undefined;
}

const ZViewArgs = z.object({ view: z.record(z.string(), z.unknown(), { error: "view must be a JSON object" }) });

const handlers: Record<string, Handler> = {
  "api.test": (_ctx, args) => ({ ok: true, args }),

  "auth.test": ({ store, baseUrl }) => ({
    ok: true,
    url: `${baseUrl}/`,
    team: "redline sandbox",
    user: store.bot.name,
    team_id: store.bot.teamId,
    user_id: store.bot.userId,
    bot_id: store.bot.botId,
    is_enterprise_install: false,
  }),

  "chat.postMessage": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ thread_ts: z.string().optional() }), args);
    if (!parsed.ok) return channelNotFound();
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const content = parseMessageContent(args, heldFile(ctx));
    if (!content.ok) return content.error;
    const message = ctx.store.addMessage({
      channel,
      author: { kind: "bot" },
      ...content.content,
      blocks: content.content.blocks && withGeneratedIds(content.content.blocks, () => ctx.store.nextId("b")),
      threadTs: parsed.data.thread_ts,
    });
    return { ok: true, channel, ts: message.ts, message: messageJson(ctx.store, message, (f) => fileUrl(ctx, f)) };
  },

  "chat.update": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ ts: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const existing = ctx.store.message(channel, parsed.data.ts);
    if (!existing) return failure("message_not_found");
    if (existing.author.kind !== "bot") return failure("cant_update_message");
    const content = parseMessageContent(args, heldFile(ctx));
    if (!content.ok) return content.error;
    const blocks = content.content.blocks && withGeneratedIds(content.content.blocks, () => ctx.store.nextId("b"));
    const message = ctx.store.replaceMessage(channel, parsed.data.ts, { ...content.content, blocks });
    if (!message) return failure("message_not_found");
    const json = messageJson(ctx.store, message, (f) => fileUrl(ctx, f));
    return { ok: true, channel, ts: message.ts, text: message.text, message: json };
  },

  "chat.postEphemeral": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ user: z.string().min(1), thread_ts: z.string().optional() }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const viewer = parsed.data.user;
    if (!ctx.store.users.has(viewer)) return failure("user_not_found");
    if (!ctx.store.channel(channel)?.members.includes(viewer)) return failure("user_not_in_channel");
    const content = parseMessageContent(args, heldFile(ctx));
    if (!content.ok) return content.error;
    const blocks = content.content.blocks && withGeneratedIds(content.content.blocks, () => ctx.store.nextId("b"));
    const message = ctx.store.addEphemeral({
      channel,
      viewer,
      author: { kind: "bot" },
      ...content.content,
      blocks,
      threadTs: parsed.data.thread_ts,
    });
    return { ok: true, message_ts: message.ts };
  },

  "chat.delete": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ ts: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const existing = ctx.store.message(channel, parsed.data.ts);
    if (!existing) return failure("message_not_found");
    if (existing.author.kind !== "bot") return failure("cant_delete_message");
    ctx.store.deleteMessage(channel, parsed.data.ts);
    return { ok: true, channel, ts: parsed.data.ts };
  },

  "chat.getPermalink": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ message_ts: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    if (!ctx.store.message(channel, parsed.data.message_ts)) return failure("message_not_found");
    return { ok: true, channel, permalink: `${ctx.baseUrl}/#${channel}/${parsed.data.message_ts}` };
  },

  "reactions.add": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ timestamp: z.string().min(1), name: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const message = ctx.store.message(channel, parsed.data.timestamp);
    if (!message) return failure("message_not_found");
    const name = parsed.data.name.replace(/^:|:$/g, "");
    const who = message.reactions?.[name] ?? [];
    if (who.includes(ctx.store.bot.userId)) return failure("already_reacted");
    message.reactions = { ...message.reactions, [name]: [...who, ctx.store.bot.userId] };
    ctx.store.changed();
    return { ok: true };
  },

  "reactions.remove": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ timestamp: z.string().min(1), name: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const channel = ctx.store.resolveChannel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const message = ctx.store.message(channel, parsed.data.timestamp);
    if (!message) return failure("message_not_found");
    const name = parsed.data.name.replace(/^:|:$/g, "");
    const who = message.reactions?.[name] ?? [];
    if (!who.includes(ctx.store.bot.userId)) return failure("no_reaction");
    message.reactions = { ...message.reactions, [name]: who.filter((u) => u !== ctx.store.bot.userId) };
    ctx.store.changed();
    return { ok: true };
  },

  "conversations.join": (ctx, args) => {
    const parsed = parse(ZChannel, args);
    if (!parsed.ok) return channelNotFound();
    const channel = channelJson(ctx.store, parsed.data.channel);
    return channel ? { ok: true, channel } : channelNotFound();
  },

  "conversations.info": (ctx, args) => {
    const parsed = parse(ZChannel, args);
    if (!parsed.ok) return channelNotFound();
    const channel = channelJson(ctx.store, parsed.data.channel);
    return channel ? { ok: true, channel } : channelNotFound();
  },

  "conversations.members": (ctx, args) => {
    const parsed = parse(ZChannel.extend(ZPaging.shape), args);
    if (!parsed.ok) return channelNotFound();
    const channel = ctx.store.channel(parsed.data.channel);
    if (!channel) return channelNotFound();
    const { items, next } = page([...channel.members, ctx.store.bot.userId], parsed.data.cursor, parsed.data.limit);
    return { ok: true, members: items, response_metadata: { next_cursor: next } };
  },

  "conversations.list": (ctx, args) => {
    const parsed = parse(ZPaging.extend({ types: z.string().optional(), exclude_archived: z.unknown().optional() }), args);
    if (!parsed.ok) return parsed.error;
    const types = new Set((parsed.data.types ?? "public_channel").split(",").map((t) => t.trim()));
    const matching = ctx.store
      .channels()
      .filter((c) => (c.isIm ? types.has("im") : c.isPrivate ? types.has("private_channel") : types.has("public_channel")));
    const { items, next } = page(matching, parsed.data.cursor, parsed.data.limit);
    return { ok: true, channels: items.map((c) => channelJson(ctx.store, c.id)), response_metadata: { next_cursor: next } };
  },

  "conversations.open": (ctx, args) => {
    const parsed = parse(z.object({ users: z.string().optional(), channel: z.string().optional() }), args);
    if (!parsed.ok) return parsed.error;
    if (parsed.data.channel) {
      return ctx.store.channel(parsed.data.channel) ? { ok: true, channel: { id: parsed.data.channel } } : channelNotFound();
    }
    const users = (parsed.data.users ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length !== 1) return failure(users.length === 0 ? "users_list_not_supplied" : "not_supported");
    const [user] = users as [string];
    if (!ctx.store.users.has(user)) return failure("user_not_found");
    return { ok: true, channel: { id: ctx.store.imChannelFor(user) } };
  },

  "conversations.history": (ctx, args) => {
    const parsed = parse(ZChannel.extend(ZPaging.shape), args);
    if (!parsed.ok) return channelNotFound();
    if (!ctx.store.channel(parsed.data.channel)) return channelNotFound();
    const top = ctx.store
      .messages(parsed.data.channel)
      .filter((m) => !m.threadTs || m.threadTs === m.ts)
      .reverse();
    const { items, next } = page(top, parsed.data.cursor, parsed.data.limit);
    const messages = items.map((m) => messageJson(ctx.store, m, (f) => fileUrl(ctx, f)));
    return { ok: true, messages, has_more: next !== "", response_metadata: { next_cursor: next } };
  },

  "conversations.replies": (ctx, args) => {
    const parsed = parse(ZChannel.extend({ ts: z.string().min(1) }).extend(ZPaging.shape), args);
    if (!parsed.ok) return parsed.error;
    if (!ctx.store.channel(parsed.data.channel)) return channelNotFound();
    const all = ctx.store.messages(parsed.data.channel);
    const parent = all.find((m) => m.ts === parsed.data.ts);
    if (!parent) return failure("thread_not_found");
    const replies = all.filter((m) => m.threadTs === parent.ts && m.ts !== parent.ts);
    const messages = [parent, ...replies].map((m) => messageJson(ctx.store, m, (f) => fileUrl(ctx, f)));
    return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
  },

  "users.info": (ctx, args) => {
    const parsed = parse(z.object({ user: z.string() }), args);
    if (!parsed.ok) return failure("user_not_found");
    const user = userJson(ctx.store, parsed.data.user, ctx.timeZone);
    return user ? { ok: true, user } : failure("user_not_found");
  },

  "users.list": (ctx, args) => {
    const parsed = parse(ZPaging, args);
    if (!parsed.ok) return parsed.error;
    const ids = [...ctx.store.users.keys(), ctx.store.bot.userId];
    const { items, next } = page(ids, parsed.data.cursor, parsed.data.limit);
    return { ok: true, members: items.map((id) => userJson(ctx.store, id, ctx.timeZone)), response_metadata: { next_cursor: next } };
  },

  "views.open": (ctx, args) => {
    const parsed = parse(ZViewArgs.extend({ trigger_id: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const problems = viewProblems(parsed.data.view, "modal");
    if (problems) return problems;
    const trigger = ctx.store.useTrigger(parsed.data.trigger_id);
    if (trigger === "invalid") return failure("invalid_trigger_id");
    if (trigger === "exchanged") return failure("exchanged_trigger_id");
    const view = storeView(ctx, parsed.data.view, trigger.userId, null);
    ctx.store.setModalStack(trigger.userId, [view]);
    return { ok: true, view: viewJson(ctx.store, view) };
  },

  "views.push": (ctx, args) => {
    const parsed = parse(ZViewArgs.extend({ trigger_id: z.string().min(1) }), args);
    if (!parsed.ok) return parsed.error;
    const problems = viewProblems(parsed.data.view, "modal");
    if (problems) return problems;
    const trigger = ctx.store.useTrigger(parsed.data.trigger_id);
    if (trigger === "invalid") return failure("invalid_trigger_id");
    if (trigger === "exchanged") return failure("exchanged_trigger_id");
    const stack = ctx.store.modalStack(trigger.userId);
    const top = stack.at(-1);
    if (!top) return failure("not_found");
    if (stack.length >= 3) return failure("push_limit_reached");
    const view = storeView(ctx, parsed.data.view, trigger.userId, top);
    ctx.store.setModalStack(trigger.userId, [...stack, view]);
    return { ok: true, view: viewJson(ctx.store, view) };
  },

  "views.update": (ctx, args) => {
    const parsed = parse(
      ZViewArgs.extend({ view_id: z.string().optional(), external_id: z.string().optional(), hash: z.string().optional() }),
      args,
    );
    if (!parsed.ok) return parsed.error;
    const { view_id: viewId, external_id: externalId, hash } = parsed.data;
    if (!viewId && !externalId) return failure("invalid_arguments", ["[ERROR] view_id or external_id is required"]);
    const existing = ctx.store.findView({ viewId, externalId });
    if (!existing) return failure("not_found");
    const problems = viewProblems(parsed.data.view, existing.type);
    if (problems) return problems;
    if (hash !== undefined && hash !== existing.hash) return failure("hash_conflict");
    const updated = storeView(ctx, parsed.data.view, existing.userId, null, existing);
    ctx.store.replaceView(updated);
    return { ok: true, view: viewJson(ctx.store, updated) };
  },

  "views.publish": (ctx, args) => {
    const parsed = parse(ZViewArgs.extend({ user_id: z.string().min(1), hash: z.string().optional() }), args);
    if (!parsed.ok) return parsed.error;
    const { user_id: userId, hash } = parsed.data;
    if (!ctx.store.users.has(userId)) return failure("user_not_found");
    const problems = viewProblems(parsed.data.view, "home");
    if (problems) return problems;
    const existing = ctx.store.home(userId);
    if (hash !== undefined && existing && hash !== existing.hash) return failure("hash_conflict");
    const view = storeView(ctx, parsed.data.view, userId, null, existing);
    ctx.store.setHome(userId, view);
    return { ok: true, view: viewJson(ctx.store, view) };
  },

  "files.getUploadURLExternal": (ctx, args) => {
    const parsed = parse(
      z.object({
        filename: z.string().min(1),
        length: z.coerce.number().int().min(1),
        alt_text: z.string().optional(),
        alt_txt: z.string().optional(),
      }),
      args,
    );
    if (!parsed.ok) return parsed.error;
    const { filename, length } = parsed.data;
    const file = ctx.store.addFile({
      name: filename,
      title: filename,
      length,
      altText: parsed.data.alt_text ?? parsed.data.alt_txt,
      mimetype: mimetypeOf(filename),
    });
    return { ok: true, upload_url: `${ctx.baseUrl}/upload/${file.id}`, file_id: file.id };
  },

  "files.completeUploadExternal": (ctx, args) => {
    const parsed = parse(
      z.object({
        files: z.array(z.object({ id: z.string(), title: z.string().optional() })).min(1),
        channel_id: z.string().optional(),
        channels: z.string().optional(),
        initial_comment: z.string().optional(),
        thread_ts: z.string().optional(),
      }),
      args,
    );
    if (!parsed.ok) return parsed.error;
    const files: StoredFile[] = [];
    for (const entry of parsed.data.files) {
      const file = ctx.store.file(entry.id);
      if (!file || file.data === null) return failure("file_not_found");
      if (entry.title) file.title = entry.title;
      files.push(file);
    }
    const target = parsed.data.channel_id ?? parsed.data.channels;
    let channel: string | undefined;
    if (target) {
      channel = ctx.store.resolveChannel(target);
      if (!channel) return channelNotFound();
    }
    let blocks: Json[] | undefined;
    if (args.blocks !== undefined) {
      const content = parseMessageContent({ blocks: args.blocks, text: "-" });
      if (!content.ok) return content.error;
      blocks = content.content.blocks;
    }
    for (const file of files) file.completed = true;
    if (channel) {
      ctx.store.addMessage({
        channel,
        author: { kind: "bot" },
        text: parsed.data.initial_comment ?? "",
        blocks,
        fileIds: files.map((f) => f.id),
        threadTs: parsed.data.thread_ts,
      });
    } else {
      ctx.store.changed();
    }
    return { ok: true, files: files.map((f) => fileJson(f, fileUrl(ctx, f))) };
  },

  "files.info": (ctx, args) => {
    const parsed = parse(z.object({ file: z.string() }), args);
    if (!parsed.ok) return failure("file_not_found");
    const file = ctx.store.file(parsed.data.file);
    return file?.completed ? { ok: true, file: fileJson(file, fileUrl(ctx, file)) } : failure("file_not_found");
  },
};

export const SUPPORTED_METHODS = Object.keys(handlers);

const MIME: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  webp: "image/webp",
  pdf: "application/pdf",
  csv: "text/csv",
  txt: "text/plain",
  json: "application/json",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function mimetypeOf(filename: string): string {
  return MIME[filename.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

/** Runs one Web API method; the caller has already checked the token. Unknown methods answer `unknown_method`. */
export function callWebApi(ctx: WebApiContext, method: string, args: Json): Json {
  const handler = handlers[method];
  if (!handler) return failure("unknown_method");
  const result = handler(ctx, args);
  if (result.ok === false) ctx.logger.warn({ method, error: result.error, messages: result.errors }, "sandbox web api call refused");
  else ctx.logger.debug({ method }, "sandbox web api call");
  return result;
}
