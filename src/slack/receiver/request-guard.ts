import { HTTPModuleFunctions, isValidSlackRequest, type BufferedIncomingMessage, type HTTPReceiver } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../lib/logger.ts";
import type { ListenerRoutes } from "./listener-routes.ts";
import { checkPayload } from "./payload-shape.ts";

/** Slack's window for a request timestamp, both ways. Bolt refuses only the stale side. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface RequestGuardOptions {
  signingSecret: string;
  /** The path Slack posts to ("/slack/events"); other routes pass untouched. */
  endpoint: string;
  logger: Logger;
  routes: ListenerRoutes;
  nowMs?: () => number;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function answer(res: ServerResponse, status: number, reason?: string): void {
  if (res.headersSent) return;
  if (reason) res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(reason);
  else res.writeHead(status).end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The ids a listener would be chosen by, per surface, as Bolt matches them. */
function routeOf(body: Record<string, any>, surface: string): Parameters<ListenerRoutes["has"]> | null {
  switch (surface) {
    case "command":
      return ["command", { command: body.command }];
    case "action": {
      const first = body.actions[0];
      return ["action", { action_id: first.action_id, block_id: first.block_id, type: body.type, callback_id: body.view?.callback_id }];
    }
    case "view":
      return ["view", { callback_id: body.view.callback_id, type: body.type }];
    case "shortcut":
      return ["shortcut", { callback_id: body.callback_id, type: body.type }];
    case "options":
      return ["options", { action_id: body.action_id, block_id: body.block_id, type: body.type }];
    default:
      return null;
  }
}

/**
 * Checks a signed request before Bolt sees it: a timestamp more than five minutes ahead is refused like a stale one
 * (401); a payload without the fields its surface needs gets a 400 with a short reason instead of Bolt's 500; a
 * well-formed request no listener takes is answered 200 at once. Everything else goes to Bolt, which verifies the
 * signature again and dispatches. Unsigned requests are left to Bolt's 401 and learn nothing about their shape.
 */
export async function screenRequest(req: IncomingMessage, res: ServerResponse, next: Listener, options: RequestGuardOptions) {
  const nowSeconds = Math.floor((options.nowMs ?? Date.now)() / 1000);
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  if (Number.isFinite(timestamp) && timestamp > nowSeconds + MAX_CLOCK_SKEW_SECONDS) {
    options.logger.warn({ timestamp, now: nowSeconds }, "Slack request refused: timestamp in the future");
    req.resume();
    return answer(res, 401);
  }
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (e) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(e) && (e as { statusCode?: number }).statusCode === 413;
    return answer(res, tooLarge ? 413 : 400, tooLarge ? undefined : "could not read the request body");
  }
  const signed = isValidSlackRequest({
    signingSecret: options.signingSecret,
    body: buffered.rawBody.toString(),
    headers: { "x-slack-signature": header(req, "x-slack-signature") ?? "", "x-slack-request-timestamp": timestamp },
  });
  if (!signed) return next(buffered, res);

  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    options.logger.warn("Slack request refused: the body is not valid JSON");
    return answer(res, 400, "malformed payload: not valid JSON");
  }
  if ((body as { ssl_check?: unknown } | null)?.ssl_check === "1") return next(buffered, res);
  const check = checkPayload(body);
  if (!check.ok) {
    options.logger.warn({ kind: check.kind, reason: check.reason }, "Slack request refused: malformed payload");
    return answer(res, 400, check.reason);
  }
  if (check.kind === "app_rate_limited") {
    // Slack says it is holding back events for a minute; it wants a 200, Bolt would leave it to its 404.
    options.logger.warn({ body }, "Slack is rate-limiting redline's events");
    return answer(res, 200);
  }
  const route = routeOf(body as Record<string, any>, check.surface);
  if (route && !options.routes.has(...route)) {
    options.logger.info({ surface: route[0], ids: route[1] }, "Slack request for no listener: answered and ignored");
    return answer(res, 200);
  }
  next(buffered, res);
}

/** Puts `screenRequest` in front of the receiver's listener for Slack's endpoint; other paths (/healthz …) pass. */
export function guardRequests(receiver: HTTPReceiver, options: RequestGuardOptions): HTTPReceiver {
  const inner: Listener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || path !== options.endpoint) return inner(req, res);
    screenRequest(req, res, inner, options).catch((e: unknown) => {
      options.logger.error({ err: e }, "Slack request screening failed");
      answer(res, 500);
    });
  };
  return receiver;
}
