import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.ts";
import type { Database } from "../../src/db/client.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { demoPhotoPng } from "../../src/sandbox/demo-photo.ts";
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
    running = await startSandboxMode(loadConfig({ PORT: "0", LOG_LEVEL: "silent", DATABASE_URL: "pglite:memory://" }), {
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

  it("the office launches the fire campaign; a liaison acknowledges and the message updates in place", async () => {
    await asUser("U0SAFETYOFFICEL", "C0SAFETYOFFICE");
    await type("/redline 行动 发起 summer-fire-safety");
    await page.locator('[data-testid="message"]', { hasText: "已发起" }).first().waitFor();

    await asUser("U0CULTUREL", "C0CULTURE");
    const launch = page.locator('[data-testid="message"][data-author="bot"]', { hasText: "夏季消防安全专项行动" }).first();
    await launch.waitFor();
    await launch.locator('[data-testid="block-button"][data-action-id="campaign_ack"]').click();
    await launch.locator('[data-testid="block-button"][data-action-id="campaign_ack"]').waitFor({ state: "detached" });
    expect(await launch.innerText()).toContain("已确认收到");
    await screenshot(page, "fire-campaign-acknowledged");
  });

  it("an outsider pressing 签署承诺 is refused, told who must sign", async () => {
    await asUser("U0OUTSIDER", "C0CULTURE");
    const launch = page.locator('[data-testid="message"][data-author="bot"]', { hasText: "夏季消防安全专项行动" }).first();
    await launch.locator('[data-testid="block-button"][data-action-id="campaign_pledge_sign"]').click();
    const refusal = page.locator('[data-testid="message"][data-ephemeral="true"]', { hasText: "签署" }).last();
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/主要负责人|本人签署|不能/);
    await screenshot(page, "pledge-refused-for-outsider");
  });

  it("moving the clock through the week brings daily nudges and, at the end, the summary to the office", async () => {
    await asUser("U0SAFETYOFFICEL", "C0EDUCATION");
    // Next 09:00, day by day, Monday 25 May to Monday 1 June (the window closes that morning).
    for (const day of ["05-25", "05-26", "05-27", "05-28", "05-29", "05-30", "05-31", "06-01"]) {
      const target = new Date(`2026-${day}T09:00:00+08:00`).toISOString().slice(0, 16);
      await page.getByTestId("clock-next-nine").click();
      await page.waitForFunction(
        (t) => document.querySelector('[data-testid="clock-now"]')?.getAttribute("data-iso")?.startsWith(t),
        target,
        { timeout: 20_000 },
      );
    }
    const nudges = page.locator('[data-testid="message"][data-author="bot"]', { hasText: "警示教育" });
    await nudges.nth(1).waitFor();
    await page.getByTestId("channel-item").filter({ hasText: "市政府安委会办公室" }).click();
    const summary = page.locator('[data-testid="message"][data-author="bot"]', { hasText: "警示教育总结" });
    await summary.first().waitFor();
    expect(await summary.first().innerText()).toContain("未填报");
    await screenshot(page, "fire-week-summary");
  });

  it("a liaison registers a hazard from a message with a photo (⋯ → 登记为隐患), then submits the rectification; thumbnails in the thread", async () => {
    const photo = { name: "厨房灭火器.png", mimeType: "image/png", buffer: await demoPhotoPng() };
    await asUser("U0WEIHUIL", "C0WEIHUI");
    await page.getByTestId("message-attach").setInputFiles(photo);
    await page.getByTestId("message-attachments").getByTestId("file-chip").waitFor();
    await type("养老院厨房灭火器过期");
    const message = page.locator('[data-testid="message"][data-author="user"]', { hasText: "养老院厨房灭火器过期" });
    await message.waitFor();
    await message.getByTestId("message-image").waitFor();
    expect(await message.getByTestId("message-image").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

    await message.hover();
    await message.getByTestId("message-actions").click();
    await message.getByTestId("message-shortcut").filter({ hasText: "登记为隐患" }).click();
    const form = page.getByTestId("modal");
    await form.waitFor();
    expect(await page.getByTestId("modal-title").innerText()).toContain("登记");
    const field = (block: string) => form.locator(`[data-testid="modal-input"][data-block-id="${block}"]`);
    expect(await field("hazard_description").inputValue()).toBe("养老院厨房灭火器过期");
    await field("hazard_venue_type").selectOption("nursing-home");
    await field("hazard_place_name").fill("卫辉市夕阳红敬老院");
    await field("hazard_level").locator('input[value="general"]').check();
    await field("hazard_deadline").fill("2026-06-30");
    await field("hazard_responsible").selectOption("U0WEIHUIL");
    await field("hazard_photos")
      .getByTestId("file-picker")
      .setInputFiles({ ...photo, name: "疏散通道.png" });
    await field("hazard_photos").getByTestId("file-chip").waitFor();
    await page.getByTestId("modal-submit").click();
    await form.waitFor({ state: "detached" });

    // The card (not the private confirmation, nor the demo's own 卫辉市 nursing home).
    const card = page
      .locator('[data-testid="message"][data-author="bot"][data-ephemeral="false"]', { hasText: "【隐患】" })
      .filter({ hasText: "卫辉市夕阳红敬老院" });
    await card.waitFor();
    const thumbs = card.getByTestId("thread").getByTestId("block-image");
    await thumbs.nth(1).waitFor();
    expect(await thumbs.locator("img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).alt))).toEqual([
      "疏散通道.png",
      "厨房灭火器.png",
    ]);
    await screenshot(page, "hazard-registered-with-photos");

    await card.locator('[data-testid="block-button"][data-action-id="hazard_rectify"]').click();
    await form.waitFor();
    await form.locator('[data-testid="modal-input"][data-block-id="hazard_rectify_note"]').fill("已更换灭火器");
    // Sent without the after-photo, the page refuses as Slack's client does.
    await page.getByTestId("modal-submit").click();
    await form.getByTestId("modal-error").filter({ hasText: "请填写此字段" }).waitFor();
    await form.getByTestId("file-picker").setInputFiles({ ...photo, name: "新灭火器.png" });
    await form.getByTestId("file-chip").waitFor();
    await page.getByTestId("modal-submit").click();
    await form.waitFor({ state: "detached" });
    await card.filter({ hasText: "待验收" }).waitFor();
    await card.getByTestId("thread").locator('img[alt="新灭火器.png"]').waitFor();
    await screenshot(page, "hazard-rectification-submitted");
  });
});
