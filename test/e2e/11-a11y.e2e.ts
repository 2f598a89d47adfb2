import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { chooseTheme, gaugeFrame, openGearshiftSidebar, screenshot } from './ui';
import { cleanEnv, git } from '../support/git';

/** The packaged CLI (built with the .vsix). */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const PIPELINE = `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
  - name: Deploy Prod
    run: echo "release $GEARSHIFT_SHA"
    environment: production
`;

/** What a screen reader is told, and the painted colours, in the gauge frame (this TypeScript has no DOM types). */
type Painted = { fill: string; sha: { color: string; background: string } };

describe('accessibility (a11y) in the real UI: screen reader names and high contrast', () => {
  let original = '';
  before(() => {
    const { workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, PIPELINE);
    git(workspace, 'commit', '-q', '-am', 'a11y: a production pipeline');
    execFileSync(process.execPath, [CLI, 'run'], { cwd: workspace, env: cleanEnv(), stdio: 'pipe', timeout: 60_000 });
    // One commit left waiting for production: the gauge lists it with its SHA, Commits to Deploy counts it.
    git(workspace, 'commit', '-q', '--allow-empty', '-m', 'a11y: waits for production');
  });
  after(async () => {
    const { page, workspace } = e2e();
    await chooseTheme(page, 'Dark Modern', 'vs-dark');
    fs.writeFileSync(path.join(workspace, '.gearshift.yml'), original);
    git(workspace, 'commit', '-q', '-am', 'Back to the fixture pipeline');
  });

  it('the Commits to Deploy summary row is announced by its own text (not only its tooltip)', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Commits to Deploy' }) });
    const row = pane.locator('.monaco-list-row').first();
    await row.waitFor({ timeout: 60_000 });
    // Both read in one go: the row is drawn again as commits arrive (3 → 4 between two reads, seen once).
    const { text, name } = await row.evaluate((el) => ({
      text: (el.querySelector('.label-name')?.textContent ?? '').trim(), name: el.getAttribute('aria-label') ?? '',
    }));
    assert.ok(text.length > 0, 'the summary row shows no text');
    assert.ok(name.startsWith(text), `the row shows "${text}" but a screen reader hears "${name}"`);
  });

  it('in Light High Contrast the longest stage\'s bar is painted and a waiting commit\'s SHA is readable', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const frame = gaugeFrame(page);
    await frame.locator('#pending-commits code').first().waitFor({ timeout: 60_000 });
    await chooseTheme(page, 'Light High Contrast', 'hc-light');
    await screenshot(page, 'gauge-hc-light');
    const painted = await frame.locator('body').evaluate((body): Painted => {
      const doc = (body as unknown as { ownerDocument: { querySelector(s: string): unknown; defaultView: { getComputedStyle(e: unknown): { backgroundColor: string; color: string } } } }).ownerDocument;
      const style = (s: string): { backgroundColor: string; color: string } => doc.defaultView.getComputedStyle(doc.querySelector(s));
      const code = style('#pending-commits code');
      return { fill: style('.bar-row.longest .bar-fill').backgroundColor, sha: { color: code.color, background: code.backgroundColor } };
    });
    assert.notStrictEqual(painted.fill, 'rgba(0, 0, 0, 0)', 'the bottleneck\'s bar is transparent');
    assert.ok(contrast(painted.sha.color, painted.sha.background === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : painted.sha.background) >= 4.5, JSON.stringify(painted));
  });
});

/** WCAG contrast of two opaque `rgb(…)` colours (an `rgba` is blended onto the other). */
function contrast(fg: string, bg: string): number {
  const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
  const [br, bgG, bb] = parse(bg);
  const [fr, fgG, fb, fa = 1] = parse(fg);
  const blend = [fr * fa + br * (1 - fa), fgG * fa + bgG * (1 - fa), fb * fa + bb * (1 - fa)];
  const lum = (rgb: number[]): number => {
    const [r, g, b] = rgb.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(blend), lum([br, bgG, bb])].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
