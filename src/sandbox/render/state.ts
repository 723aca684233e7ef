/** The page's live regions rendered on the server: channel list, the open channel or Home tab, and the modal. */
import { DateTime } from "luxon";
import { dmChannelId, type Json, type SandboxStore, type StoredMessage, type StoredView } from "../store.ts";
import { hasThumbnail } from "../person-files.ts";
import { renderBlocks, type BlockRenderContext } from "./blocks.ts";
import { escapeHtml, renderMrkdwn, renderPlain, type NameLookup } from "./mrkdwn.ts";

export const HOME = "home";

export interface PageStateQuery {
  userId: string;
  /** A channel id, or "home" for the Home tab. */
  view?: string;
}

export interface PageState {
  version: number;
  userId: string;
  view: string;
  title: string;
  channelsHtml: string;
  mainHtml: string;
  /** Changes whenever the modal's content does; the page keeps typed values while it stays the same view. */
  modal: { key: string; viewId: string; html: string } | null;
}

export interface RenderOptions {
  timeZone: string;
  fileUrl(fileId: string): string | undefined;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function names(store: SandboxStore): NameLookup {
  return {
    user: (id) => (id === store.bot.userId ? store.bot.name : (store.users.get(id)?.realName ?? store.users.get(id)?.name)),
    channel: (id) => store.channel(id)?.name,
  };
}

function blockContext(store: SandboxStore, options: RenderOptions, errors?: Record<string, string>): BlockRenderContext {
  return {
    names: names(store),
    people: [...store.users.values()].map((u) => ({ value: u.id, label: u.realName ?? u.name })),
    channels: store
      .channels()
      .filter((c) => !c.isIm)
      .map((c) => ({ value: c.id, label: `#${c.name}` })),
    errors,
    fileUrl: options.fileUrl,
  };
}

function channelLabel(store: SandboxStore, id: string): string {
  const channel = store.channel(id);
  if (!channel || channel.isIm) return `${store.bot.name} · 私信 (DM)`;
  return `${channel.isPrivate ? "🔒" : "#"} ${channel.name}`;
}

function renderChannels(store: SandboxStore, userId: string, active: string): string {
  const visible = store.channels().filter((c) => !c.isIm && store.canSee(userId, c.id));
  const item = (id: string, label: string) =>
    `<a href="#${escapeHtml(id)}" class="channel-item${id === active ? " active" : ""}" data-testid="channel-item" data-channel-id="${escapeHtml(id)}">${escapeHtml(label)}</a>`;
  const home = `<a href="#${HOME}" class="channel-item${active === HOME ? " active" : ""}" data-testid="home-tab">🏠 ${escapeHtml(store.bot.name)} 主页 (Home)</a>`;
  const dm = dmChannelId(userId);
  return [home, item(dm, channelLabel(store, dm)), ...visible.map((c) => item(c.id, channelLabel(store, c.id)))].join("");
}

function timeOf(ts: string, timeZone: string): string {
  return DateTime.fromSeconds(Number(ts), { zone: timeZone }).toFormat("MM-dd HH:mm");
}

const SAFE_COLOR = /^#[0-9a-f]{3,8}$/i;
const NAMED_COLOR: Record<string, string> = { good: "#2eb67d", warning: "#ecb22e", danger: "#e01e5a" };

function renderAttachments(attachments: Json[], ctx: BlockRenderContext): string {
  return attachments
    .map((a) => {
      const color = typeof a.color === "string" ? (NAMED_COLOR[a.color] ?? (SAFE_COLOR.test(a.color) ? a.color : "#ddd")) : "#ddd";
      const part = (key: string, cls: string) =>
        typeof a[key] === "string" ? `<div class="${cls}">${renderMrkdwn(a[key] as string, ctx.names)}</div>` : "";
      const fields = Array.isArray(a.fields)
        ? `<div class="bk-fields">${a.fields
            .filter(isObject)
            .map(
              (f) =>
                `<div class="bk-field"><strong>${renderPlain(String(f.title ?? ""))}</strong><br>${renderMrkdwn(String(f.value ?? ""), ctx.names)}</div>`,
            )
            .join("")}</div>`
        : "";
      const blocks = Array.isArray(a.blocks) ? renderBlocks(a.blocks, ctx) : "";
      return `<div class="attachment" style="border-left-color:${color}">${part("pretext", "att-pretext")}${part("title", "att-title")}${part("text", "att-text")}${fields}${blocks}</div>`;
    })
    .join("");
}

function renderFiles(store: SandboxStore, fileIds: string[], options: RenderOptions): string {
  return fileIds
    .map((id) => {
      const file = store.file(id);
      const url = options.fileUrl(id);
      if (!file || !url) return "";
      if (hasThumbnail(file.mimetype)) {
        return `<figure class="msg-file"><a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer"><img data-testid="message-image" class="thumb" src="${escapeHtml(url)}" alt="${escapeHtml(file.altText ?? file.title)}" loading="lazy"></a><figcaption>${escapeHtml(file.title)}</figcaption></figure>`;
      }
      return `<a class="msg-file" data-testid="message-file" href="${escapeHtml(url)}" download="${escapeHtml(file.name)}">📄 ${escapeHtml(file.title)}</a>`;
    })
    .join("");
}

function authorOf(store: SandboxStore, message: StoredMessage): { name: string; kind: string; userId: string } {
  switch (message.author.kind) {
    case "bot":
      return { name: store.bot.name, kind: "bot", userId: store.bot.userId };
    case "slackbot":
      return { name: "Slackbot", kind: "slackbot", userId: "USLACKBOT" };
    case "user": {
      const user = store.users.get(message.author.userId);
      return { name: user?.realName ?? user?.name ?? message.author.userId, kind: "user", userId: message.author.userId };
    }
  }
}

/** The ⋯ menu on a message: the app's message shortcuts (Slack lists them under "More actions"). */
function messageMenu(store: SandboxStore): string {
  const shortcuts = store.shortcuts.filter((s) => s.type === "message");
  if (shortcuts.length === 0) return "";
  const items = shortcuts
    .map(
      (s) =>
        `<button type="button" class="msg-menu-item" data-testid="message-shortcut" data-callback-id="${escapeHtml(s.callbackId)}"` +
        `${s.description ? ` title="${escapeHtml(s.description)}"` : ""}>${escapeHtml(s.name)} <small>${escapeHtml(store.bot.name)}</small></button>`,
    )
    .join("");
  return `<details class="msg-menu"><summary data-testid="message-actions" title="更多操作 (More actions)">⋯</summary><div class="msg-menu-list">${items}</div></details>`;
}

function renderMessage(store: SandboxStore, message: StoredMessage, ephemeral: boolean, replies: string, options: RenderOptions): string {
  const ctx = blockContext(store, options);
  const author = authorOf(store, message);
  const tags = [
    author.kind === "bot" ? '<span class="tag">应用 (APP)</span>' : "",
    message.edited ? '<span class="tag">已编辑 (edited)</span>' : "",
    ephemeral ? '<span class="tag tag-private" data-testid="ephemeral-tag">仅你可见 (Only visible to you)</span>' : "",
  ].join("");
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, ctx)
    : `<div class="msg-text">${renderMrkdwn(message.text, ctx.names)}</div>`;
  const extras = `${message.attachments ? renderAttachments(message.attachments, ctx) : ""}${message.fileIds ? renderFiles(store, message.fileIds, options) : ""}`;
  const reactions = Object.entries(message.reactions ?? {}).filter(([, users]) => users.length > 0);
  const reactionsHtml = reactions.length
    ? `<div class="reactions">${reactions.map(([name, users]) => `<span class="reaction" data-testid="reaction" data-name="${escapeHtml(name)}">${renderPlain(`:${name}:`)} ${users.length}</span>`).join("")}</div>`
    : "";
  const thread = replies ? `<div class="thread" data-testid="thread">${replies}</div>` : "";
  const menu = ephemeral ? "" : messageMenu(store);
  return (
    `<article class="msg msg-${author.kind}${ephemeral ? " msg-ephemeral" : ""}" data-testid="message" data-ts="${escapeHtml(message.ts)}" ` +
    `data-channel="${escapeHtml(message.channel)}" data-ephemeral="${ephemeral}" data-author="${author.kind}" data-user-id="${escapeHtml(author.userId)}">` +
    `<div class="msg-meta"><span class="msg-author">${escapeHtml(author.name)}</span>${tags}<time>${timeOf(message.ts, options.timeZone)}</time>${menu}</div>` +
    `<div class="msg-body">${body}${extras}</div>${reactionsHtml}${thread}</article>`
  );
}

/** One channel as a person sees it: everyone's messages and only their own ephemerals, threads under their parent. */
export function renderChannel(store: SandboxStore, userId: string, channelId: string, options: RenderOptions): string {
  const entries = [
    ...store.messages(channelId).map((m) => ({ m, ephemeral: false })),
    ...store.ephemerals(userId, channelId).map((m) => ({ m, ephemeral: true })),
  ].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  const parents = new Set(entries.filter((e) => !e.m.threadTs || e.m.threadTs === e.m.ts).map((e) => e.m.ts));
  const isReply = (m: StoredMessage) => m.threadTs !== undefined && m.threadTs !== m.ts && parents.has(m.threadTs);
  const html = entries
    .filter((e) => !isReply(e.m))
    .map((e) => {
      const replies = entries
        .filter((r) => isReply(r.m) && r.m.threadTs === e.m.ts)
        .map((r) => renderMessage(store, r.m, r.ephemeral, "", options))
        .join("");
      return renderMessage(store, e.m, e.ephemeral, replies, options);
    })
    .join("");
  return html || '<p class="empty">还没有消息。(No messages yet.)</p>';
}

export function renderHome(store: SandboxStore, userId: string, options: RenderOptions): string {
  const home = store.home(userId);
  if (!home)
    return `<p class="empty" data-testid="home-empty">${escapeHtml(store.bot.name)} 还没有发布主页。(No Home view published yet.)</p>`;
  const blocks = Array.isArray(home.view.blocks) ? home.view.blocks : [];
  return `<section class="home-view" data-testid="home-view" data-view-id="${escapeHtml(home.id)}">${renderBlocks(blocks, blockContext(store, options, home.errors))}</section>`;
}

export function renderModal(store: SandboxStore, view: StoredView, depth: number, options: RenderOptions): string {
  const v = view.view;
  const text = (value: unknown, fallback: string) =>
    isObject(value) && typeof value.text === "string" ? renderPlain(value.text) : fallback;
  const blocks = Array.isArray(v.blocks) ? v.blocks : [];
  const notice = view.notice ? `<div class="modal-notice" data-testid="modal-notice">${renderPlain(view.notice)}</div>` : "";
  const submit = isObject(v.submit)
    ? `<button type="submit" class="bk-button bk-primary" data-testid="modal-submit">${text(v.submit, "提交")}</button>`
    : "";
  return (
    `<div class="modal-backdrop"><form class="modal" data-testid="modal" data-view-id="${escapeHtml(view.id)}" data-callback-id="${escapeHtml(String(v.callback_id ?? ""))}" data-depth="${depth}" novalidate>` +
    `<header><h2 data-testid="modal-title">${text(v.title, "")}</h2></header>${notice}` +
    `<div class="modal-body">${renderBlocks(blocks, blockContext(store, options, view.errors))}</div>` +
    `<footer><button type="button" class="bk-button" data-testid="modal-close">${text(v.close, "取消 (Cancel)")}</button>${submit}</footer>` +
    `</form></div>`
  );
}

export function renderPageState(store: SandboxStore, query: PageStateQuery, options: RenderOptions): PageState {
  const { userId } = query;
  const view =
    query.view && (query.view === HOME || query.view === dmChannelId(userId) || store.canSee(userId, query.view)) ? query.view : HOME;
  const top = store.topModal(userId);
  const title = view === HOME ? `${store.bot.name} 主页 (Home)` : channelLabel(store, view);
  const mainHtml = view === HOME ? renderHome(store, userId, options) : renderChannel(store, userId, view, options);
  return {
    version: store.version,
    userId,
    view,
    title,
    channelsHtml: renderChannels(store, userId, view),
    mainHtml,
    modal: top
      ? {
          key: `${top.id}:${top.hash}:${JSON.stringify(top.errors)}:${top.notice ?? ""}`,
          viewId: top.id,
          html: renderModal(store, top, store.modalStack(userId).length, options),
        }
      : null,
  };
}
