import { randomBytes } from "node:crypto";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** Every sandbox bot token starts with this; anything else is refused so a real workspace is never driven by mistake. */
export const SANDBOX_TOKEN_PREFIX = "xoxb-sandbox-";

const SLACK_TOKEN = /^xox[a-z]-/;
/** Real signing secrets are 32 hex characters; the sandbox never accepts one of that shape. */
const SLACK_SIGNING_SECRET = /^[0-9a-f]{32}$/i;

export interface SandboxCredentials {
  botToken: string;
  signingSecret: string;
}

/** Fresh credentials of the sandbox's own shape, for a bot that talks only to the sandbox. */
export function generateSandboxCredentials(): SandboxCredentials {
  return {
    botToken: `${SANDBOX_TOKEN_PREFIX}${randomBytes(12).toString("hex")}`,
    signingSecret: `sandbox-${randomBytes(16).toString("hex")}`,
  };
}

export function isSandboxToken(token: string): boolean {
  return token.startsWith(SANDBOX_TOKEN_PREFIX) && token.length > SANDBOX_TOKEN_PREFIX.length;
}

/** Throws unless both values have the sandbox's shape; called before the sandbox binds a port. */
export function assertSandboxCredentials({ botToken, signingSecret }: SandboxCredentials): void {
  if (!isSandboxToken(botToken)) {
    const looksReal = SLACK_TOKEN.test(botToken);
    throw new AppError(
      ErrorCode.ConfigInvalid,
      looksReal
        ? {
            zh: `沙盒拒绝启动：机器人令牌看起来是真实的 Slack 令牌。沙盒只接受以 ${SANDBOX_TOKEN_PREFIX} 开头的令牌。`,
            en: `The sandbox refuses to start: the bot token looks like a real Slack token. It only accepts tokens starting with ${SANDBOX_TOKEN_PREFIX}.`,
          }
        : {
            zh: `沙盒拒绝启动：机器人令牌必须以 ${SANDBOX_TOKEN_PREFIX} 开头。`,
            en: `The sandbox refuses to start: the bot token must start with ${SANDBOX_TOKEN_PREFIX}.`,
          },
    );
  }
  if (signingSecret.length === 0 || SLACK_SIGNING_SECRET.test(signingSecret)) {
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: "沙盒拒绝启动：签名密钥为空，或看起来是真实的 Slack 签名密钥（32 位十六进制）。请使用 generateSandboxCredentials() 生成。",
      en: "The sandbox refuses to start: the signing secret is empty or looks like a real Slack one (32 hex characters). Use generateSandboxCredentials().",
    });
  }
}
