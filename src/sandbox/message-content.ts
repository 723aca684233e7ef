import { checkMessageBlocks, formatProblem, LIMITS } from "./block-kit-limits.ts";
import type { Json } from "./store.ts";

export type MessageContent = { text: string; blocks?: Json[]; attachments?: Json[] };

export type ContentResult = { ok: true; content: MessageContent } | { ok: false; error: Json };

export function failure(error: string, messages?: string[]): Json {
  return messages && messages.length > 0 ? { ok: false, error, errors: messages, response_metadata: { messages } } : { ok: false, error };
}

const isObjectArray = (value: unknown): value is Json[] =>
  Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item));

/**
 * The text/blocks/attachments of a message as Slack accepts them, or Slack's error: `no_text`, `msg_too_long`,
 * `invalid_blocks_format` (not an array of objects) or `invalid_blocks` (a Block Kit limit, with the pointer).
 */
/**
 * Image blocks and elements naming a Slack file (`slack_file.id`) that the workspace does not hold: Slack refuses
 * the whole message for one of them, so a bot citing a file it cannot see fails here as it would there.
 */
function unknownSlackFiles(blocks: Json[], hasFile: (id: string) => boolean): string[] {
  const problems: string[] = [];
  const check = (image: unknown, pointer: string) => {
    if (typeof image !== "object" || image === null) return;
    const ref = (image as Json).slack_file;
    if (typeof ref !== "object" || ref === null) return;
    const id = (ref as Json).id;
    if (typeof id === "string" && !hasFile(id)) problems.push(`[ERROR] invalid slack file: ${id} [json-pointer:${pointer}/slack_file]`);
  };
  blocks.forEach((block, i) => {
    if (block.type === "image") check(block, `/blocks/${i}`);
    if (block.type === "section") check(block.accessory, `/blocks/${i}/accessory`);
    if (block.type === "context" && Array.isArray(block.elements)) block.elements.forEach((e, j) => check(e, `/blocks/${i}/elements/${j}`));
  });
  return problems;
}

export function parseMessageContent(args: Json, hasFile?: (fileId: string) => boolean): ContentResult {
  const { text, blocks, attachments } = args;
  if (text !== undefined && typeof text !== "string")
    return { ok: false, error: failure("invalid_arguments", ["[ERROR] text must be a string"]) };
  if (blocks !== undefined && !isObjectArray(blocks)) return { ok: false, error: failure("invalid_blocks_format") };
  if (attachments !== undefined && !isObjectArray(attachments)) return { ok: false, error: failure("invalid_attachments") };
  const hasBlocks = blocks !== undefined && blocks.length > 0;
  if (!text && !hasBlocks && !(attachments && attachments.length > 0)) return { ok: false, error: failure("no_text") };
  if (typeof text === "string" && text.length > LIMITS.messageText) return { ok: false, error: failure("msg_too_long") };
  if (blocks !== undefined) {
    const problems = checkMessageBlocks(blocks);
    if (problems.length > 0) return { ok: false, error: failure("invalid_blocks", problems.map(formatProblem)) };
    const missing = hasFile ? unknownSlackFiles(blocks, hasFile) : [];
    if (missing.length > 0) return { ok: false, error: failure("invalid_blocks", missing) };
  }
  return { ok: true, content: { text: text ?? "", blocks: hasBlocks ? blocks : undefined, attachments } };
}
