import { DateTime } from "luxon";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../db/adapters.ts";
import { AppError, ErrorCode } from "../lib/errors.ts";

/** A message in both languages, carried through zod's one string and split again in `loadConfig`. */
const SEP = "\u241e";
const bi = (zh: string, en: string) => `${zh}${SEP}${en}`;

/** The sentence for one problem: ours in both languages; zod's own (numbers, choices) described in Chinese here. */
function describeIssue(issue: z.core.$ZodIssue): { zh: string; en: string } {
  const [zh, en] = issue.message.split(SEP);
  if (en !== undefined) return { zh: zh!, en };
  const i = issue as { code: string; values?: unknown[]; minimum?: unknown; maximum?: unknown; expected?: string };
  const zhText =
    i.code === "invalid_value" && i.values
      ? `应为 ${i.values.join(" / ")} 之一`
      : i.code === "too_small"
        ? `应不小于 ${String(i.minimum)}`
        : i.code === "too_big"
          ? `应不大于 ${String(i.maximum)}`
          : i.code === "invalid_type" && i.expected === "number"
            ? "应为数字"
            : "取值无效";
  return { zh: zhText, en: issue.message };
}

/** An empty variable means "not set", so `FOO=` in .env does not hide a missing secret behind "". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const ZSettings = z.object({
    DATABASE_URL: optional(z.string().regex(/^(postgres(ql)?:\/\/|pglite:).+/, bi("应以 postgres://、postgresql:// 或 pglite: 开头", "must start with postgres://, postgresql:// or pglite:"))),
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, bi("应为以 xoxb- 开头的机器人令牌", "must be a bot token starting with xoxb-"))),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, bi("太短，不像签名密钥", "looks too short for a signing secret"))),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, bi("应为以 xapp- 开头的应用级令牌", "must be an app-level token starting with xapp-"))),
    SLACK_API_URL: optional(z.url({ message: bi("应为网址，如 https://slack.com/api/", "must be a URL such as https://slack.com/api/") })),
    PORT: optional(z.coerce.number().int().min(0).max(65535)),
    REDLINE_TIMEZONE: optional(
      z.string().refine((zone) => DateTime.local().setZone(zone).isValid, bi("应为 IANA 时区，如 Asia/Shanghai", "must be an IANA time zone such as Asia/Shanghai")),
    ),
    REDLINE_LANG: optional(z.enum(["zh", "en"])),
    REDLINE_OFFICE_CHANNEL: optional(z.string().regex(/^[CG][A-Z0-9]{2,}$/, bi("应为 Slack 频道 ID，如 C012ABCDEF", "must be a Slack channel id such as C012ABCDEF"))),
    REDLINE_SCHEDULER: optional(z.enum(["on", "off"])),
    REDLINE_SANDBOX: optional(z.enum(["auto", "off"])),
    REDLINE_DIGEST: optional(z.enum(["on", "off"])),
    REDLINE_DIGEST_COOLDOWN_MINUTES: optional(z.coerce.number().int().min(0).max(24 * 60)),
    REDLINE_DIGEST_AT: optional(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bi("应为时间，如 09:00", "must be a time such as 09:00"))),
    REDLINE_INSTANCE_ID: optional(z.string().min(1)),
    REDLINE_SLACK_POSTS_PER_SECOND: optional(z.coerce.number().int().min(0).max(1000)),
    REDLINE_DM: optional(z.enum(["non-members", "always", "off"])),
    OPENAI_API_KEY: optional(z.string().min(1)),
    OPENAI_BASE_URL: optional(z.url({ message: bi("应为网址", "must be a URL") })),
    OPENAI_MODEL: optional(z.string().min(1)),
    OPENAI_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000)),
    REDLINE_HAZARD_BLUE_DAYS: optional(z.coerce.number().int().min(0).max(30)),
    REDLINE_HAZARD_RED_AFTER_DAYS: optional(z.coerce.number().int().min(1).max(60)),
    REDLINE_HAZARD_ACCEPTANCE_WAIT_DAYS: optional(z.coerce.number().int().min(1).max(30)),
    REDLINE_HAZARD_PROGRESS_WEEKDAY: optional(z.coerce.number().int().min(1).max(5)),
    REDLINE_HAZARD_REMIND_AT: optional(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bi("应为时间，如 09:00", "must be a time such as 09:00"))),
    REDLINE_OVERDUE_MIN_DAYS: optional(z.coerce.number().int().min(0).max(60)),
    REDLINE_OVERDUE_MIN_ITEMS: optional(z.coerce.number().int().min(1).max(1000)),
    LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
});

/** The bot's settings: a token needs the signing secret (HTTP) or an app token (Socket Mode) to receive requests. */
const ZEnv = ZSettings.refine((e) => !e.SLACK_BOT_TOKEN === !e.SLACK_SIGNING_SECRET || !!e.SLACK_APP_TOKEN, {
    message: bi(
      "须与 SLACK_BOT_TOKEN 一起设置（或用 SLACK_APP_TOKEN 走 Socket Mode）",
      "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET go together (or use SLACK_APP_TOKEN for Socket Mode)",
    ),
    path: ["SLACK_SIGNING_SECRET"],
  })
  .refine((e) => !e.SLACK_APP_TOKEN || !!e.SLACK_BOT_TOKEN, {
    message: bi("Socket Mode 也需要 SLACK_BOT_TOKEN", "Socket Mode needs SLACK_BOT_TOKEN too"),
    path: ["SLACK_BOT_TOKEN"],
  });

/**
 * The CLI's settings: it only ever posts, so the signing secret and app token are not its business, and the bot
 * token is checked only by a command that posts (`cliBotToken`) — `meeting list` runs with any Slack env or none.
 */
const ZCliEnv = ZSettings.omit({ SLACK_SIGNING_SECRET: true, SLACK_APP_TOKEN: true }).extend({
  SLACK_BOT_TOKEN: optional(z.string()),
});

export type SlackMode =
  | { kind: "http"; botToken: string; signingSecret: string }
  | { kind: "socket"; botToken: string; appToken: string; signingSecret?: string }
  /** The CLI: posts with the bot token, receives nothing. The token is checked when a command posts. */
  | { kind: "post-only"; botToken: string }
  | { kind: "none" };

export interface Config {
  databaseUrl: string;
  slack: SlackMode;
  slackApiUrl?: string;
  port: number;
  zone: string;
  lang: "zh" | "en";
  officeChannelId?: string;
  scheduler: boolean;
  /** Without Slack credentials: run the local sandbox (auto) or stop with setup instructions (off). */
  sandbox: boolean;
  /** Weekly digest to the office channel on the week's first working day at this local time; null = off. */
  digestAt: string | null;
  /** `/redline 周报` on demand: at most one per channel in this many minutes (0 = no limit). */
  digestCooldownMinutes: number;
  /** Posts per second across the workspace (besides Slack's 1/s per channel); 0 = no pacing (tests, a local stand-in). */
  slackPostsPerSecond: number;
  /**
   * Messages meant for one person (a briefing to confirm, a leave decision) also go by DM: to people not in the channel
   * they are posted in (default), to everyone they name (always), or never (off).
   */
  dmPeople?: "non-members" | "always" | "off";
  instanceId: string;
  /** Hazard-ledger thresholds as set in the environment; unset ones take the defaults in src/domain/hazards/settings.ts. */
  hazards?: {
    blueWithinWorkingDays?: number;
    redAfterWorkingDays?: number;
    acceptanceWaitWorkingDays?: number;
    progressWeekday?: number;
    remindAt?: string;
  };
  /** The office's daily overdue list; unset fields take the defaults in src/domain/office/overdue-list.ts. */
  overdueList?: { minOverdueWorkingDays?: number; minItems?: number };
  openai?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number };
  logLevel: string;
}

/**
 * Parses the environment once at start; the first problem stops start-up with one line naming the setting.
 * `role: "cli"` reads the CLI's own settings (see ZCliEnv): a token alone is enough, and no Slack env at all is fine.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: "bot" | "cli" = "bot"): Config {
  const parsed = (role === "cli" ? ZCliEnv : ZEnv).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const { zh, en } = describeIssue(issue);
    throw new AppError(ErrorCode.ConfigInvalid, { zh: `配置错误：${name} ${zh}`, en: `Invalid setting ${name}: ${en}` });
  }
  const e: z.infer<typeof ZSettings> = parsed.data;
  const slack: SlackMode =
    role === "cli"
      ? e.SLACK_BOT_TOKEN
        ? { kind: "post-only", botToken: e.SLACK_BOT_TOKEN }
        : { kind: "none" }
      : e.SLACK_APP_TOKEN
    ? { kind: "socket", botToken: e.SLACK_BOT_TOKEN!, appToken: e.SLACK_APP_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET }
        : e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
          ? { kind: "http", botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET }
          : { kind: "none" };
  return {
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    slack,
    slackApiUrl: e.SLACK_API_URL,
    port: e.PORT ?? 3000,
    zone: e.REDLINE_TIMEZONE ?? "Asia/Shanghai",
    lang: e.REDLINE_LANG ?? "zh",
    officeChannelId: e.REDLINE_OFFICE_CHANNEL,
    scheduler: (e.REDLINE_SCHEDULER ?? "on") === "on",
    sandbox: (e.REDLINE_SANDBOX ?? "auto") === "auto",
    digestAt: e.REDLINE_DIGEST === "off" ? null : (e.REDLINE_DIGEST_AT ?? "09:00"),
    digestCooldownMinutes: e.REDLINE_DIGEST_COOLDOWN_MINUTES ?? 10,
    slackPostsPerSecond: e.REDLINE_SLACK_POSTS_PER_SECOND ?? 20,
    dmPeople: e.REDLINE_DM ?? "non-members",
    instanceId: e.REDLINE_INSTANCE_ID ?? `${process.env.HOSTNAME ?? "redline"}-${process.pid}`,
    hazards: Object.fromEntries(
      Object.entries({
        blueWithinWorkingDays: e.REDLINE_HAZARD_BLUE_DAYS,
        redAfterWorkingDays: e.REDLINE_HAZARD_RED_AFTER_DAYS,
        acceptanceWaitWorkingDays: e.REDLINE_HAZARD_ACCEPTANCE_WAIT_DAYS,
        progressWeekday: e.REDLINE_HAZARD_PROGRESS_WEEKDAY,
        remindAt: e.REDLINE_HAZARD_REMIND_AT,
      }).filter(([, v]) => v !== undefined),
    ),
    overdueList: Object.fromEntries(
      Object.entries({ minOverdueWorkingDays: e.REDLINE_OVERDUE_MIN_DAYS, minItems: e.REDLINE_OVERDUE_MIN_ITEMS }).filter(([, v]) => v !== undefined),
    ),
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? "gpt-4o-mini",
          timeoutMs: e.OPENAI_TIMEOUT_MS ?? 8000,
        }
      : undefined,
    logLevel: e.LOG_LEVEL ?? "info",
  };
}

/** The bot token for a command about to post, or null without one; a malformed token stops that command only. */
export function cliBotToken(config: Config): string | null {
  if (config.slack.kind === "none") return null;
  const token = config.slack.botToken;
  if (!/^xoxb-/.test(token)) {
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: "配置错误：SLACK_BOT_TOKEN 应为以 xoxb- 开头的机器人令牌",
      en: "Invalid setting SLACK_BOT_TOKEN: must be a bot token starting with xoxb-",
    });
  }
  return token;
}
