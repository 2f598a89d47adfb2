import * as assert from 'assert';
import type { Frame, Locator, Page } from 'playwright-core';
import { e2e } from './context';
import { runFromPalette } from './ui';

/**
 * The installed extension's own pages (F9 of the first-hour review). VS Code's Details page drops
 * an installed extension's relative links and images (its sanitizer keeps http/https only), so
 * there the docs links lead to the Reference section, which names Gearshift: Open Documentation;
 * that command shows the installed docs in the Markdown preview, screenshots and links working.
 */

/** The first frame whose document matches `selector`, waited for (webviews load in nested iframes). */
async function frameWith(page: Page, selector: string, timeout = 30_000): Promise<Frame> {
  for (const end = Date.now() + timeout; ;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0) > 0) { return frame; }
    }
    if (Date.now() > end) { throw new Error(`no frame shows ${selector}`); }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the checks read of an element (the e2e build has no DOM types). */
interface Shown { getBoundingClientRect(): { top: number }; naturalWidth?: number }

/**
 * Waits until `check(element)` holds. Asked by a function call from the test, never a string: a webview's CSP (a
 * nonce, no 'unsafe-eval') refuses a string predicate, as the Markdown preview's did in a cold CI (EvalError).
 */
async function until(target: Locator, check: (el: Shown) => boolean, what: string, timeout = 30_000): Promise<void> {
  for (const end = Date.now() + timeout; ;) {
    // The function itself goes to the page (serialised): it may use nothing of this file.
    if (await target.evaluate(check as never).catch(() => false)) { return; }
    if (Date.now() > end) { assert.fail(what); }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Gearshift\'s docs in the real VS Code UI (packaged .vsix)', () => {
  after(async () => { await runFromPalette(e2e().page, 'View: Close All Editors'); });

  it('Extensions → Gearshift → Details: an icon, no broken image, and a docs link that leads to the Reference section', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Extensions: Show Installed Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Gearshift' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const readme = await frameWith(page, 'h2#reference');
    // Every image there would be a broken one: VS Code strips the src of any that is not http(s).
    assert.strictEqual(await readme.locator('img:not([src])').count(), 0, 'an image with its src stripped (broken) on the Details page');
    assert.strictEqual(await readme.locator('a:not([href])').count(), 0, 'a link with its href stripped (dead) on the Details page');
    await readme.locator('a', { hasText: 'the command line' }).first().click();
    await until(readme.locator('#reference'), (el) => Math.abs(el.getBoundingClientRect().top) < 80, 'the Reference section was not scrolled to');
    assert.match(await readme.locator('h2#reference + p').innerText(), /Gearshift: Open Documentation/);
    // The icon from package.json in the page's header (else VS Code's grey puzzle piece).
    const icon = page.locator('.extension-editor .header img.icon').first();
    await icon.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction((img) => (img as { naturalWidth: number }).naturalWidth > 0, await icon.elementHandle(), { timeout: 30_000 });
  });

  it('Gearshift: Open Documentation shows README with its screenshot, and its links open the installed pages', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'Gearshift: Open Documentation');
    const preview = await frameWith(page, 'img[alt="Gearshift in VS Code"]');
    await until(preview.locator('img[alt="Gearshift in VS Code"]').first(), (el) => (el.naturalWidth ?? 0) > 0, 'the screenshot did not load');
    await preview.locator('a', { hasText: 'Command line' }).first().click();
    // The preview may swap its frame for the new page: look for it afresh.
    await frameWith(page, 'h1:has-text("command line")').catch((e: Error) => assert.fail(`the Command line page did not open in the preview: ${e.message}`));
  });

  it('Add Feature Toggle with no flags file says so, and its Open Docs button opens the installed feature toggles page', async () => {
    const { page } = e2e();
    await runFromPalette(page, 'View: Close All Editors');
    await runFromPalette(page, 'Gearshift: Add Feature Toggle…');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No flags file here' }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await toast.innerText(), /docs\//, 'the message names a path in a clone');
    await toast.getByRole('button', { name: 'Open Docs' }).click();
    await frameWith(page, 'h1:has-text("Feature toggles")').catch((e: Error) => assert.fail(`the feature toggles page did not open: ${e.message}`));
  });
});
