/** Block Kit to HTML for the sandbox page. Interactive elements carry data attributes the page script acts on. */
import { FILE_INPUT_MAX_FILES } from "../person-files.ts";
import type { Json } from "../store.ts";
import { escapeHtml, renderPlain, renderTextObject, safeHref, type NameLookup } from "./mrkdwn.ts";

export interface BlockRenderContext {
  names: NameLookup;
  /** People and channels for users_select / conversations_select. */
  people: { value: string; label: string }[];
  channels: { value: string; label: string }[];
  /** block_id → error message shown under an input. */
  errors?: Record<string, string>;
  /** Image URLs for slack_file references. */
  fileUrl(fileId: string): string | undefined;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const attr = (v: unknown): string => escapeHtml(str(v));

function plainText(value: unknown): string {
  return isObject(value) ? renderPlain(str(value.text), value.emoji !== false) : "";
}

function optionList(element: Json): { value: string; label: string; group?: string }[] {
  const from = (options: unknown, group?: string) =>
    (Array.isArray(options) ? options : [])
      .filter(isObject)
      .map((o) => ({ value: str(o.value), label: str(isObject(o.text) ? o.text.text : ""), group }));
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((g) => from(g.options, str(isObject(g.label) ? g.label.text : "")))
    : [];
  return [...from(element.options), ...grouped];
}

function initialValues(element: Json): string[] {
  const one = (o: unknown) => (isObject(o) ? str(o.value) : "");
  if (isObject(element.initial_option)) return [one(element.initial_option)];
  if (Array.isArray(element.initial_options)) return element.initial_options.map(one);
  for (const key of ["initial_user", "initial_conversation", "initial_channel"])
    if (typeof element[key] === "string") return [element[key] as string];
  for (const key of ["initial_users", "initial_conversations", "initial_channels"]) {
    if (Array.isArray(element[key])) return (element[key] as unknown[]).map(str);
  }
  return [];
}

function selectControl(
  element: Json,
  items: { value: string; label: string; group?: string }[],
  common: string,
  multiple: boolean,
): string {
  const chosen = new Set(initialValues(element));
  const placeholder = isObject(element.placeholder) ? str(element.placeholder.text) : "请选择 (Select)";
  const option = (i: { value: string; label: string }) =>
    `<option value="${escapeHtml(i.value)}"${chosen.has(i.value) ? " selected" : ""}>${escapeHtml(i.label)}</option>`;
  const groups = new Map<string | undefined, string[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), option(item)]);
  const body = [...groups]
    .map(([group, options]) =>
      group === undefined ? options.join("") : `<optgroup label="${escapeHtml(group)}">${options.join("")}</optgroup>`,
    )
    .join("");
  const empty = multiple ? "" : `<option value=""${chosen.size === 0 ? " selected" : ""}>${escapeHtml(placeholder)}</option>`;
  return `<select ${common}${multiple ? " multiple" : ""}>${empty}${body}</select>`;
}

function choiceControl(element: Json, common: string, kind: "checkbox" | "radio", name: string): string {
  const chosen = new Set(initialValues(element));
  const items = (Array.isArray(element.options) ? element.options : []).filter(isObject).map((o) => {
    const value = str(o.value);
    const description = isObject(o.description) ? `<small>${renderPlain(str(o.description.text))}</small>` : "";
    return `<label class="bk-choice"><input type="${kind}" name="${escapeHtml(name)}" value="${escapeHtml(value)}" data-testid="modal-option"${chosen.has(value) ? " checked" : ""}> ${plainText(o.text)}${description}</label>`;
  });
  return `<div ${common}>${items.join("")}</div>`;
}

/**
 * Slack's file picker: the page uploads each chosen file at once (POST /sandbox/upload) and keeps the stored files'
 * ids in `data-files`, shown as chips; the submission sends those ids. `accept` is only a hint, as Slack's
 * `filetypes` is ("provided for convenience only"): the bot's own checks decide.
 */
function fileControl(element: Json, common: string): string {
  const max = typeof element.max_files === "number" ? element.max_files : FILE_INPUT_MAX_FILES;
  const types = Array.isArray(element.filetypes) ? element.filetypes.filter((t): t is string => typeof t === "string") : [];
  const accept = types.length ? ` accept="${escapeHtml(types.map((t) => `.${t.replace(/^\./, "")}`).join(","))}"` : "";
  const hint = types.length ? `<small class="file-types">${escapeHtml(types.join(" · "))}</small>` : "";
  return (
    `<div ${common} data-files="[]" data-max-files="${max}">` +
    `<label class="file-pick">📎 选择文件 (Choose files)<input type="file" data-testid="file-picker"${max > 1 ? " multiple" : ""}${accept}></label>` +
    `${hint}<small class="file-limit">最多 ${max} 个，每个不超过 10 MB (up to ${max}, 10 MB each)</small>` +
    `<ul class="file-chips" data-testid="file-chips"></ul></div>`
  );
}

/**
 * A form control for an element. `mode: "input"` is collected when a modal is submitted; `"dispatch"` sends a
 * block_actions the moment it changes (selects and pickers in actions blocks and section accessories).
 */
export function renderControl(element: Json, blockId: string, mode: "input" | "dispatch", ctx: BlockRenderContext): string {
  const type = str(element.type);
  const actionId = str(element.action_id);
  const testid = mode === "input" ? "modal-input" : "block-select";
  const common = `class="bk-control bk-${mode}" data-testid="${testid}" data-type="${escapeHtml(type)}" data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(actionId)}"`;
  const placeholder = isObject(element.placeholder) ? ` placeholder="${attr(element.placeholder.text)}"` : "";
  const initial = (key: string) => (typeof element[key] === "string" ? ` value="${attr(element[key])}"` : "");
  switch (type) {
    case "plain_text_input": {
      const max = typeof element.max_length === "number" ? ` maxlength="${element.max_length}"` : "";
      return element.multiline === true
        ? `<textarea ${common}${placeholder}${max} rows="4">${escapeHtml(str(element.initial_value))}</textarea>`
        : `<input type="text" ${common}${placeholder}${max}${initial("initial_value")}>`;
    }
    case "number_input": {
      const step = element.is_decimal_allowed === true ? "any" : "1";
      const min = typeof element.min_value === "string" ? ` min="${attr(element.min_value)}"` : "";
      const max = typeof element.max_value === "string" ? ` max="${attr(element.max_value)}"` : "";
      return `<input type="number" step="${step}" ${common}${placeholder}${min}${max}${initial("initial_value")}>`;
    }
    case "email_text_input":
      return `<input type="email" ${common}${placeholder}${initial("initial_value")}>`;
    case "url_text_input":
      return `<input type="url" ${common}${placeholder}${initial("initial_value")}>`;
    case "datepicker":
      return `<input type="date" ${common}${initial("initial_date")}>`;
    case "timepicker":
      return `<input type="time" ${common}${initial("initial_time")}>`;
    case "datetimepicker":
      return `<input type="datetime-local" ${common}>`;
    case "static_select":
    case "multi_static_select":
    case "overflow":
      return selectControl(element, optionList(element), common, type === "multi_static_select");
    case "users_select":
    case "multi_users_select":
      return selectControl(element, ctx.people, common, type.startsWith("multi_"));
    case "conversations_select":
    case "multi_conversations_select":
    case "channels_select":
    case "multi_channels_select":
      return selectControl(element, ctx.channels, common, type.startsWith("multi_"));
    case "file_input":
      return fileControl(element, common);
    case "checkboxes":
      return choiceControl(element, common, "checkbox", `${blockId}.${actionId}`);
    case "radio_buttons":
      return choiceControl(element, common, "radio", `${blockId}.${actionId}`);
    default:
      return `<span class="bk-unsupported">[未支持的元素 (unsupported element): ${escapeHtml(type)}]</span>`;
  }
}

function renderButton(element: Json, blockId: string): string {
  const style = element.style === "primary" || element.style === "danger" ? ` bk-${element.style}` : "";
  const confirm = isObject(element.confirm) ? ` data-confirm="${escapeHtml(confirmText(element.confirm))}"` : "";
  const url = typeof element.url === "string" && safeHref(element.url) ? ` data-url="${attr(element.url)}"` : "";
  const value = typeof element.value === "string" ? ` data-value="${attr(element.value)}"` : "";
  return `<button type="button" class="bk-button${style}" data-testid="block-button" data-block-id="${escapeHtml(blockId)}" data-action-id="${attr(element.action_id)}"${value}${url}${confirm}>${plainText(element.text)}</button>`;
}

function confirmText(confirm: Json): string {
  const part = (v: unknown) => (isObject(v) ? str(v.text) : "");
  return [part(confirm.title), part(confirm.text)].filter(Boolean).join("\n\n");
}

function renderElement(element: unknown, blockId: string, ctx: BlockRenderContext): string {
  if (!isObject(element)) return "";
  if (element.type === "button") return renderButton(element, blockId);
  if (element.type === "image") return renderImage(element, ctx, "bk-accessory-image");
  return renderControl(element, blockId, "dispatch", ctx);
}

/** Where an image block or element's picture is: its image_url, or the Slack file it names. */
function imageSrc(image: Json, ctx: BlockRenderContext): string {
  const fileId = isObject(image.slack_file) ? str(image.slack_file.id) : "";
  return safeHref(
    str(image.image_url) || (fileId ? (ctx.fileUrl(fileId) ?? "") : "") || (isObject(image.slack_file) ? str(image.slack_file.url) : ""),
  );
}

function renderImage(image: Json, ctx: BlockRenderContext, cls: string): string {
  return `<img class="${cls}" src="${escapeHtml(imageSrc(image, ctx))}" alt="${attr(image.alt_text)}" loading="lazy">`;
}

function renderRichText(block: Json, ctx: BlockRenderContext): string {
  const inline = (el: unknown): string => {
    if (!isObject(el)) return "";
    switch (el.type) {
      case "text": {
        let html = renderPlain(str(el.text));
        const style = isObject(el.style) ? el.style : {};
        if (style.code) html = `<code>${html}</code>`;
        if (style.bold) html = `<strong>${html}</strong>`;
        if (style.italic) html = `<em>${html}</em>`;
        if (style.strike) html = `<s>${html}</s>`;
        return html;
      }
      case "link":
        return `<a href="${escapeHtml(safeHref(str(el.url)))}" target="_blank" rel="noopener noreferrer">${escapeHtml(str(el.text) || str(el.url))}</a>`;
      case "user":
        return `<span class="mention">@${escapeHtml(ctx.names.user(str(el.user_id)) ?? str(el.user_id))}</span>`;
      case "channel":
        return `<span class="mention">#${escapeHtml(ctx.names.channel(str(el.channel_id)) ?? str(el.channel_id))}</span>`;
      case "emoji":
        return renderPlain(`:${str(el.name)}:`);
      default:
        return "";
    }
  };
  const section = (el: unknown): string => {
    if (!isObject(el) || !Array.isArray(el.elements)) return "";
    const content = el.elements.map((child) =>
      isObject(child) && str(child.type).startsWith("rich_text_") ? section(child) : inline(child),
    );
    switch (el.type) {
      case "rich_text_list":
        return `<${el.style === "ordered" ? "ol" : "ul"}>${content.map((c) => `<li>${c}</li>`).join("")}</${el.style === "ordered" ? "ol" : "ul"}>`;
      case "rich_text_quote":
        return `<blockquote>${content.join("")}</blockquote>`;
      case "rich_text_preformatted":
        return `<pre>${content.join("")}</pre>`;
      default:
        return `<div>${content.join("")}</div>`;
    }
  };
  return `<div class="bk-rich-text">${(Array.isArray(block.elements) ? block.elements : []).map(section).join("")}</div>`;
}

export function renderBlock(block: unknown, ctx: BlockRenderContext): string {
  if (!isObject(block)) return "";
  const blockId = str(block.block_id);
  const open = (cls: string) => `<div class="bk-block ${cls}" data-block-id="${escapeHtml(blockId)}">`;
  switch (block.type) {
    case "header":
      return `${open("bk-header")}<h3>${plainText(block.text)}</h3></div>`;
    case "divider":
      return `${open("bk-divider")}<hr></div>`;
    case "section": {
      const text = block.text !== undefined ? `<div class="bk-text">${renderTextObject(block.text, ctx.names)}</div>` : "";
      const fields = Array.isArray(block.fields)
        ? `<div class="bk-fields">${block.fields.map((f) => `<div class="bk-field">${renderTextObject(f, ctx.names)}</div>`).join("")}</div>`
        : "";
      const accessory =
        block.accessory !== undefined ? `<div class="bk-accessory">${renderElement(block.accessory, blockId, ctx)}</div>` : "";
      return `${open("bk-section")}<div class="bk-section-body">${text}${fields}</div>${accessory}</div>`;
    }
    case "context": {
      const elements = (Array.isArray(block.elements) ? block.elements : []).map((e) =>
        isObject(e) && e.type === "image" ? renderImage(e, ctx, "bk-context-image") : `<span>${renderTextObject(e, ctx.names)}</span>`,
      );
      return `${open("bk-context")}${elements.join("")}</div>`;
    }
    case "actions": {
      const elements = (Array.isArray(block.elements) ? block.elements : []).map((e) => renderElement(e, blockId, ctx));
      return `${open("bk-actions")}${elements.join("")}</div>`;
    }
    case "image": {
      // Shown as a thumbnail that opens the full picture, as Slack's client lets one expand an image.
      const title = isObject(block.title) ? `<figcaption>${plainText(block.title)}</figcaption>` : "";
      const link = `<a href="${escapeHtml(imageSrc(block, ctx))}" target="_blank" rel="noopener noreferrer">`;
      return `${open("bk-image")}<figure data-testid="block-image">${link}${renderImage(block, ctx, "bk-image-img thumb")}</a>${title}</figure></div>`;
    }
    case "input": {
      const element = isObject(block.element) ? block.element : {};
      const optional = block.optional === true ? ' <span class="bk-optional">(可选 optional)</span>' : "";
      const hint = isObject(block.hint) ? `<div class="bk-hint">${plainText(block.hint)}</div>` : "";
      const error = ctx.errors?.[blockId];
      const errorHtml = error
        ? `<div class="bk-error" data-testid="modal-error" data-block-id="${escapeHtml(blockId)}">${renderPlain(error)}</div>`
        : "";
      return `${open(`bk-input-block${error ? " has-error" : ""}`)}<label class="bk-label">${plainText(block.label)}${optional}</label>${renderControl(element, blockId, "input", ctx)}${hint}${errorHtml}</div>`;
    }
    case "rich_text":
      return `${open("bk-rich")}${renderRichText(block, ctx)}</div>`;
    case "markdown":
      return `${open("bk-markdown")}<div class="bk-text">${renderPlain(str(block.text))}</div></div>`;
    default:
      return `${open("bk-unsupported")}[未支持的区块 (unsupported block): ${escapeHtml(str(block.type))}]</div>`;
  }
}

export function renderBlocks(blocks: readonly unknown[], ctx: BlockRenderContext): string {
  return blocks.map((b) => renderBlock(b, ctx)).join("");
}
