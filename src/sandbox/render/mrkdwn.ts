/** Slack text formatting to HTML: enough of mrkdwn for what a bot sends (bold, italic, strike, code, links, mentions, quotes). */

export interface NameLookup {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Slack escapes &, < and > in message text; undo that before escaping for HTML. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  ballot_box_with_check: "☑️",
  x: "❌",
  warning: "⚠️",
  fire: "🔥",
  alarm_clock: "⏰",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  stopwatch: "⏱️",
  calendar: "📆",
  date: "📅",
  spiral_calendar_pad: "🗓️",
  memo: "📝",
  pencil: "📝",
  pencil2: "✏️",
  writing_hand: "✍️",
  clipboard: "📋",
  bell: "🔔",
  rotating_light: "🚨",
  red_circle: "🔴",
  large_green_circle: "🟢",
  green_circle: "🟢",
  large_yellow_circle: "🟡",
  yellow_circle: "🟡",
  large_orange_circle: "🟠",
  white_circle: "⚪",
  black_circle: "⚫",
  large_blue_circle: "🔵",
  bar_chart: "📊",
  chart_with_upwards_trend: "📈",
  busts_in_silhouette: "👥",
  bust_in_silhouette: "👤",
  office: "🏢",
  school: "🏫",
  house: "🏠",
  point_right: "👉",
  pushpin: "📌",
  round_pushpin: "📍",
  mega: "📣",
  loudspeaker: "📢",
  information_source: "ℹ️",
  question: "❓",
  exclamation: "❗",
  heavy_exclamation_mark: "❗",
  no_entry: "⛔",
  no_entry_sign: "🚫",
  lock: "🔒",
  key: "🔑",
  tada: "🎉",
  "+1": "👍",
  thumbsup: "👍",
  page_facing_up: "📄",
  file_folder: "📁",
  link: "🔗",
  mag: "🔍",
  wave: "👋",
  arrow_right: "➡️",
  construction: "🚧",
  fire_engine: "🚒",
  fire_extinguisher: "🧯",
  sos: "🆘",
  books: "📚",
  movie_camera: "🎥",
  speech_balloon: "💬",
  robot_face: "🤖",
  eyes: "👀",
  small_blue_diamond: "🔹",
  small_orange_diamond: "🔸",
  heavy_minus_sign: "➖",
  telephone_receiver: "📞",
  hammer_and_wrench: "🛠️",
  scroll: "📜",
  inbox_tray: "📥",
  outbox_tray: "📤",
  email: "📧",
  calling: "📲",
  bookmark_tabs: "📑",
};

export function renderEmoji(escapedText: string): string {
  return escapedText.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** A link target the page may use: http(s), mailto or the sandbox's own paths; anything else (javascript:, data:) is dropped. */
export function safeHref(url: string): string {
  return SAFE_URL.test(url) || /^\/(?!\/)/.test(url) ? url : "";
}

function renderToken(token: string, names: NameLookup): string {
  const [target = "", label] = token.split("|", 2);
  if (target.startsWith("@")) {
    const id = target.slice(1);
    const name = label ?? names.user(id) ?? id;
    return `<span class="mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    const name = label ?? names.channel(id) ?? id;
    return `<span class="mention" data-channel-id="${escapeHtml(id)}">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith("!")) {
    const special = target.slice(1);
    if (["here", "channel", "everyone"].includes(special)) return `<span class="mention">@${special}</span>`;
    return `<span class="mention">${escapeHtml(label ?? special)}</span>`;
  }
  if (SAFE_URL.test(target)) {
    return `<a href="${escapeHtml(target)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label ?? target)}</a>`;
  }
  return escapeHtml(`<${token}>`);
}

/** *bold*, _italic_, ~strike~ — Slack wants no letter or digit right outside the markers (CJK text is fine). */
function applyEmphasis(escaped: string): string {
  const wrap = (marker: string, tag: string, text: string) => {
    const m = marker === "*" ? "\\*" : marker;
    const pattern = new RegExp(`(^|[^A-Za-z0-9${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[^A-Za-z0-9${m}])`, "gm");
    return text.replace(pattern, `$1<${tag}>$2</${tag}>`);
  };
  return wrap("~", "s", wrap("_", "em", wrap("*", "strong", escaped)));
}

function renderInline(text: string, names: NameLookup): string {
  const tokens: string[] = [];
  const withPlaceholders = text.replace(/<([^<>\n]+)>/g, (_whole, token: string) => {
    tokens.push(renderToken(decodeSlackEntities(token), names));
    return `\u0000${tokens.length - 1}\u0000`;
  });
  const formatted = renderEmoji(applyEmphasis(escapeHtml(decodeSlackEntities(withPlaceholders))));
  return formatted.replace(/\u0000(\d+)\u0000/g, (_whole, i: string) => tokens[Number(i)] ?? "");
}

function renderLines(text: string, names: NameLookup): string {
  const parts = text.split(/(`[^`\n]+`)/g);
  const html = parts
    .map((part) =>
      /^`[^`\n]+`$/.test(part) ? `<code>${escapeHtml(decodeSlackEntities(part.slice(1, -1)))}</code>` : renderInline(part, names),
    )
    .join("");
  return html
    .split("\n")
    .map((line) => (line.startsWith("&gt;") ? `<blockquote>${line.replace(/^&gt;\s?/, "")}</blockquote>` : `${line}<br>`))
    .join("")
    .replace(/<br>$/, "");
}

export function renderMrkdwn(text: string, names: NameLookup): string {
  return text
    .split(/(```[\s\S]*?```)/g)
    .map((part) =>
      part.startsWith("```") && part.endsWith("```") && part.length >= 6
        ? `<pre>${escapeHtml(decodeSlackEntities(part.slice(3, -3).replace(/^\n/, "")))}</pre>`
        : renderLines(part, names),
    )
    .join("");
}

/** plain_text objects: escaped, emoji codes shown, newlines kept. */
export function renderPlain(text: string, emoji = true): string {
  const escaped = escapeHtml(text).replace(/\n/g, "<br>");
  return emoji ? renderEmoji(escaped) : escaped;
}

/** A Block Kit text object of either kind. */
export function renderTextObject(value: unknown, names: NameLookup): string {
  if (typeof value !== "object" || value === null) return "";
  const t = value as { type?: unknown; text?: unknown; emoji?: unknown };
  if (typeof t.text !== "string") return "";
  return t.type === "mrkdwn" ? renderMrkdwn(t.text, names) : renderPlain(t.text, t.emoji !== false);
}
