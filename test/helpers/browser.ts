import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags for Debian's Chromium running headless as root in a container, without reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launches the system Chromium (CHROMIUM_PATH, else /usr/bin/chromium) through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** A fresh page (own cookies and storage) sized like a laptop screen. */
export async function newPage(browser: Browser, options: { baseURL?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  return context.newPage();
}

/** Saves a full-page PNG under test-results/<folder>/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, folder);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A `step(name, run)` for browser tests: runs `run`, and when it throws saves a screenshot
 * test-results/<folder>/failed-<name>.png before rethrowing. `page` is read at each call.
 */
export function screenshotOnFailure(page: () => Page, folder: string): <T>(name: string, run: () => Promise<T>) => Promise<T> {
  return async (name, run) => {
    try {
      return await run();
    } catch (error) {
      await saveScreenshot(page(), folder, `failed-${name}`).catch(() => undefined);
      throw error;
    }
  };
}
