import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { langOfLocale, lookUpPerson } from "../../src/delivery/people.ts";
import { SlackFake } from "../support/slack-fake.ts";

describe("langOfLocale", () => {
  it("answers in English for an English Slack locale and in Chinese for a Chinese one", () => {
    expect(langOfLocale("en-US", "zh")).toBe("en");
    expect(langOfLocale("en-GB", "zh")).toBe("en");
    expect(langOfLocale("zh-CN", "en")).toBe("zh");
    expect(langOfLocale("zh-TW", "en")).toBe("zh");
  });

  it("uses the configured language when Slack does not say or says something else", () => {
    expect(langOfLocale(undefined, "zh")).toBe("zh");
    expect(langOfLocale("", "en")).toBe("en");
    expect(langOfLocale("ja-JP", "zh")).toBe("zh");
  });
});

describe("lookUpPerson", () => {
  let slack: SlackFake;
  const client = new WebClient("xoxb-test", { retryConfig: { retries: 0 } });
  beforeAll(() => {
    slack = new SlackFake();
  });
  afterAll(() => slack.close());

  it("reads name, title and locale in one users.info call", async () => {
    slack.on("users.info", (body) => ({
      ok: true,
      user: { id: body.user, name: "li", locale: "en-US", profile: { real_name: "Li Ming", title: "Director" } },
    }));
    expect(await lookUpPerson(client, "U1", "zh")).toEqual({ slackUserId: "U1", name: "Li Ming", title: "Director", lang: "en" });
    expect(slack.callsTo("users.info")[0]!.body).toMatchObject({ user: "U1", include_locale: "true" });
  });

  it("does not refuse anyone because Slack could not say who they are", async () => {
    slack.on("users.info", () => ({ ok: false, error: "user_not_found" }));
    expect(await lookUpPerson(client, "U2", "zh")).toEqual({ slackUserId: "U2", name: "U2", title: null, lang: "zh" });
  });
});
