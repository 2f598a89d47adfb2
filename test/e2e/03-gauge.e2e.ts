import * as assert from 'assert';
import * as fs from 'fs';
import { git } from '../support/git';
import { e2e } from './context';
import { chooseTheme, gaugeFrame, openGearshiftSidebar, runFromPalette, screenshot } from './ui';

const HOSTILE_SUBJECT = `<img src=x onerror="document.title='pwned'">`;

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
