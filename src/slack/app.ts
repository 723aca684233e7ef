import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createAuthClient, createSlackReachabilityCheck, type BotIdentity, type SlackReachability } from "../delivery/slack-auth.ts";
import type { Logger } from "../lib/logger.ts";
import type { AppDeps } from "./deps.ts";
import { registerListeners } from "./listeners/index.ts";
import { ListenerRoutes } from "./receiver/listener-routes.ts";
import { guardRequests } from "./receiver/request-guard.ts";

export interface SlackAppOptions {
  /** Retry failed Web API calls (off in tests where the failure is the point). Rate limits are always waited out. */
  retries?: number;
  /** The token's identity, already checked with auth.test at start-up (then Bolt does not call it again). */
  identity?: BotIdentity;
  /** How long /healthz trusts its last auth.test (default 30 s). */
  slackHealthTtlMs?: number;
}

const SLACK_ENDPOINT = "/slack/events";

/**
 * The Bolt app for the configured mode. HTTP: Slack requests on POST /slack/events, GET /healthz.
 * Socket Mode: no public endpoint. The receiver does transport only; listeners hold the logic. No conversation
 * store: nothing reads `context.conversation`, and Bolt's in-memory one is work (and memory) on every request.
 */
export function createSlackApp(deps: AppDeps, options: SlackAppOptions = {}): App {
  const { slack } = deps.config;
  if (slack.kind === "none" || slack.kind === "post-only") throw new Error("createSlackApp needs Slack credentials");
  const clientOptions = {
    slackApiUrl: deps.config.slackApiUrl,
    retryConfig: options.retries === undefined ? undefined : { retries: options.retries },
  };
  const logger = boltLogger(deps.logger);
  const identity = options.identity && { botId: options.identity.botId, botUserId: options.identity.botUserId };
  const routes = new ListenerRoutes();
  const app =
    slack.kind === "http"
      ? new App({
          token: slack.botToken,
          ...identity,
          receiver: guardRequests(
            new HTTPReceiver({
              signingSecret: slack.signingSecret,
              endpoints: SLACK_ENDPOINT,
              logger,
              customRoutes: [
                {
                  path: "/healthz",
                  method: ["GET"],
                  handler: healthz(
                    deps,
                    createSlackReachabilityCheck(
                      createAuthClient(slack.botToken, { slackApiUrl: deps.config.slackApiUrl, retries: 0, timeoutMs: 5_000 }),
                      { ttlMs: options.slackHealthTtlMs },
                    ),
                  ),
                },
              ],
            }),
            { signingSecret: slack.signingSecret, endpoint: SLACK_ENDPOINT, logger: deps.logger, routes },
          ),
          clientOptions,
          logger,
          convoStore: false,
        })
      : new App({
          token: slack.botToken,
          ...identity,
          appToken: slack.appToken,
          socketMode: true,
          clientOptions,
          logger,
          convoStore: false,
        });
  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled listener error");
  });
  routes.record(app);
  registerListeners(app, deps);
  return app;
}

/**
 * GET /healthz: the database and Slack, each with its own verdict; 200 only when both answer. Slack is judged by a
 * cached auth.test, so polling the health check does not poll Slack.
 */
function healthz(deps: AppDeps, slackReachable: () => Promise<SlackReachability>) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const [database, slack] = await Promise.all([
      deps.db.$queryRaw`SELECT 1`.then(
        () => ({ ok: true }),
        () => ({ ok: false, error: "database unavailable" }),
      ),
      slackReachable(),
    ]);
    const ok = database.ok && slack.ok;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok, database, slack }));
  };
}

/** Bolt logs through pino, so one log stream carries both. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(" ")),
    info: (...m: unknown[]) => child.info(m.map(String).join(" ")),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(" ")),
    error: (...m: unknown[]) => child.error(m.map(String).join(" ")),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
