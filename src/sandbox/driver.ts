/**
 * Acting as a person: each function sends the bot the signed request Slack would send for it, then applies the
 * bot's acknowledgement the way Slack's client does (ack text → ephemeral, `response_action` → modal changes).
 */
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { checkView, formatProblem } from "./block-kit-limits.ts";
import { parseAck, postToBot, type BotEndpoint, type BotReply } from "./bot-client.ts";
import { parseMessageContent } from "./message-content.ts";
import {
  appHomeOpenedEvent,
  appMentionEvent,
  blockActionsPayload,
  eventEnvelope,
  interactiveBody,
  messageActionPayload,
  messageEvent,
  slashCommandBody,
  viewClosedPayload,
  viewSubmissionPayload,
  type ActionContainer,
} from "./payloads.ts";
import { FILE_INPUT_MAX_BYTES, sniffMimetype } from "./person-files.ts";
import { fileJson, messageJson, viewJson, withGeneratedIds } from "./slack-shapes.ts";
import {
  dmChannelId,
  type Json,
  type SandboxStore,
  type SandboxUser,
  type StoredFile,
  type StoredMessage,
  type StoredView,
} from "./store.ts";
import {
  actionJson,
  buildStateValues,
  clientSideErrors,
  fileInputValues,
  findElement,
  type RawValue,
  type RawValues,
} from "./view-state.ts";
import { fileUrl, heldFile } from "./web-api.ts";

export interface DriverContext {
  store: SandboxStore;
  endpoint: BotEndpoint;
  baseUrl: string;
  logger: Logger;
}

/** What came of one request to the bot. */
export interface DriveResult {
  /** The bot answered 200. */
  delivered: boolean;
  status?: number;
  /** The acknowledgement body (JSON when it was JSON). */
  ack?: unknown;
  /** Slack's name for a failed delivery (`dispatch_failed`, `operation_timeout`, `http_401`) or a refused input. */
  failure?: string;
  /** Modal errors now shown (from the bot or from Slack's own client-side checks). */
  errors?: Record<string, string>;
}

export interface ClickTarget {
  userId: string;
  actionId: string;
  blockId?: string;
  /** For selects, date pickers and the like: the chosen value (option value, user id, date). */
  value?: RawValue;
  /** A message (channel + ts; ephemeral ones are looked up for this user) or a view (modal or Home). */
  channel?: string;
  messageTs?: string;
  viewId?: string;
  /** Current values of the view's inputs, for `view.state.values`. */
  values?: RawValues;
}

function inputError(zh: string, en: string): AppError {
  return new AppError(ErrorCode.InputInvalid, { zh, en });
}

export function createDriver(ctx: DriverContext) {
  const { store, logger } = ctx;
  const url = (path: string) => `${ctx.baseUrl}${path}`;

  function person(userId: string): SandboxUser {
    const user = store.users.get(userId);
    if (!user) throw inputError(`没有这个用户：${userId}`, `No such user: ${userId}`);
    return user;
  }

  function visibleChannel(userId: string, channelId: string) {
    // The DM with the bot exists from the person's first message on, as in Slack.
    const channel = store.channel(channelId === dmChannelId(userId) ? store.imChannelFor(userId) : channelId);
    if (!channel || !store.canSee(userId, channelId)) throw inputError(`没有这个频道：${channelId}`, `No such channel: ${channelId}`);
    return channel;
  }

  /** What Slack shows the person when the bot could not be reached or refused the request. */
  function slackbotNotice(userId: string, channel: string, text: string): void {
    store.addEphemeral({ channel, viewer: userId, author: { kind: "slackbot" }, text });
  }

  async function send(body: string, contentType: string, what: string): Promise<BotReply> {
    const reply = await postToBot(ctx.endpoint, body, contentType);
    if (reply.failure) logger.warn({ what, failure: reply.failure, status: reply.status }, "sandbox: bot did not accept the request");
    return reply;
  }

  async function sendEvent(event: Json): Promise<DriveResult> {
    const envelope = eventEnvelope(store.bot, event, store.nextId("Ev"), Math.floor(store.clock.now().getTime() / 1000));
    const reply = await send(JSON.stringify(envelope), "application/json", String(event.type));
    return { delivered: !reply.failure, status: reply.status, ack: parseAck(reply.body), failure: reply.failure };
  }

  /** `/redline …` typed in a channel. */
  async function slashCommand(input: { userId: string; channel: string; text: string; command?: string }): Promise<DriveResult> {
    const user = person(input.userId);
    const channel = visibleChannel(user.id, input.channel);
    const command = input.command ?? `/${store.bot.name}`;
    const responseUrl = url(`/respond/${store.issueResponseUrl({ userId: user.id, channel: channel.id })}`);
    const body = slashCommandBody({
      bot: store.bot,
      user,
      channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
      command,
      text: input.text,
      responseUrl,
      triggerId: store.issueTrigger(user.id),
    });
    const reply = await send(body, "application/x-www-form-urlencoded", command);
    if (reply.failure) {
      slackbotNotice(user.id, channel.id, `${command} 失败：${reply.failure} (${command} failed with the error "${reply.failure}")`);
      return { delivered: false, status: reply.status, failure: reply.failure };
    }
    const ack = parseAck(reply.body);
    if (typeof ack === "string") {
      store.addEphemeral({ channel: channel.id, viewer: user.id, author: { kind: "bot" }, text: ack });
    } else if (typeof ack === "object" && ack !== null && !Array.isArray(ack)) {
      const answer = ack as Json;
      const content = parseMessageContent(answer, heldFile(ctx));
      if (content.ok) {
        const blocks = content.content.blocks && withGeneratedIds(content.content.blocks, () => store.nextId("b"));
        if (answer.response_type === "in_channel")
          store.addMessage({ channel: channel.id, author: { kind: "bot" }, ...content.content, blocks });
        else store.addEphemeral({ channel: channel.id, viewer: user.id, author: { kind: "bot" }, ...content.content, blocks });
      } else if (content.error.error !== "no_text") {
        slackbotNotice(user.id, channel.id, `${command} 的回复无效：${String(content.error.error)} (invalid reply)`);
        return { delivered: true, status: 200, ack, failure: String(content.error.error) };
      }
    }
    return { delivered: true, status: 200, ack };
  }

  /**
   * A message typed in the message box: `/cmd …` runs a slash command; otherwise it is posted as the person, and
   * `@<bot name>` in it becomes a real mention (app_mention). In the DM with the bot the bot gets message.im.
   */
  async function typeMessage(input: { userId: string; channel: string; text: string; fileIds?: string[] }): Promise<DriveResult> {
    const user = person(input.userId);
    const channel = visibleChannel(user.id, input.channel);
    const text = input.text.trim();
    const files = ownFiles(user.id, input.fileIds ?? []);
    if (text === "" && files.length === 0) throw inputError("消息为空。", "The message is empty.");
    if (files.length > 0) {
      // A message with files is a plain post, as in Slack (a slash command cannot carry files).
      const message = store.addMessage({
        channel: channel.id,
        author: { kind: "user", userId: user.id },
        text: slackEscape(text),
        fileIds: files,
      });
      return deliverMessage(user, channel.id, message);
    }
    const slash = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
    if (slash) {
      const command = `/${slash[1]}`;
      if (command !== `/${store.bot.name}`) {
        slackbotNotice(user.id, channel.id, `${command} 不是有效的命令。(${command} is not a valid command.)`);
        return { delivered: false, failure: "unknown_command" };
      }
      return slashCommand({ userId: user.id, channel: channel.id, text: slash[2] ?? "", command });
    }
    const message = store.addMessage({ channel: channel.id, author: { kind: "user", userId: user.id }, text: slackEscape(text) });
    return deliverMessage(user, channel.id, message);
  }

  /** Slack's text for what was typed: &, < and > as entities, `@<bot name>` as a real mention. */
  function slackEscape(text: string): string {
    const mention = new RegExp(`@${store.bot.name}\\b`, "giu");
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(mention, `<@${store.bot.userId}>`);
  }

  /**
   * What the bot hears of a person's message, as its event subscriptions say: the `message` event (file_share with
   * files) where it subscribes to message.im / message.channels / message.groups, and `app_mention` when mentioned.
   */
  async function deliverMessage(user: SandboxUser, channelId: string, message: StoredMessage): Promise<DriveResult> {
    const channel = store.channel(channelId);
    const type = channel?.isIm ? "im" : channel?.isPrivate ? "group" : "channel";
    const files = (message.fileIds ?? []).flatMap((id) => {
      const file = store.file(id);
      return file ? [fileJson(file, fileUrl(ctx, file))] : [];
    });
    let result: DriveResult = { delivered: false };
    const subscription = { im: "message.im", channel: "message.channels", group: "message.groups" }[type];
    if (store.botEvents.has(subscription)) {
      result = await sendEvent(
        messageEvent({ bot: store.bot, user, channel: channelId, channelType: type, text: message.text, ts: message.ts, files }),
      );
    }
    if (type !== "im" && message.text.includes(`<@${store.bot.userId}>`) && store.botEvents.has("app_mention")) {
      result = await sendEvent(appMentionEvent({ bot: store.bot, user, channel: channelId, text: message.text, ts: message.ts }));
    }
    return result;
  }

  /** Files this person uploaded (a file id of someone else's, or none at all, is refused). */
  function ownFiles(userId: string, ids: readonly string[]): string[] {
    for (const id of ids) {
      const file = store.file(id);
      if (!file || file.userId !== userId) throw inputError(`没有这个文件：${id}`, `No such file: ${id}`);
    }
    return [...new Set(ids)];
  }

  /** A person picks a file (a modal's file picker, the message box): stored at once, as Slack stores it before the form is sent. */
  function uploadFile(input: { userId: string; name: string; data: Buffer }): StoredFile {
    const user = person(input.userId);
    const name = input.name.trim();
    if (name === "" || name.length > 255 || /[\\/\u0000-\u001f]/.test(name)) {
      throw inputError("文件名无效。", "The file name is not valid.");
    }
    if (input.data.length === 0) throw inputError(`“${name}”是空文件。`, `“${name}” is empty.`);
    if (input.data.length > FILE_INPUT_MAX_BYTES) {
      const mb = FILE_INPUT_MAX_BYTES / 1024 / 1024;
      throw inputError(`文件超过 Slack 的 ${mb} MB 上限，无法上传。`, `The file is over Slack's ${mb} MB limit and cannot be uploaded.`);
    }
    const file = store.addPersonFile({ userId: user.id, name, mimetype: sniffMimetype(input.data, name), data: input.data });
    logger.info({ user: user.id, file: file.id, size: file.length, mimetype: file.mimetype }, "sandbox: file uploaded");
    return file;
  }

  /** Slack's JSON for a file in a file_input's state, when this person uploaded it. */
  function fileState(userId: string) {
    return (id: string) => {
      const file = store.file(id);
      return file && file.userId === userId ? fileJson(file, fileUrl(ctx, file)) : undefined;
    };
  }

  function viewFor(userId: string, viewId: string): StoredView {
    const view =
      store.topModal(userId)?.id === viewId ? store.topModal(userId) : store.home(userId)?.id === viewId ? store.home(userId) : undefined;
    if (!view) throw inputError(`这个视图已不在屏幕上：${viewId}`, `That view is not on screen any more: ${viewId}`);
    return view;
  }

  /** Clicks a button (or picks a value in a select) in a message, an ephemeral message, a modal or the Home tab. */
  async function click(target: ClickTarget): Promise<DriveResult> {
    const user = person(target.userId);
    const actionTs = store.nextTs();
    const triggerId = store.issueTrigger(user.id);
    if (target.viewId) {
      const view = viewFor(user.id, target.viewId);
      const blocks = (view.view.blocks as unknown[]) ?? [];
      const ref = findElement(blocks, target.actionId, target.blockId);
      if (!ref) throw inputError(`视图里没有这个按钮：${target.actionId}`, `No such element in the view: ${target.actionId}`);
      const container: ActionContainer = { type: "view", view_id: view.id };
      const payload = blockActionsPayload({
        bot: store.bot,
        user,
        container,
        actions: [actionJson(ref, target.value, actionTs)],
        triggerId,
        view: viewJson(store, view, buildStateValues(blocks, target.values ?? {}, fileState(user.id))),
      });
      const reply = await send(interactiveBody(payload), "application/x-www-form-urlencoded", "block_actions");
      return { delivered: !reply.failure, status: reply.status, ack: parseAck(reply.body), failure: reply.failure };
    }
    if (!target.channel || !target.messageTs) throw inputError("缺少消息位置。", "Which message? channel and messageTs are required.");
    const channel = visibleChannel(user.id, target.channel);
    const ephemeral = store.ephemeral(user.id, target.messageTs);
    const message = ephemeral?.channel === channel.id ? ephemeral : store.message(channel.id, target.messageTs);
    if (!message) throw inputError(`没有这条消息：${target.messageTs}`, `No such message: ${target.messageTs}`);
    const ref = findElement(message.blocks ?? [], target.actionId, target.blockId);
    if (!ref) throw inputError(`消息里没有这个按钮：${target.actionId}`, `No such element in the message: ${target.actionId}`);
    const isEphemeral = message === ephemeral;
    const container: ActionContainer = { type: "message", message_ts: message.ts, channel_id: channel.id, is_ephemeral: isEphemeral };
    if (message.threadTs) container.thread_ts = message.threadTs;
    const responseUrl = url(
      `/respond/${store.issueResponseUrl({ userId: user.id, channel: channel.id, sourceTs: message.ts, sourceEphemeral: isEphemeral })}`,
    );
    const payload = blockActionsPayload({
      bot: store.bot,
      user,
      container,
      actions: [actionJson(ref, target.value, actionTs)],
      triggerId,
      responseUrl,
      channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
      message: isEphemeral ? undefined : messageJson(store, message, (f) => fileUrl(ctx, f)),
    });
    const reply = await send(interactiveBody(payload), "application/x-www-form-urlencoded", "block_actions");
    if (reply.failure) slackbotNotice(user.id, channel.id, `操作没有送达 redline：${reply.failure} (The action did not reach the app)`);
    return { delivered: !reply.failure, status: reply.status, ack: parseAck(reply.body), failure: reply.failure };
  }

  function setViewState(view: StoredView, patch: Partial<Pick<StoredView, "errors" | "notice">>): void {
    store.replaceView({ ...view, errors: patch.errors ?? {}, notice: patch.notice });
  }

  /** Submits the person's open modal with the given input values. */
  async function submitView(input: { userId: string; viewId?: string; values: RawValues }): Promise<DriveResult> {
    const user = person(input.userId);
    const view = store.topModal(user.id);
    if (!view || (input.viewId !== undefined && view.id !== input.viewId)) {
      throw inputError("没有打开的对话框。", "There is no open modal to submit.");
    }
    const blocks = (view.view.blocks as unknown[]) ?? [];
    for (const ids of fileInputValues(blocks, input.values)) ownFiles(user.id, ids);
    const local = clientSideErrors(blocks, input.values);
    if (Object.keys(local).length > 0) {
      setViewState(view, { errors: local });
      return { delivered: false, failure: "client_side_validation", errors: local };
    }
    const payload = viewSubmissionPayload({
      bot: store.bot,
      user,
      view: viewJson(store, view, buildStateValues(blocks, input.values, fileState(user.id))),
      triggerId: store.issueTrigger(user.id),
    });
    const reply = await send(interactiveBody(payload), "application/x-www-form-urlencoded", "view_submission");
    if (reply.failure) {
      setViewState(view, { notice: `连接 redline 时出了问题：${reply.failure}。(We had some trouble connecting.)` });
      return { delivered: false, status: reply.status, failure: reply.failure };
    }
    const ack = parseAck(reply.body);
    const answer = typeof ack === "object" && ack !== null && !Array.isArray(ack) ? (ack as Json) : {};
    const stack = store.modalStack(user.id);
    switch (answer.response_action) {
      case "errors": {
        const errors = Object.fromEntries(
          Object.entries(typeof answer.errors === "object" && answer.errors !== null ? (answer.errors as Json) : {}).map(([k, v]) => [
            k,
            String(v),
          ]),
        );
        setViewState(view, { errors });
        return { delivered: true, status: 200, ack, errors };
      }
      case "update":
      case "push": {
        const problems = checkView(answer.view, "modal");
        if (problems.length > 0) {
          setViewState(view, { notice: `redline 返回的对话框无效 (invalid view): ${problems.map(formatProblem).join("; ")}` });
          return { delivered: true, status: 200, ack, failure: "invalid_arguments" };
        }
        const raw = answer.view as Json;
        const fresh: StoredView = {
          id: answer.response_action === "update" ? view.id : store.nextId("V"),
          type: "modal",
          userId: user.id,
          view: { ...raw, blocks: withGeneratedIds(Array.isArray(raw.blocks) ? (raw.blocks as Json[]) : [], () => store.nextId("b")) },
          hash: `${Date.now()}.${store.nextId("h")}`,
          externalId: typeof raw.external_id === "string" ? raw.external_id : undefined,
          rootViewId: view.rootViewId,
          previousViewId: answer.response_action === "update" ? view.previousViewId : view.id,
          errors: {},
        };
        store.setModalStack(user.id, answer.response_action === "update" ? [...stack.slice(0, -1), fresh] : [...stack, fresh]);
        return { delivered: true, status: 200, ack };
      }
      case "clear":
        store.setModalStack(user.id, []);
        return { delivered: true, status: 200, ack };
      default:
        store.setModalStack(user.id, stack.slice(0, -1));
        return { delivered: true, status: 200, ack };
    }
  }

  /**
   * A message shortcut from the message's ⋯ menu: the bot gets `message_action` with the whole message (its files
   * included) and a trigger to open a modal. Ephemeral messages have no such menu in Slack, nor here.
   */
  async function messageShortcut(input: { userId: string; channel: string; messageTs: string; callbackId: string }): Promise<DriveResult> {
    const user = person(input.userId);
    const channel = visibleChannel(user.id, input.channel);
    const shortcut = store.shortcuts.find((s) => s.type === "message" && s.callbackId === input.callbackId);
    if (!shortcut) throw inputError(`没有这个消息快捷方式：${input.callbackId}`, `No such message shortcut: ${input.callbackId}`);
    const message = store.message(channel.id, input.messageTs);
    if (!message) throw inputError(`没有这条消息：${input.messageTs}`, `No such message: ${input.messageTs}`);
    const responseUrl = url(`/respond/${store.issueResponseUrl({ userId: user.id, channel: channel.id })}`);
    const payload = messageActionPayload({
      bot: store.bot,
      user,
      callbackId: shortcut.callbackId,
      channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
      message: messageJson(store, message, (f) => fileUrl(ctx, f)),
      triggerId: store.issueTrigger(user.id),
      responseUrl,
      actionTs: store.nextTs(),
    });
    const reply = await send(interactiveBody(payload), "application/x-www-form-urlencoded", "message_action");
    if (reply.failure)
      slackbotNotice(user.id, channel.id, `“${shortcut.name}”没有送达 redline：${reply.failure} (The shortcut did not reach the app)`);
    return { delivered: !reply.failure, status: reply.status, ack: parseAck(reply.body), failure: reply.failure };
  }

  /** The person closes (cancels) the top modal; the bot hears of it only when the view asked (notify_on_close). */
  async function closeView(input: { userId: string; viewId?: string }): Promise<DriveResult> {
    const user = person(input.userId);
    const view = store.topModal(user.id);
    if (!view || (input.viewId !== undefined && view.id !== input.viewId)) return { delivered: false };
    const stack = store.modalStack(user.id);
    const clearAll = view.view.clear_on_close === true;
    store.setModalStack(user.id, clearAll ? [] : stack.slice(0, -1));
    if (view.view.notify_on_close !== true) return { delivered: false };
    const payload = viewClosedPayload({ bot: store.bot, user, view: viewJson(store, view), isCleared: clearAll });
    const reply = await send(interactiveBody(payload), "application/x-www-form-urlencoded", "view_closed");
    return { delivered: !reply.failure, status: reply.status, failure: reply.failure };
  }

  /** The person opens the bot's Home tab. */
  async function openHome(input: { userId: string }): Promise<DriveResult> {
    const user = person(input.userId);
    const channel = store.imChannelFor(user.id);
    const home = store.home(user.id);
    return sendEvent(
      appHomeOpenedEvent({ bot: store.bot, user, channel, eventTs: store.nextTs(), view: home ? viewJson(store, home) : undefined }),
    );
  }

  return { slashCommand, typeMessage, uploadFile, click, messageShortcut, submitView, closeView, openHome };
}

export type SandboxDriver = ReturnType<typeof createDriver>;
