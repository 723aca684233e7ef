import { failure, parseMessageContent } from "./message-content.ts";
import { heldFile } from "./web-api.ts";
import { withGeneratedIds } from "./slack-shapes.ts";
import type { Json, SandboxStore } from "./store.ts";

/** Slack accepts up to five posts to one response_url. */
export const RESPONSE_URL_USES = 5;

export interface ResponseUrlOutcome {
  status: number;
  body: Json;
}

/**
 * A post to a response_url (Bolt's `respond()`): ephemeral to the person by default, `in_channel` for everyone,
 * `replace_original` / `delete_original` acting on the message the interaction came from.
 */
export function handleResponseUrl(store: SandboxStore, id: string, body: Json): ResponseUrlOutcome {
  const target = store.responseTarget(id);
  if (!target) return { status: 404, body: failure("invalid_url") };
  if (target.uses >= RESPONSE_URL_USES) return { status: 404, body: failure("used_url") };
  target.uses += 1;

  if (body.delete_original === true || body.delete_original === "true") {
    if (!target.sourceTs) return { status: 404, body: failure("message_not_found") };
    const deleted = target.sourceEphemeral
      ? store.deleteEphemeral(target.userId, target.sourceTs)
      : store.message(target.channel, target.sourceTs)?.author.kind === "bot" && store.deleteMessage(target.channel, target.sourceTs);
    return deleted ? { status: 200, body: { ok: true } } : { status: 404, body: failure("message_not_found") };
  }

  const content = parseMessageContent(body, heldFile({ store }));
  if (!content.ok) return { status: 400, body: content.error };
  const blocks = content.content.blocks && withGeneratedIds(content.content.blocks, () => store.nextId("b"));
  const next = { ...content.content, blocks };
  const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;

  if ((body.replace_original === true || body.replace_original === "true") && target.sourceTs) {
    const replaced = target.sourceEphemeral
      ? store.replaceEphemeral(target.userId, target.sourceTs, next)
      : store.message(target.channel, target.sourceTs)?.author.kind === "bot" &&
        Boolean(store.replaceMessage(target.channel, target.sourceTs, next));
    return replaced ? { status: 200, body: { ok: true } } : { status: 404, body: failure("message_not_found") };
  }
  if (body.response_type === "in_channel") {
    store.addMessage({ channel: target.channel, author: { kind: "bot" }, ...next, threadTs });
  } else {
    store.addEphemeral({ channel: target.channel, viewer: target.userId, author: { kind: "bot" }, ...next, threadTs });
  }
  return { status: 200, body: { ok: true } };
}
