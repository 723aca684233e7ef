import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/lib/logger.ts";
import { assertSandboxCredentials, createSandbox, generateSandboxCredentials } from "../../src/sandbox/index.ts";
import { channels, users } from "./fixtures.ts";

describe("sandbox credentials", () => {
  it("accepts its own generated credentials", () => {
    expect(() => assertSandboxCredentials(generateSandboxCredentials())).not.toThrow();
  });

  it("refuses a real-looking bot token or signing secret", () => {
    const own = generateSandboxCredentials();
    expect(() => assertSandboxCredentials({ ...own, botToken: "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" })).toThrow(
      /looks like a real Slack token/,
    );
    expect(() => assertSandboxCredentials({ ...own, botToken: "anything" })).toThrow(/must start with xoxb-sandbox-/);
    expect(() => assertSandboxCredentials({ ...own, signingSecret: "8f742231b10e8888abcd99yyyzzz85a5".replace(/[yz]/g, "0") })).toThrow(
      /signing secret/,
    );
  });

  it("does not start, and binds no port, with a real token", async () => {
    const start = createSandbox({
      ...generateSandboxCredentials(),
      botToken: "xoxb-1-2-abc",
      users,
      channels,
      logger: createLogger("silent"),
    });
    await expect(start).rejects.toMatchObject({ code: "config_invalid" });
  });
});
