import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); never a downloaded browser. */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Saves a screenshot into test-output/ (kept by CI) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir("test-output/screenshots", { recursive: true });
  const path = `test-output/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
