/**
 * What Slack's client does with form elements: collect `view.state.values`, check the rules the client enforces
 * before anything is sent (required inputs, number ranges, lengths), and describe a clicked element as an action.
 */
import { FILE_INPUT_MAX_FILES } from "./person-files.ts";
import type { Json } from "./store.ts";

/** Raw input as the page (or a test) gives it: text, an option value, a user id, or a list of them. */
export type RawValue = string | string[] | null | undefined;
/** block_id → action_id → raw value. */
export type RawValues = Record<string, Record<string, RawValue>>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export interface ElementRef {
  blockId: string;
  actionId: string;
  element: Json;
  /** The input block holding it, when it is an input. */
  input?: Json;
}

/** Every interactive element of a surface with its ids (ids were filled in when the view/message was stored). */
export function elements(blocks: readonly unknown[]): ElementRef[] {
  const refs: ElementRef[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const blockId = str(block.block_id) ?? "";
    const add = (element: unknown, input?: Json) => {
      if (isObject(element) && typeof element.action_id === "string") refs.push({ blockId, actionId: element.action_id, element, input });
    };
    if (block.type === "input") add(block.element, block);
    if (block.type === "actions" && Array.isArray(block.elements)) block.elements.forEach((e) => add(e));
    if (block.type === "section") add(block.accessory);
  }
  return refs;
}

export function findElement(blocks: readonly unknown[], actionId: string, blockId?: string): ElementRef | undefined {
  return elements(blocks).find((ref) => ref.actionId === actionId && (blockId === undefined || ref.blockId === blockId));
}

function allOptions(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : []))
    : [];
  return [...direct, ...grouped].filter(isObject);
}

function optionFor(element: Json, value: string): Json | undefined {
  return allOptions(element).find((o) => o.value === value);
}

const STATEFUL = new Set([
  "plain_text_input",
  "email_text_input",
  "url_text_input",
  "number_input",
  "datepicker",
  "timepicker",
  "datetimepicker",
  "static_select",
  "multi_static_select",
  "users_select",
  "multi_users_select",
  "conversations_select",
  "multi_conversations_select",
  "channels_select",
  "multi_channels_select",
  "checkboxes",
  "radio_buttons",
  "file_input",
]);

/** The value an element starts with (what Slack reports when the person did not touch it). */
export function initialRaw(element: Json): RawValue {
  switch (element.type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return str(element.initial_value) ?? null;
    case "datepicker":
      return str(element.initial_date) ?? null;
    case "timepicker":
      return str(element.initial_time) ?? null;
    case "datetimepicker":
      return typeof element.initial_date_time === "number" ? String(element.initial_date_time) : null;
    case "static_select":
    case "radio_buttons":
      return isObject(element.initial_option) ? (str(element.initial_option.value) ?? null) : null;
    case "multi_static_select":
    case "checkboxes":
      return Array.isArray(element.initial_options)
        ? element.initial_options.flatMap((o) => (isObject(o) && typeof o.value === "string" ? [o.value] : []))
        : [];
    case "users_select":
      return str(element.initial_user) ?? null;
    case "multi_users_select":
      return Array.isArray(element.initial_users) ? element.initial_users.filter((u): u is string => typeof u === "string") : [];
    case "conversations_select":
      return str(element.initial_conversation) ?? null;
    case "channels_select":
      return str(element.initial_channel) ?? null;
    case "multi_conversations_select":
      return Array.isArray(element.initial_conversations)
        ? element.initial_conversations.filter((c): c is string => typeof c === "string")
        : [];
    case "multi_channels_select":
      return Array.isArray(element.initial_channels) ? element.initial_channels.filter((c): c is string => typeof c === "string") : [];
    case "file_input":
      return [];
    default:
      return null;
  }
}

const single = (raw: RawValue): string | null => {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === null || value === "" ? null : value;
};
const many = (raw: RawValue): string[] => (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v) => v !== "");

/** Slack's file object for an uploaded file's id (files the person may not send resolve to nothing). */
export type FileLookup = (fileId: string) => Json | undefined;

/** One element's entry in `state.values`, in Slack's shape for its type. */
export function stateValue(element: Json, raw: RawValue, files: FileLookup = () => undefined): Json {
  const type = element.type;
  const options = (values: string[]) => values.flatMap((v) => optionFor(element, v) ?? []);
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type, value: single(raw) };
    case "datepicker":
      return { type, selected_date: single(raw) };
    case "timepicker":
      return { type, selected_time: single(raw) };
    case "datetimepicker": {
      const value = single(raw);
      return { type, selected_date_time: value === null ? null : Number(value) };
    }
    case "static_select":
    case "radio_buttons": {
      const value = single(raw);
      return { type, selected_option: value === null ? null : (optionFor(element, value) ?? null) };
    }
    case "multi_static_select":
    case "checkboxes":
      return { type, selected_options: options(many(raw)) };
    case "users_select":
      return { type, selected_user: single(raw) };
    case "multi_users_select":
      return { type, selected_users: many(raw) };
    case "conversations_select":
      return { type, selected_conversation: single(raw) };
    case "channels_select":
      return { type, selected_channel: single(raw) };
    case "multi_conversations_select":
      return { type, selected_conversations: many(raw) };
    case "multi_channels_select":
      return { type, selected_channels: many(raw) };
    case "file_input":
      // The files Slack stored when the person picked them, as full file objects.
      return { type, files: many(raw).flatMap((id) => files(id) ?? []) };
    default:
      return { type, value: single(raw) };
  }
}

function rawFor(raw: RawValues, ref: ElementRef): RawValue {
  const given = raw[ref.blockId]?.[ref.actionId];
  return given === undefined ? initialRaw(ref.element) : given;
}

/** `view.state.values` for a surface: every stateful element, untouched ones at their initial value. */
export function buildStateValues(blocks: readonly unknown[], raw: RawValues, files?: FileLookup): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const ref of elements(blocks)) {
    if (typeof ref.element.type !== "string" || !STATEFUL.has(ref.element.type)) continue;
    values[ref.blockId] ??= {};
    values[ref.blockId]![ref.actionId] = stateValue(ref.element, rawFor(raw, ref), files);
  }
  return values;
}

/** The file ids given for each file_input of a surface. */
export function fileInputValues(blocks: readonly unknown[], raw: RawValues): string[][] {
  return elements(blocks)
    .filter((ref) => ref.element.type === "file_input")
    .map((ref) => many(rawFor(raw, ref)));
}

const MESSAGES = {
  required: "请填写此字段。(Please fill out this field.)",
  number: "请输入数字。(Enter a number.)",
  integer: "请输入整数。(Enter a whole number.)",
  min: (n: string) => `不能小于 ${n}。(Must be at least ${n}.)`,
  max: (n: string) => `不能大于 ${n}。(Must be at most ${n}.)`,
  minLength: (n: number) => `至少 ${n} 个字符。(At least ${n} characters.)`,
  maxLength: (n: number) => `最多 ${n} 个字符。(At most ${n} characters.)`,
  maxFiles: (n: number) => `最多上传 ${n} 个文件。(At most ${n} files.)`,
  email: "请输入有效的邮箱地址。(Enter a valid email address.)",
  url: "请输入有效的网址。(Enter a valid URL.)",
};

/** The checks Slack's client makes before it submits a modal: block_id → message. Empty when the form may be sent. */
export function clientSideErrors(blocks: readonly unknown[], raw: RawValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const ref of elements(blocks)) {
    if (!ref.input) continue;
    const value = rawFor(raw, ref);
    const empty = Array.isArray(value) ? value.length === 0 : single(value) === null;
    if (empty) {
      if (ref.input.optional !== true) errors[ref.blockId] = MESSAGES.required;
      continue;
    }
    const text = single(value) ?? "";
    const e = ref.element;
    if (e.type === "file_input") {
      const max = typeof e.max_files === "number" ? e.max_files : FILE_INPUT_MAX_FILES;
      if (many(value).length > max) errors[ref.blockId] = MESSAGES.maxFiles(max);
    }
    if (e.type === "number_input") {
      const n = Number(text);
      if (!Number.isFinite(n)) errors[ref.blockId] = MESSAGES.number;
      else if (e.is_decimal_allowed !== true && !Number.isInteger(n)) errors[ref.blockId] = MESSAGES.integer;
      else if (typeof e.min_value === "string" && n < Number(e.min_value)) errors[ref.blockId] = MESSAGES.min(e.min_value);
      else if (typeof e.max_value === "string" && n > Number(e.max_value)) errors[ref.blockId] = MESSAGES.max(e.max_value);
    }
    if (e.type === "plain_text_input") {
      const length = [...text].length;
      if (typeof e.min_length === "number" && length < e.min_length) errors[ref.blockId] = MESSAGES.minLength(e.min_length);
      if (typeof e.max_length === "number" && length > e.max_length) errors[ref.blockId] = MESSAGES.maxLength(e.max_length);
    }
    if (e.type === "email_text_input" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) errors[ref.blockId] = MESSAGES.email;
    if (e.type === "url_text_input" && !URL.canParse(text)) errors[ref.blockId] = MESSAGES.url;
  }
  return errors;
}

/** The entry in block_actions' `actions` for a clicked or changed element. */
export function actionJson(ref: ElementRef, raw: RawValue, actionTs: string): Json {
  const base: Json = { action_id: ref.actionId, block_id: ref.blockId, action_ts: actionTs };
  const e = ref.element;
  if (e.type === "button") {
    return {
      ...base,
      type: "button",
      text: e.text,
      ...(e.value !== undefined ? { value: e.value } : {}),
      ...(e.style ? { style: e.style } : {}),
    };
  }
  if (e.type === "overflow") {
    const value = single(raw);
    return { ...base, type: "overflow", selected_option: value === null ? null : (optionFor(e, value) ?? null) };
  }
  return { ...base, ...stateValue(e, raw === undefined ? initialRaw(e) : raw) };
}
