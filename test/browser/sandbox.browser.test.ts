import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { startSandboxMode, type RunningSandbox } from "../../src/server/start-sandbox.ts";
import { openTestDatabase } from "../support/db.ts";
import { hasChromium, launchChromium, screenshot } from "./browser.ts";

/** The sandbox page in headless Chromium, as a newcomer would use it. Skipped only where Chromium is absent (.ci/run installs it). */
describe.skipIf(!hasChromium)("sandbox page in Chromium", () => {
  let db: Database;
  let running: RunningSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await openTestDatabase("embedded");
    running = await startSandboxMode(loadConfig({ PORT: "0", LOG_LEVEL: "silent" }), {
      logger: createLogger("silent"),
      database: db,
      start: new Date("2026-05-25T08:30:00+08:00"),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") await screenshot(page, `failed-${ctx.task.name.replace(/\W+/g, "-")}`);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const asUser = async (userId: string, channelId: string) => {
    await page.goto(`${running.sandbox.url}/?user=${userId}#${channelId}`);
    await page.getByTestId("message-box").waitFor();
  };
  const type = async (text: string) => {
    await page.getByTestId("message-box").fill(text);
    await page.getByTestId("message-send").click();
  };

  it("a liaison asks who leads KTV and sees the answer only they can see", async () => {
    await asUser("U0CULTUREL", "C0CULTURE");
    await type("/redline 谁负责 KTV");
    const reply = page.locator('[data-testid="message"][data-ephemeral="true"]', { hasText: "牵头部门" });
    await reply.waitFor();
    expect(await reply.innerText()).toContain("KTV → 牵头部门：文化部门");
    expect(await reply.innerText()).toContain("依据");
    // Another person in the same channel does not see it.
    await asUser("U0CULTUREH", "C0CULTURE");
    await page.getByTestId("main-title").filter({ hasText: "文化部门" }).waitFor();
    expect(await page.locator('[data-testid="message"]', { hasText: "牵头部门" }).count()).toBe(0);
    await screenshot(page, "who-leads-ktv");
  });
});
