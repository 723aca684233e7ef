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
export function parseMessageContent(args: Json): ContentResult {
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
  }
  return { ok: true, content: { text: text ?? "", blocks: hasBlocks ? blocks : undefined, attachments } };
}
