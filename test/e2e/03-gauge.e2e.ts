import * as assert from 'assert';
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { git } from '../support/git';
import { e2e } from './context';
import { gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot } from './ui';

const HOSTILE_SUBJECT = `<img src=x onerror="document.title='pwned'">`;

/** Picks a colour theme through the palette, as a user would, and waits for the workbench to repaint. */
async function chooseTheme(page: Page, theme: string, workbenchClass: 'vs' | 'vs-dark'): Promise<void> {
  await runFromPalette(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
  // The webview gets the theme as a body class and CSS variables.
  await gaugeFrame(page).locator(`body.${workbenchClass === 'vs' ? 'vscode-light' : 'vscode-dark'}`).waitFor({ timeout: 20_000 });
}

describe('the gear gauge in the real UI', () => {
  it('a commit subject made of HTML is shown as text, and runs nothing', async () => {
    const { page, workspace } = e2e();
    git(workspace, 'commit', '-q', '--allow-empty', '-m', HOSTILE_SUBJECT);
    await runFromPalette(page, 'Gearshift: Run Pipeline');
    await openGearshiftSidebar(page);
    const subject = gaugeFrame(page).locator('#last-subject', { hasText: 'onerror' });
    await subject.waitFor({ timeout: 60_000 });
    assert.strictEqual(await subject.textContent(), HOSTILE_SUBJECT);
    assert.strictEqual(await gaugeFrame(page).locator('img').count(), 0, 'the subject became an <img> element');
    const frameTitle = await gaugeFrame(page).locator('html').evaluate((el) => el.ownerDocument.title);
    assert.notStrictEqual(frameTitle, 'pwned');
    assert.notStrictEqual(await page.title(), 'pwned');
  });

  it('follows the colour theme: light and dark screenshots', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    await gaugeFrame(page).locator('#gear-name').waitFor({ timeout: 30_000 });
    await chooseTheme(page, 'Light Modern', 'vs');
    const light = await screenshot(page, 'gauge-light');
    await chooseTheme(page, 'Dark Modern', 'vs-dark');
    const dark = await screenshot(page, 'gauge-dark');
    assert.ok(fs.statSync(light).size > 10_000 && fs.statSync(dark).size > 10_000);
    // The gauge's colours come from the theme's variables, so the two renderings differ.
    const bg = await gaugeFrame(page).locator('body').evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor);
    assert.ok(bg, 'no background colour in the webview');
  });
});
