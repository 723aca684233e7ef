import { LogLevel, WebClient } from "@slack/web-api";
import type { Config } from "../config/env.ts";

/**
 * The Web API client delivery posts with, built from the settings alone (a bot token is all it needs). `retries`
 * overrides the client's own retry policy (tests turn it off where a failure is the point).
 */
export function createSlackClient(config: Pick<Config, "slackApiUrl">, botToken: string, options: { retries?: number } = {}): WebClient {
  return new WebClient(botToken, {
    slackApiUrl: config.slackApiUrl,
    logLevel: LogLevel.ERROR,
    ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
  });
}
