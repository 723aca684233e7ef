import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../lib/logger.ts";
import type { AppDeps } from "./deps.ts";
import { registerListeners } from "./listeners/index.ts";
import { ListenerRoutes } from "./receiver/listener-routes.ts";
import { guardRequests } from "./receiver/request-guard.ts";

export interface SlackAppOptions {
  /** Retry failed Web API calls (off in tests where the failure is the point). Rate limits are always waited out. */
  retries?: number;
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
  const routes = new ListenerRoutes();
  const app =
    slack.kind === "http"
      ? new App({
          token: slack.botToken,
          receiver: guardRequests(
            new HTTPReceiver({
              signingSecret: slack.signingSecret,
              endpoints: SLACK_ENDPOINT,
              logger,
              customRoutes: [{ path: "/healthz", method: ["GET"], handler: healthz(deps) }],
            }),
            { signingSecret: slack.signingSecret, endpoint: SLACK_ENDPOINT, logger: deps.logger, routes },
          ),
          clientOptions,
          logger,
          convoStore: false,
        })
      : new App({ token: slack.botToken, appToken: slack.appToken, socketMode: true, clientOptions, logger, convoStore: false });
  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled listener error");
  });
  routes.record(app);
  registerListeners(app, deps);
  return app;
}

function healthz(deps: AppDeps) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    try {
      await deps.db.$queryRaw`SELECT 1`;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    } catch {
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: "database unavailable" }));
    }
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
