import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { e2e } from './context';

/** Small, named steps over the real workbench DOM (selectors measured on VS Code 1.139). */

export const STATUS_BAR = '#workbench\\.parts\\.statusbar';

export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector(`${STATUS_BAR} [aria-label*="Gearshift"], ${STATUS_BAR} :text("Gearshift")`, { timeout: 60_000 });
}

/** Runs a command by its palette title, as a user would: F1, type, Enter. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 300 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

export function statusBarItem(page: Page, text: string | RegExp): ReturnType<Page['locator']> {
  return page.locator(`${STATUS_BAR} .statusbar-item`, { hasText: text }).first();
}

/** The inner document of the Gearshift gauge webview (two iframes deep). */
export function gaugeFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(e2e().screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
