import { WebClient, LogLevel } from "@slack/web-api";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** Who the token belongs to, from `auth.test`: handed to Bolt so it does not ask again. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
}

/** What `/healthz` says about Slack. */
export interface SlackReachability {
  ok: boolean;
  /** Slack's error (`invalid_auth`, `token_revoked` …), `http_<status>`, or `unreachable`. */
  error?: string;
  checkedAt: string;
}

/** A client for `auth.test` only: its own timeout and retries, so a dead Slack cannot hold start-up for minutes. */
export function createAuthClient(botToken: string, options: { slackApiUrl?: string; retries: number; timeoutMs?: number }): WebClient {
  return new WebClient(botToken, {
    slackApiUrl: options.slackApiUrl,
    logLevel: LogLevel.ERROR,
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: options.retries, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    rejectRateLimitedCalls: true,
  });
}

/** Slack's word for why a call failed, or "unreachable" / "http_<status>" when Slack never answered it. */
export function slackFailure(e: unknown): string {
  const err = e as { code?: string; data?: { error?: string }; statusCode?: number };
  if (err?.code === "slack_webapi_platform_error") return err.data?.error ?? "platform_error";
  if (err?.code === "slack_webapi_http_error") return `http_${err.statusCode ?? "error"}`;
  if (err?.code === "slack_webapi_rate_limited_error") return "ratelimited";
  return "unreachable";
}

/**
 * `auth.test` before listening: a wrong, revoked or unreachable token stops start-up with one sentence in both
 * languages instead of a stack trace on the first request.
 */
export async function verifyBotToken(client: WebClient): Promise<BotIdentity> {
  let result: Awaited<ReturnType<WebClient["auth"]["test"]>>;
  try {
    result = await client.auth.test();
  } catch (e) {
    const failure = slackFailure(e);
    const url = client.slackApiUrl;
    if (failure === "unreachable" || failure.startsWith("http_") || failure === "ratelimited") {
      throw new AppError(
        ErrorCode.SlackFailed,
        {
          zh: `无法连接 Slack（${url}，${failure}）：请检查网络、代理或 SLACK_API_URL，然后重新启动。`,
          en: `Cannot reach Slack (${url}, ${failure}): check the network, proxy or SLACK_API_URL, then start again.`,
        },
        { cause: e },
      );
    }
    throw new AppError(
      ErrorCode.ConfigInvalid,
      {
        zh: `Slack 拒绝了 SLACK_BOT_TOKEN（${failure}）：令牌错误或已被撤销，请在 api.slack.com/apps 重新安装应用并更新令牌。`,
        en: `Slack refused SLACK_BOT_TOKEN (${failure}): the token is wrong or revoked; reinstall the app at api.slack.com/apps and update it.`,
      },
      { cause: e },
    );
  }
  if (!result.bot_id || !result.user_id) {
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: "SLACK_BOT_TOKEN 不是机器人令牌：请使用应用“OAuth & Permissions”页面上的 Bot User OAuth Token（xoxb-…）。",
      en: "SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.",
    });
  }
  return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id };
}

/**
 * Slack's reachability for `/healthz`: one `auth.test` per `ttlMs` however often the health check is polled, and
 * concurrent polls share the call in flight.
 */
export function createSlackReachabilityCheck(
  client: WebClient,
  options: { ttlMs?: number; now?: () => number } = {},
): () => Promise<SlackReachability> {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  let last: { at: number; result: SlackReachability } | undefined;
  let inFlight: Promise<SlackReachability> | undefined;
  return () => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.result);
    inFlight ??= client.auth
      .test()
      .then(
        (): SlackReachability => ({ ok: true, checkedAt: new Date(now()).toISOString() }),
        (e: unknown): SlackReachability => ({ ok: false, error: slackFailure(e), checkedAt: new Date(now()).toISOString() }),
      )
      .then((result) => {
        last = { at: now(), result };
        inFlight = undefined;
        return result;
      });
    return inFlight;
  };
}
