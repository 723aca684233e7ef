import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { AppError, ErrorCode } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { createSandboxClock, type SandboxClock } from "./clock.ts";
import { assertSandboxCredentials } from "./credentials.ts";
import { createDriver, type SandboxDriver } from "./driver.ts";
import { createRouter } from "./router.ts";
import { dmChannelId, SandboxStore, type SandboxBot, type SandboxChannel, type SandboxShortcut, type SandboxUser } from "./store.ts";

export interface SandboxOptions {
  /** Where the bot listens; Slack requests go to `${botUrl}${eventsPath}`. Can be set later with setBotUrl. */
  botUrl?: string;
  eventsPath?: string;
  signingSecret: string;
  botToken: string;
  users: SandboxUser[];
  channels: SandboxChannel[];
  /** The app's shortcuts (read them from the manifest with `shortcutsFromManifest`); message ones show on each message's ⋯ menu. */
  shortcuts?: SandboxShortcut[];
  /**
   * The app's event subscriptions (the manifest's `bot_events`, see `readManifest`): a person's channel message
   * reaches the bot as a `message` event only under message.channels / message.groups. Default: app_mention,
   * app_home_opened and message.im.
   */
  botEvents?: string[];
  /** Who the bot is; defaults to user U0REDLINE named "redline". */
  bot?: Partial<SandboxBot>;
  /** The simulated clock (message timestamps, the page's clock); a running offset clock by default. */
  clock?: SandboxClock;
  /** Called after the clock is set when someone advances time on the page (the lead wires the scheduler here). */
  onAdvanceClock?: (to: Date) => void | Promise<void>;
  timeZone?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default; the sandbox has no authentication of its own. */
  host?: string;
  /** How long the bot has to acknowledge, like Slack's 3 seconds. */
  ackTimeoutMs?: number;
  logger: Logger;
}

export interface Sandbox {
  server: Server;
  /** Base URL of the page, e.g. http://127.0.0.1:4000 */
  url: string;
  /** What the bot's Web API client should use as its base (SLACK_API_URL), ending in "/api/". */
  apiUrl: string;
  store: SandboxStore;
  /** Acting as a person: slash commands, messages, clicks, modal submissions, opening Home. */
  act: SandboxDriver;
  clock: SandboxClock;
  setBotUrl(url: string): void;
  /** Sets the clock and runs onAdvanceClock, one advance at a time. */
  advanceClock(to: Date): Promise<void>;
  /** Resolves with the first truthy value of `check`, re-checked on every state change. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** The request listener, for mounting the sandbox in another server. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

const ZOptions = z.object({
  botUrl: z.url().optional(),
  eventsPath: z.string().startsWith("/").default("/slack/events"),
  users: z
    .array(z.object({ id: z.string().regex(/^[UW][A-Z0-9]+$/, "Slack user ids look like U0123ABC"), name: z.string().min(1) }).loose())
    .min(1),
  channels: z.array(
    z.object({ id: z.string().regex(/^[CG][A-Z0-9]+$/, "Slack channel ids look like C0123ABC"), name: z.string().min(1) }).loose(),
  ),
  timeZone: z.string().default("Asia/Shanghai"),
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default("127.0.0.1"),
  ackTimeoutMs: z.number().int().positive().default(3000),
  shortcuts: z
    .array(
      z.object({ callbackId: z.string().min(1).max(255), name: z.string().min(1).max(80), type: z.enum(["message", "global"]) }).loose(),
    )
    .default([]),
});

const DEFAULT_BOT: SandboxBot = {
  userId: "U0REDLINE",
  botId: "B0REDLINE",
  appId: "A0REDLINE",
  teamId: "T0SANDBOX",
  teamDomain: "redline-sandbox",
  name: "redline",
};

function unique(ids: string[], what: string): void {
  const dupe = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dupe)
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: `沙盒配置中${what} ${dupe} 重复。`,
      en: `Duplicate ${what} ${dupe} in the sandbox configuration.`,
    });
}

async function loadAssets(): Promise<{ js: string; css: string }> {
  const dir = new URL("./page/", import.meta.url);
  const [js, css] = await Promise.all([readFile(new URL("sandbox.js", dir), "utf8"), readFile(new URL("sandbox.css", dir), "utf8")]);
  return { js, css };
}

/**
 * Starts the sandbox: a Slack Web API stand-in, the page, and the person-side driver, on loopback.
 * Refuses real-looking Slack credentials (see credentials.ts) before binding anything.
 */
export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  assertSandboxCredentials({ botToken: options.botToken, signingSecret: options.signingSecret });
  const parsed = ZOptions.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "";
    throw new AppError(ErrorCode.ConfigInvalid, { zh: `沙盒配置无效：${where}`, en: `Invalid sandbox configuration: ${where}` });
  }
  const config = parsed.data;
  const bot: SandboxBot = { ...DEFAULT_BOT, ...options.bot };
  unique([...options.users.map((u) => u.id), bot.userId], "用户 (user)");
  unique(
    options.channels.map((c) => c.id),
    "频道 (channel)",
  );
  const dmIds = new Set(options.users.map((u) => dmChannelId(u.id)));
  const clash = options.channels.find((c) => dmIds.has(c.id));
  if (clash)
    throw new AppError(ErrorCode.ConfigInvalid, {
      zh: `频道 ${clash.id} 与私信频道冲突。`,
      en: `Channel ${clash.id} clashes with a DM id.`,
    });

  const logger = options.logger.child({ component: "sandbox" });
  const clock = options.clock ?? createSandboxClock();
  unique(
    config.shortcuts.map((s) => s.callbackId),
    "快捷方式 (shortcut)",
  );
  const store = new SandboxStore({
    bot,
    users: options.users,
    channels: options.channels,
    clock,
    shortcuts: options.shortcuts,
    botEvents: options.botEvents,
  });
  let baseUrl = "";
  let botUrl = options.botUrl;
  const endpoint = {
    get url() {
      if (!botUrl)
        throw new AppError(ErrorCode.ConfigInvalid, {
          zh: "沙盒还不知道机器人的地址。",
          en: "The sandbox does not know the bot's URL yet.",
        });
      return `${botUrl.replace(/\/$/, "")}${config.eventsPath}`;
    },
    signingSecret: options.signingSecret,
    timeoutMs: config.ackTimeoutMs,
  };
  const act = createDriver({
    store,
    endpoint,
    logger,
    get baseUrl() {
      return baseUrl;
    },
  });

  let advancing: Promise<void> = Promise.resolve();
  const advanceClock = (to: Date): Promise<void> => {
    const run = advancing.then(async () => {
      clock.set?.(to);
      logger.info({ to: to.toISOString() }, "sandbox: clock advanced");
      store.changed();
      await options.onAdvanceClock?.(to);
    });
    advancing = run.catch(() => undefined);
    return run;
  };

  const handle = createRouter({
    store,
    driver: act,
    botToken: options.botToken,
    timeZone: config.timeZone,
    logger,
    assets: await loadAssets(),
    baseUrl: () => baseUrl,
    advanceClock,
  });
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const reachableHost =
    config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host.includes(":") ? `[${config.host}]` : config.host;
  baseUrl = `http://${reachableHost}:${port}`;
  logger.info({ url: baseUrl }, "sandbox listening");

  return {
    server,
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    store,
    act,
    clock,
    setBotUrl: (url) => {
      botUrl = url;
    },
    advanceClock,
    waitFor: (check, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        let off = () => {};
        const attempt = () => {
          const value = check();
          if (!value) return;
          off();
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          off();
          reject(new Error(`sandbox.waitFor: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        off = store.onChange(attempt);
        attempt();
      }),
    handle,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
