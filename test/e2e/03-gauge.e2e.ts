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

  it('loads every gauge script from media/ with the page\'s one CSP nonce, and the CSP allows no other script', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    await gaugeFrame(page).locator('#gear-name').waitFor({ timeout: 30_000 });
    // Read in the page: `nonce` is hidden from attributes once the page has it, its IDL value is not.
    const seen = await gaugeFrame(page).locator('html').evaluate((root) => {
      // This TypeScript has no DOM types: the few the page gives are named here.
      type Script = { getAttribute(n: string): string | null; nonce: string };
      const doc = (root as unknown as { ownerDocument: { querySelector(q: string): Script | null; querySelectorAll(q: string): Iterable<Script> } }).ownerDocument;
      const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
      // VS Code's own script in the frame is inline: ours are the ones from media/.
      const scripts = Array.from(doc.querySelectorAll('script[src]')).map((s) => ({ file: (s.getAttribute('src') ?? '').split('?')[0].split('/').pop(), nonce: s.nonce }));
      return { scriptSrc: csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '', scripts };
    });
    assert.deepStrictEqual(seen.scripts.map((s) => s.file), ['gaugeDom.js', 'gaugeRepo.js', 'gauge.js']);
    const nonce = seen.scripts[0].nonce;
    assert.ok(nonce && nonce.length >= 16, JSON.stringify(seen));
    assert.ok(seen.scripts.every((s) => s.nonce === nonce), JSON.stringify(seen));
    assert.strictEqual(seen.scriptSrc, `script-src 'nonce-${nonce}'`);
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
