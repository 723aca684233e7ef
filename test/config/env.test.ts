import { describe, expect, it } from "vitest";
import { cliBotToken, loadConfig } from "../../src/config/env.ts";
import { overdueListSettings } from "../../src/domain/office/overdue-list.ts";
import { AppError } from "../../src/lib/errors.ts";

const fail = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).messageFor("en");
  }
  throw new Error("expected loadConfig to fail");
};

describe("loadConfig", () => {
  it("defaults: embedded database, port 3000, Asia/Shanghai, Chinese, no Slack → sandbox", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: "pglite:./.data/pglite",
      port: 3000,
      zone: "Asia/Shanghai",
      lang: "zh",
      slack: { kind: "none" },
      sandbox: true,
      scheduler: true,
    });
    expect(c.openai).toBeUndefined();
  });

  it("hazard-ledger settings: unset ones take the documented defaults; a bad one stops start-up naming it", () => {
    expect(loadConfig({}).hazards).toEqual({});
    expect(loadConfig({ REDLINE_HAZARD_PROGRESS_WEEKDAY: "3", REDLINE_HAZARD_REMIND_AT: "08:30" }).hazards).toEqual({
      progressWeekday: 3,
      remindAt: "08:30",
    });
    expect(fail({ REDLINE_HAZARD_PROGRESS_WEEKDAY: "6" })).toContain("REDLINE_HAZARD_PROGRESS_WEEKDAY");
    expect(fail({ REDLINE_HAZARD_REMIND_AT: "9am" })).toContain("REDLINE_HAZARD_REMIND_AT");
  });

  it("overdue-list thresholds: unset take the defaults (every overdue item, from the first); a bad one stops start-up in both languages", () => {
    expect(loadConfig({}).overdueList).toEqual({});
    expect(overdueListSettings(loadConfig({}).overdueList)).toEqual({ minOverdueWorkingDays: 0, minItems: 1 });
    expect(loadConfig({ REDLINE_OVERDUE_MIN_DAYS: "3", REDLINE_OVERDUE_MIN_ITEMS: "5" }).overdueList).toEqual({
      minOverdueWorkingDays: 3,
      minItems: 5,
    });
    expect(fail({ REDLINE_OVERDUE_MIN_ITEMS: "0" })).toContain("Invalid setting REDLINE_OVERDUE_MIN_ITEMS");
    const zh = (() => {
      try {
        loadConfig({ REDLINE_OVERDUE_MIN_ITEMS: "0" });
      } catch (e) {
        return (e as AppError).messageFor("zh");
      }
    })();
    expect(zh).toBe("配置错误：REDLINE_OVERDUE_MIN_ITEMS 应不小于 1");
    expect(fail({ REDLINE_OVERDUE_MIN_DAYS: "-1" })).toContain("REDLINE_OVERDUE_MIN_DAYS");
    expect(fail({ REDLINE_OVERDUE_MIN_DAYS: "two" })).toContain("REDLINE_OVERDUE_MIN_DAYS");
  });

  it("token + signing secret → HTTP mode; app token → Socket Mode", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret123" }).slack.kind).toBe("http");
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack.kind).toBe("socket");
  });

  it("treats empty variables as unset instead of hiding a missing secret behind an empty string", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" }).slack.kind).toBe("none");
    expect(fail({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "" })).toContain("SLACK_SIGNING_SECRET");
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "secret123" }, "SLACK_BOT_TOKEN"],
    [{ PORT: "eighty" }, "PORT"],
    [{ REDLINE_TIMEZONE: "Mars/Olympus" }, "REDLINE_TIMEZONE"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SLACK_API_URL: "not a url" }, "SLACK_API_URL"],
    [{ REDLINE_LANG: "fr" }, "REDLINE_LANG"],
  ])("names the bad setting in one line: %j", (env, name) => {
    const message = fail(env);
    expect(message).toContain(name);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("OpenAI fallback is on only with a key, with model and timeout defaults", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-1" }).openai).toEqual({
      apiKey: "sk-1",
      baseURL: undefined,
      model: "gpt-4o-mini",
      timeoutMs: 8000,
    });
  });
});

describe("loadConfig for the CLI", () => {
  it("a token alone is enough to post; the signing secret and app token are the bot's business", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" }, "cli").slack).toEqual({ kind: "post-only", botToken: "xoxb-1" });
    expect(loadConfig({ SLACK_SIGNING_SECRET: "x", SLACK_APP_TOKEN: "nope" }, "cli").slack).toEqual({ kind: "none" });
    // the bot still needs the pair
    expect(fail({ SLACK_BOT_TOKEN: "xoxb-1" })).toContain("SLACK_SIGNING_SECRET");
  });

  it("a malformed token is refused only when a command posts, naming the setting", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxp-user" }, "cli");
    expect(cliBotToken(loadConfig({}, "cli"))).toBeNull();
    expect(() => cliBotToken(config)).toThrow(AppError);
    try {
      cliBotToken(config);
    } catch (e) {
      expect((e as AppError).messageFor("zh")).toContain("SLACK_BOT_TOKEN");
      expect((e as AppError).messageFor("en")).toContain("SLACK_BOT_TOKEN");
    }
  });
});
