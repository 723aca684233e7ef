import { EventEmitter } from "node:events";
import type { SandboxClock } from "./clock.ts";

export type Json = Record<string, unknown>;

export interface SandboxUser {
  id: string;
  /** Slack handle, e.g. "liu.wei". */
  name: string;
  realName?: string;
  title?: string;
}

export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Members by user id; every configured user when omitted. The bot is always a member. */
  members?: string[];
  topic?: string;
}

/** Who the bot is in the sandbox workspace (what auth.test answers). */
export interface SandboxBot {
  userId: string;
  botId: string;
  appId: string;
  teamId: string;
  teamDomain: string;
  /** The handle people type after @ and the slash command's name. */
  name: string;
}

/** The events the bot hears when the sandbox is not told its subscriptions: mentions, its DMs and Home. */
export const DEFAULT_BOT_EVENTS = ["app_mention", "app_home_opened", "message.im"] as const;

/** One of the app's shortcuts, as its manifest declares it (`features.shortcuts`). */
export interface SandboxShortcut {
  callbackId: string;
  name: string;
  /** "message": on each message's ⋯ menu (message_action); "global": from the composer (shortcut). */
  type: "message" | "global";
  description?: string;
}

export type Author = { kind: "user"; userId: string } | { kind: "bot" } | { kind: "slackbot" };

export interface StoredMessage {
  ts: string;
  channel: string;
  author: Author;
  text: string;
  blocks?: Json[];
  attachments?: Json[];
  fileIds?: string[];
  threadTs?: string;
  edited?: boolean;
  /** Reaction name → user ids who reacted (the bot's user id for the bot). */
  reactions?: Record<string, string[]>;
}

export interface StoredEphemeral extends StoredMessage {
  /** The only person who sees it. */
  viewer: string;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  length: number;
  altText?: string;
  mimetype: string;
  /** Null until the bytes arrive at the upload URL. */
  data: Buffer | null;
  /** The person who uploaded it (a file picker or the message box); absent for the bot's own uploads. */
  userId?: string;
  completed: boolean;
  created: number;
}

export interface StoredView {
  id: string;
  type: "modal" | "home";
  userId: string;
  view: Json;
  hash: string;
  externalId?: string;
  rootViewId: string;
  previousViewId: string | null;
  /** block_id → message from the bot's `response_action: "errors"`. */
  errors: Record<string, string>;
  /** A problem the person should see on the modal (the bot did not answer, a required field is empty). */
  notice?: string;
}

/** Where a response_url leads: the person and channel it was handed out for, and the message it may replace. */
export interface ResponseTarget {
  userId: string;
  channel: string;
  sourceTs?: string;
  sourceEphemeral?: boolean;
  uses: number;
}

/** The id of the bot's direct-message channel with a person. */
export function dmChannelId(userId: string): string {
  return `D${userId.replace(/^U/, "")}`;
}

/** All sandbox state, in memory; every change bumps `version` and emits "change". */
export class SandboxStore {
  readonly bot: SandboxBot;
  readonly users: ReadonlyMap<string, SandboxUser>;
  readonly clock: SandboxClock;
  readonly shortcuts: readonly SandboxShortcut[];
  /** The app's event subscriptions (`settings.event_subscriptions.bot_events`): which events the bot is sent. */
  readonly botEvents: ReadonlySet<string>;
  private readonly channelMap = new Map<string, SandboxChannel & { members: string[]; isIm: boolean; imUser?: string }>();
  private readonly messageList: StoredMessage[] = [];
  private readonly ephemeralList: StoredEphemeral[] = [];
  private readonly fileMap = new Map<string, StoredFile>();
  private readonly modalStacks = new Map<string, StoredView[]>();
  private readonly homeViews = new Map<string, StoredView>();
  private readonly triggers = new Map<string, { userId: string; used: boolean }>();
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly events = new EventEmitter();
  private lastTsMicros = 0;
  private counter = 0;
  version = 0;

  constructor(options: {
    bot: SandboxBot;
    users: SandboxUser[];
    channels: SandboxChannel[];
    clock: SandboxClock;
    shortcuts?: SandboxShortcut[];
    botEvents?: readonly string[];
  }) {
    this.bot = options.bot;
    this.clock = options.clock;
    this.shortcuts = options.shortcuts ?? [];
    this.botEvents = new Set(options.botEvents ?? DEFAULT_BOT_EVENTS);
    this.users = new Map(options.users.map((u) => [u.id, u]));
    const everyone = options.users.map((u) => u.id);
    for (const channel of options.channels) {
      this.channelMap.set(channel.id, { ...channel, members: channel.members ?? everyone, isIm: false });
    }
    this.events.setMaxListeners(100);
  }

  // --- ids and change tracking

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).toUpperCase().padStart(6, "0")}`;
  }

  /** Slack timestamps from the simulated clock, strictly increasing even when the clock is set backwards. */
  nextTs(): string {
    const micros = Math.max(this.clock.now().getTime() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  changed(): void {
    this.version += 1;
    this.events.emit("change");
  }

  onChange(listener: () => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  // --- channels

  channel(id: string) {
    return this.channelMap.get(id);
  }

  channels() {
    return [...this.channelMap.values()];
  }

  /** The bot's direct-message channel with a person (created on first use, like conversations.open). */
  imChannelFor(userId: string): string {
    const id = dmChannelId(userId);
    if (!this.channelMap.has(id)) {
      this.channelMap.set(id, { id, name: `dm-${userId}`, members: [userId], isIm: true, imUser: userId, isPrivate: true });
      this.changed();
    }
    return id;
  }

  /** A channel id, or a user id standing for the DM with that user (chat.postMessage accepts both). */
  resolveChannel(idOrUser: string): string | undefined {
    if (this.channelMap.has(idOrUser)) return idOrUser;
    if (this.users.has(idOrUser)) return this.imChannelFor(idOrUser);
    return undefined;
  }

  canSee(userId: string, channelId: string): boolean {
    const channel = this.channelMap.get(channelId);
    if (!channel) return false;
    return !channel.isPrivate || channel.members.includes(userId);
  }

  // --- messages

  addMessage(message: Omit<StoredMessage, "ts">): StoredMessage {
    const stored = { ...message, ts: this.nextTs() };
    this.messageList.push(stored);
    this.changed();
    return stored;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messageList.find((m) => m.channel === channel && m.ts === ts);
  }

  replaceMessage(channel: string, ts: string, patch: Pick<StoredMessage, "text" | "blocks" | "attachments">): StoredMessage | undefined {
    const message = this.message(channel, ts);
    if (!message) return undefined;
    message.text = patch.text;
    message.blocks = patch.blocks;
    message.attachments = patch.attachments;
    message.edited = true;
    this.changed();
    return message;
  }

  deleteMessage(channel: string, ts: string): boolean {
    const index = this.messageList.findIndex((m) => m.channel === channel && m.ts === ts);
    if (index < 0) return false;
    this.messageList.splice(index, 1);
    this.changed();
    return true;
  }

  /** Channel messages oldest first, thread replies included (they carry threadTs). */
  messages(channel: string): StoredMessage[] {
    return this.messageList.filter((m) => m.channel === channel);
  }

  addEphemeral(message: Omit<StoredEphemeral, "ts">): StoredEphemeral {
    const stored = { ...message, ts: this.nextTs() };
    this.ephemeralList.push(stored);
    this.changed();
    return stored;
  }

  ephemeral(viewer: string, ts: string): StoredEphemeral | undefined {
    return this.ephemeralList.find((m) => m.viewer === viewer && m.ts === ts);
  }

  replaceEphemeral(viewer: string, ts: string, patch: Pick<StoredMessage, "text" | "blocks" | "attachments">): boolean {
    const message = this.ephemeral(viewer, ts);
    if (!message) return false;
    Object.assign(message, patch, { edited: true });
    this.changed();
    return true;
  }

  deleteEphemeral(viewer: string, ts: string): boolean {
    const index = this.ephemeralList.findIndex((m) => m.viewer === viewer && m.ts === ts);
    if (index < 0) return false;
    this.ephemeralList.splice(index, 1);
    this.changed();
    return true;
  }

  /** What one person sees privately, in a channel or everywhere. */
  ephemerals(viewer: string, channel?: string): StoredEphemeral[] {
    return this.ephemeralList.filter((m) => m.viewer === viewer && (channel === undefined || m.channel === channel));
  }

  // --- files

  addFile(file: Omit<StoredFile, "id" | "data" | "completed" | "created">): StoredFile {
    const stored: StoredFile = {
      ...file,
      id: this.nextId("F"),
      data: null,
      completed: false,
      created: Math.floor(this.clock.now().getTime() / 1000),
    };
    this.fileMap.set(stored.id, stored);
    return stored;
  }

  /** A file a person uploads from the page (a modal's file picker, the message box): stored whole at once. */
  addPersonFile(file: { userId: string; name: string; mimetype: string; data: Buffer }): StoredFile {
    const stored: StoredFile = {
      id: this.nextId("F"),
      name: file.name,
      title: file.name,
      length: file.data.length,
      mimetype: file.mimetype,
      data: file.data,
      completed: true,
      created: Math.floor(this.clock.now().getTime() / 1000),
      userId: file.userId,
    };
    this.fileMap.set(stored.id, stored);
    this.changed();
    return stored;
  }

  file(id: string): StoredFile | undefined {
    return this.fileMap.get(id);
  }

  files(): StoredFile[] {
    return [...this.fileMap.values()];
  }

  // --- triggers and response URLs

  issueTrigger(userId: string): string {
    const id = `${this.nextId("").replace(/^0+/, "")}.${this.bot.teamId}.${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { userId, used: false });
    return id;
  }

  /** The person a trigger belongs to, consuming it; Slack allows one view per trigger. */
  useTrigger(id: string): { userId: string } | "invalid" | "exchanged" {
    const trigger = this.triggers.get(id);
    if (!trigger) return "invalid";
    if (trigger.used) return "exchanged";
    trigger.used = true;
    return { userId: trigger.userId };
  }

  issueResponseUrl(target: Omit<ResponseTarget, "uses">): string {
    const id = this.nextId("R").toLowerCase();
    this.responseTargets.set(id, { ...target, uses: 0 });
    return id;
  }

  responseTarget(id: string): ResponseTarget | undefined {
    return this.responseTargets.get(id);
  }

  // --- views

  modalStack(userId: string): StoredView[] {
    return this.modalStacks.get(userId) ?? [];
  }

  /** The modal the person is looking at, if any. */
  topModal(userId: string): StoredView | undefined {
    return this.modalStack(userId).at(-1);
  }

  setModalStack(userId: string, stack: StoredView[]): void {
    if (stack.length === 0) this.modalStacks.delete(userId);
    else this.modalStacks.set(userId, stack);
    this.changed();
  }

  home(userId: string): StoredView | undefined {
    return this.homeViews.get(userId);
  }

  setHome(userId: string, view: StoredView): void {
    this.homeViews.set(userId, view);
    this.changed();
  }

  /** Finds a modal or Home view by view_id or external_id. */
  findView(by: { viewId?: string; externalId?: string }): StoredView | undefined {
    const all = [...[...this.modalStacks.values()].flat(), ...this.homeViews.values()];
    return all.find(
      (v) => (by.viewId !== undefined && v.id === by.viewId) || (by.externalId !== undefined && v.externalId === by.externalId),
    );
  }

  /** Replaces a stored view wherever it sits (modal stack or Home). */
  replaceView(updated: StoredView): void {
    for (const [userId, stack] of this.modalStacks) {
      const index = stack.findIndex((v) => v.id === updated.id);
      if (index >= 0) {
        stack[index] = updated;
        this.modalStacks.set(userId, stack);
      }
    }
    if (this.homeViews.get(updated.userId)?.id === updated.id) this.homeViews.set(updated.userId, updated);
    this.changed();
  }
}
