/**
 * The Block Kit limits Slack enforces, checked the way Slack reports them: a message per problem with a JSON
 * pointer. Only the limits a bot can plausibly hit are here; an unknown block type is rejected like Slack does.
 */
export interface BlockKitProblem {
  pointer: string;
  message: string;
}

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  choiceOptions: 10,
  label: 2000,
  viewTitle: 24,
  privateMetadata: 3000,
  messageText: 40000,
} as const;

type Json = Record<string, unknown>;

const BLOCK_TYPES = new Set([
  "section",
  "header",
  "divider",
  "context",
  "actions",
  "image",
  "input",
  "rich_text",
  "file",
  "video",
  "markdown",
]);
const INPUT_ELEMENTS = new Set([
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
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
  "external_select",
  "checkboxes",
  "radio_buttons",
  "rich_text_input",
  "file_input",
]);
const ACTION_ELEMENTS = new Set([...INPUT_ELEMENTS, "button", "overflow", "workflow_button"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: BlockKitProblem[] = [];

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === "string" && [...value].length > max) this.add(pointer, `must be less than ${max + 1} characters`);
  }

  optionalString(value: unknown, max: number, pointer: string): void {
    if (value === undefined) return;
    if (typeof value !== "string") this.add(pointer, "must be a string");
    else this.maxLength(value, max, pointer);
  }

  /** A text object; `plainOnly` for the places Slack allows only plain_text (headers, labels, buttons). */
  text(value: unknown, max: number, pointer: string, plainOnly = false): void {
    if (!isObject(value)) {
      this.add(pointer, "must be a text object");
      return;
    }
    const allowed = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      this.add(`${pointer}/type`, `must be one of: ${allowed.join(", ")}`);
    }
    if (typeof value.text !== "string") this.add(`${pointer}/text`, "must be a string");
    else if (value.text.length === 0) this.add(`${pointer}/text`, "must be more than 0 characters");
    else this.maxLength(value.text, max, `${pointer}/text`);
  }

  optionalText(value: unknown, max: number, pointer: string, plainOnly = false): void {
    if (value !== undefined) this.text(value, max, pointer, plainOnly);
  }

  array(value: unknown, max: number, pointer: string, min = 1): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(pointer, "must be an array");
      return false;
    }
    if (value.length < min) this.add(pointer, `must provide an array with at least ${min} items`);
    if (value.length > max) this.add(pointer, `must provide an array with no more than ${max} items`);
    return true;
  }

  options(value: unknown, max: number, pointer: string): void {
    if (!this.array(value, max, pointer)) return;
    value.forEach((option, i) => {
      const at = `${pointer}/${i}`;
      if (!isObject(option)) {
        this.add(at, "must be an option object");
        return;
      }
      this.text(option.text, LIMITS.optionText, `${at}/text`);
      if (typeof option.value !== "string") this.add(`${at}/value`, "must be a string");
      else this.maxLength(option.value, LIMITS.optionValue, `${at}/value`);
    });
  }

  element(value: unknown, allowed: Set<string>, pointer: string): void {
    if (!isObject(value)) {
      this.add(pointer, "must be an element object");
      return;
    }
    const type = value.type;
    if (typeof type !== "string" || !allowed.has(type)) {
      this.add(`${pointer}/type`, "must be a valid enum value");
      return;
    }
    this.optionalString(value.action_id, LIMITS.id, `${pointer}/action_id`);
    switch (type) {
      case "button":
        this.text(value.text, LIMITS.buttonText, `${pointer}/text`, true);
        this.optionalString(value.value, LIMITS.buttonValue, `${pointer}/value`);
        this.optionalString(value.url, LIMITS.url, `${pointer}/url`);
        if (value.style !== undefined && value.style !== "primary" && value.style !== "danger") {
          this.add(`${pointer}/style`, "must be one of: primary, danger");
        }
        break;
      case "static_select":
      case "multi_static_select":
        if (value.options !== undefined) this.options(value.options, LIMITS.selectOptions, `${pointer}/options`);
        else if (value.option_groups === undefined) this.add(`${pointer}/options`, "must provide options or option_groups");
        break;
      case "overflow":
        this.options(value.options, 5, `${pointer}/options`);
        break;
      case "checkboxes":
      case "radio_buttons":
        this.options(value.options, LIMITS.choiceOptions, `${pointer}/options`);
        break;
      case "plain_text_input":
        if (typeof value.max_length === "number" && value.max_length > 3000) {
          this.add(`${pointer}/max_length`, "must be less than or equal to 3000");
        }
        break;
      default:
        break;
    }
  }

  block(value: unknown, pointer: string, seenIds: Set<string>): void {
    if (!isObject(value)) {
      this.add(pointer, "must be a block object");
      return;
    }
    if (typeof value.type !== "string" || !BLOCK_TYPES.has(value.type)) {
      this.add(`${pointer}/type`, "must be a valid enum value");
      return;
    }
    if (value.block_id !== undefined) {
      this.optionalString(value.block_id, LIMITS.id, `${pointer}/block_id`);
      if (typeof value.block_id === "string") {
        if (seenIds.has(value.block_id)) this.add(`${pointer}/block_id`, "must be unique (duplicate block_id)");
        seenIds.add(value.block_id);
      }
    }
    switch (value.type) {
      case "section":
        if (value.text === undefined && value.fields === undefined) this.add(pointer, "must provide either text or fields");
        this.optionalText(value.text, LIMITS.sectionText, `${pointer}/text`);
        if (value.fields !== undefined && this.array(value.fields, LIMITS.sectionFields, `${pointer}/fields`)) {
          value.fields.forEach((field, i) => this.text(field, LIMITS.fieldText, `${pointer}/fields/${i}`));
        }
        if (value.accessory !== undefined && isObject(value.accessory) && value.accessory.type !== "image") {
          this.element(value.accessory, ACTION_ELEMENTS, `${pointer}/accessory`);
        }
        break;
      case "header":
        this.text(value.text, LIMITS.headerText, `${pointer}/text`, true);
        break;
      case "context":
        if (this.array(value.elements, LIMITS.contextElements, `${pointer}/elements`)) {
          value.elements.forEach((element, i) => {
            const at = `${pointer}/elements/${i}`;
            if (isObject(element) && element.type === "image") this.optionalString(element.alt_text, LIMITS.label, `${at}/alt_text`);
            else this.text(element, LIMITS.sectionText, at);
          });
        }
        break;
      case "actions":
        if (this.array(value.elements, LIMITS.actionsElements, `${pointer}/elements`)) {
          const actionIds = new Set<string>();
          value.elements.forEach((element, i) => {
            this.element(element, ACTION_ELEMENTS, `${pointer}/elements/${i}`);
            const actionId = isObject(element) ? element.action_id : undefined;
            if (typeof actionId === "string") {
              if (actionIds.has(actionId)) this.add(`${pointer}/elements/${i}/action_id`, "must be unique (duplicate action_id)");
              actionIds.add(actionId);
            }
          });
        }
        break;
      case "image":
        if (value.image_url === undefined && value.slack_file === undefined)
          this.add(`${pointer}/image_url`, "must provide image_url or slack_file");
        this.optionalString(value.image_url, LIMITS.url, `${pointer}/image_url`);
        if (typeof value.alt_text !== "string") this.add(`${pointer}/alt_text`, "must be a string");
        else this.maxLength(value.alt_text, LIMITS.label, `${pointer}/alt_text`);
        this.optionalText(value.title, LIMITS.label, `${pointer}/title`, true);
        break;
      case "input":
        this.text(value.label, LIMITS.label, `${pointer}/label`, true);
        this.optionalText(value.hint, LIMITS.label, `${pointer}/hint`, true);
        this.element(value.element, INPUT_ELEMENTS, `${pointer}/element`);
        break;
      default:
        break;
    }
  }

  blocks(value: unknown, pointer: string, max: number): void {
    if (!Array.isArray(value)) {
      this.add(pointer, "must be an array");
      return;
    }
    if (value.length > max) this.add(pointer, `must provide an array with no more than ${max} items`);
    const seenIds = new Set<string>();
    value.forEach((block, i) => this.block(block, `${pointer}/${i}`, seenIds));
  }
}

/** Problems with a message's `blocks` (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export function checkMessageBlocks(blocks: unknown): BlockKitProblem[] {
  const checker = new Checker();
  checker.blocks(blocks, "/blocks", LIMITS.messageBlocks);
  return checker.problems;
}

/** Problems with a view for views.open/update/push (`modal`) or views.publish (`home`). */
export function checkView(view: unknown, surface: "modal" | "home"): BlockKitProblem[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.add("/view", "must be a view object");
    return checker.problems;
  }
  if (view.type !== surface) checker.add("/view/type", `must be ${surface}`);
  if (surface === "modal") {
    checker.text(view.title, LIMITS.viewTitle, "/view/title", true);
    checker.optionalText(view.submit, LIMITS.viewTitle, "/view/submit", true);
    checker.optionalText(view.close, LIMITS.viewTitle, "/view/close", true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === "input");
    if (hasInput && view.submit === undefined) checker.add("/view/submit", "must provide submit when the view has input blocks");
  }
  checker.optionalString(view.callback_id, LIMITS.id, "/view/callback_id");
  checker.optionalString(view.external_id, LIMITS.id, "/view/external_id");
  checker.optionalString(view.private_metadata, LIMITS.privateMetadata, "/view/private_metadata");
  checker.blocks(view.blocks, "/view/blocks", LIMITS.viewBlocks);
  return checker.problems;
}

/** Slack's wording in `response_metadata.messages`. */
export function formatProblem(problem: BlockKitProblem): string {
  return `[ERROR] ${problem.message} [json-pointer:${problem.pointer}]`;
}
