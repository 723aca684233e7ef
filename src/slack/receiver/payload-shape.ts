import { z } from "zod";
import { hasUnstorableText } from "../../lib/storable-text.ts";

/**
 * The least every Slack payload must carry before Bolt and redline's listeners read it: who, which surface, which
 * ids. Bolt reads `user.id`, `view` and `event` without checking (a block_actions without a user was a 500), so a
 * payload short of this is refused at the door with a 400 and a short reason, and reaches no listener.
 */

const Id = z.string().min(1).max(255);
const User = z.looseObject({ id: Id });
/** `team` is null for org-wide installs; Bolt then reads `user.team_id`. */
const Team = z.looseObject({ id: Id }).nullish();
const Channel = z.looseObject({ id: Id });
const Url = z.string().max(2000);
const StateValues = z.record(z.string(), z.record(z.string(), z.looseObject({})));

const View = z.looseObject({
  id: Id,
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3000).optional(),
  state: z.looseObject({ values: StateValues }).optional(),
});

const BlockActions = z.looseObject({
  type: z.literal("block_actions"),
  user: User,
  team: Team,
  trigger_id: z.string().min(1).max(255),
  actions: z
    .array(
      z.looseObject({
        action_id: Id,
        block_id: z.string().max(255).optional(),
        type: z.string().min(1).max(64),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(25),
  channel: Channel.optional(),
  container: z.looseObject({ type: z.string() }).optional(),
  message: z.looseObject({ ts: z.string().min(1).max(64) }).optional(),
  view: z.looseObject({ id: Id }).optional(),
  response_url: Url.optional(),
});

const ViewSubmission = z.looseObject({
  type: z.literal("view_submission"),
  user: User,
  team: Team,
  view: View.extend({ state: z.looseObject({ values: StateValues }) }),
});

const ViewClosed = z.looseObject({ type: z.literal("view_closed"), user: User, team: Team, view: View });

const Shortcut = z.looseObject({
  type: z.literal("shortcut"),
  user: User,
  team: Team,
  callback_id: z.string().min(1).max(255),
  trigger_id: z.string().min(1).max(255),
});

const MessageShortcut = Shortcut.extend({
  type: z.literal("message_action"),
  channel: Channel,
  message: z.looseObject({ ts: z.string().min(1).max(64) }),
});

const BlockSuggestion = z.looseObject({
  type: z.literal("block_suggestion"),
  user: User,
  team: Team,
  action_id: Id,
  value: z.string().max(2000),
});

const SlashCommand = z.looseObject({
  command: z.string().regex(/^\/\S{1,64}$/),
  text: z.string(),
  user_id: Id,
  channel_id: Id,
  team_id: Id.optional(),
  trigger_id: z.string().min(1).max(255),
  response_url: Url,
});

/** The events redline listens to are checked field by field; any other event needs only its type. */
const EVENT_SHAPES: Record<string, z.ZodType> = {
  app_mention: z.looseObject({ user: Id, text: z.string(), channel: Id, ts: z.string().min(1).max(64), thread_ts: z.string().optional() }),
  app_home_opened: z.looseObject({ user: Id, tab: z.string() }),
};

const EventCallback = z.looseObject({
  type: z.literal("event_callback"),
  team_id: Id.optional(),
  event_id: Id,
  event: z.looseObject({ type: z.string().min(1).max(64) }),
});

/** Payloads Slack sends that carry nothing for a listener; answered 200 as they are. */
const NOTHING_TO_CHECK = new Set(["url_verification", "app_rate_limited"]);

const SHAPES: Record<string, z.ZodType> = {
  block_actions: BlockActions,
  view_submission: ViewSubmission,
  view_closed: ViewClosed,
  shortcut: Shortcut,
  message_action: MessageShortcut,
  block_suggestion: BlockSuggestion,
  event_callback: EventCallback,
};

export type PayloadSurface = "command" | "event" | "action" | "view" | "shortcut" | "options" | "other";

export type PayloadCheck = { ok: true; surface: PayloadSurface; kind: string } | { ok: false; kind: string; reason: string };

const SURFACE: Record<string, PayloadSurface> = {
  block_actions: "action",
  view_submission: "view",
  view_closed: "view",
  shortcut: "shortcut",
  message_action: "shortcut",
  block_suggestion: "options",
  event_callback: "event",
};

function firstIssue(kind: string, error: z.ZodError): PayloadCheck {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join(".") : "payload";
  return { ok: false, kind, reason: `malformed ${kind} payload: ${where}: ${issue.message}` };
}

/** The path of the first string (key or value) holding a NUL or broken unicode (see lib/storable-text.ts), or null. */
function brokenTextAt(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return hasUnstorableText(value) ? path.join(".") || "payload" : null;
  if (typeof value !== "object" || value === null || depth > 32) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (hasUnstorableText(key)) return [...path, "(key)"].join(".");
    const found = brokenTextAt(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Whether a parsed request body has the shape its surface needs; the reason names the first field that does not. */
export function checkPayload(body: unknown): PayloadCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, kind: "unknown", reason: "malformed payload: expected a JSON object" };
  }
  const record = body as Record<string, unknown>;
  if ("command" in record) {
    const parsed = SlashCommand.safeParse(record);
    return parsed.success
      ? checkText("command", { ok: true, surface: "command", kind: "command" }, record)
      : firstIssue("command", parsed.error);
  }
  const type = record.type;
  if (typeof type !== "string") return { ok: false, kind: "unknown", reason: "malformed payload: no type" };
  if (NOTHING_TO_CHECK.has(type)) return { ok: true, surface: "other", kind: type };
  const shape = SHAPES[type];
  if (!shape) return { ok: false, kind: "unknown", reason: `unsupported payload type: ${type.slice(0, 64)}` };
  const parsed = shape.safeParse(record);
  if (!parsed.success) return firstIssue(type, parsed.error);
  if (type === "event_callback") {
    const event = record.event as { type: string };
    const eventShape = EVENT_SHAPES[event.type];
    const checked = eventShape?.safeParse(event);
    if (checked && !checked.success) return firstIssue(`${event.type} event`, checked.error);
  }
  return checkText(type, { ok: true, surface: SURFACE[type]!, kind: type }, record);
}

function checkText(kind: string, passed: PayloadCheck, body: unknown): PayloadCheck {
  const at = brokenTextAt(body);
  return at ? { ok: false, kind, reason: `malformed ${kind} payload: ${at}: text with a NUL character or broken unicode` } : passed;
}
