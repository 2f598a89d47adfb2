import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { e2e } from './context';
import { chooseTheme, gaugeFrame, openGearshiftSidebar, screenshot } from './ui';
import { cleanEnv, git } from '../support/git';

/** The packaged CLI (built with the .vsix): deploys made from a terminal, as a team member would. */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const PRODUCTION_PIPELINE = `version: 1
stages:
  - name: Unit Tests
    run: echo "all tests pass"
  - name: Deploy Prod
    run: echo "release $GEARSHIFT_SHA"
    environment: production
`;

const LABELS = ['Change lead time', 'Deployment frequency', 'Failed deployment recovery time', 'Change fail rate', 'Deployment rework rate'];

describe("the gauge shows DORA's five metrics (2024 bands) in the real UI", () => {
  let original = '';

  before(() => {
    const { workspace } = e2e();
    const file = path.join(workspace, '.gearshift.yml');
    original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, PRODUCTION_PIPELINE);
    git(workspace, 'commit', '-q', '-am', 'Deploy to production through the pipeline');
    // Three green production deploys: enough for frequency, fail rate and rework (minimum 3).
    for (let i = 0; i < 3; i++) {
      execFileSync(process.execPath, [CLI, 'run'], { cwd: workspace, env: cleanEnv(), stdio: 'pipe', timeout: 60_000 });
    }
  });

  after(() => {
    const { workspace } = e2e();
    fs.writeFileSync(path.join(workspace, '.gearshift.yml'), original);
    git(workspace, 'commit', '-q', '-am', 'Back to the fixture pipeline');
  });

  it('lists the five with values and sample sizes; minutes of history: provisional gear, bands withheld ("too little history"), not "elite"', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const frame = gaugeFrame(page);
    const frequency = frame.locator('#dora .metric', { hasText: 'Deployment frequency' });
    // The suite's history is minutes old (edjourney finding 7): the band says why there is none.
    await frequency.locator('.band', { hasText: 'too little history' }).waitFor({ timeout: 60_000 });
    const rows = frame.locator('#dora .metric');
    assert.strictEqual(await rows.count(), 5);
    assert.deepStrictEqual(await rows.locator('.metric-label').allTextContents(), LABELS);
    assert.match(await frame.locator('#gear-provisional').textContent() ?? '', /^provisional: (less than a minute|\d+ (minutes?|hours?)) of deploy history$/);
    assert.ok(await frame.locator('#gear-provisional').isVisible(), 'the provisional mark is shown under the gear');
    // Earlier suites (05: blue/green deploys) share this history, so counts are at least ours.
    assert.match(await frequency.locator('.metric-value').textContent() ?? '', /^\d+ deploys in (less than a minute|\d+ (minutes?|hours?))$/);
    assert.match(await frequency.locator('.band').getAttribute('title') ?? '', /^no band: too little deploy history \(.*; 7 days needed\)$/);
    assert.strictEqual(await frame.locator('#dora .band-elite').count(), 0, '"elite" from minutes of history');
    const sample = Number(/sample (\d+)$/.exec(await frequency.locator('.metric-detail').textContent() ?? '')?.[1]);
    assert.ok(sample >= 3, String(sample));
    const failRate = frame.locator('#dora .metric', { hasText: 'Change fail rate' });
    assert.match(await failRate.locator('.metric-value').textContent() ?? '', /^\d+(\.\d)?%$/);
    assert.strictEqual(await failRate.locator('.band').textContent(), 'too little history');
    const rework = frame.locator('#dora .metric', { hasText: 'Deployment rework rate' });
    assert.match(await rework.locator('.band').textContent() ?? '', /^no bands/);
    const recovery = frame.locator('#dora .metric', { hasText: 'Failed deployment recovery time' });
    assert.match(await recovery.locator('.metric-value').textContent() ?? '', /^(not enough data \(\d+ recover(y|ies), 3 needed\)|\d.*)$/);
    for (const detail of await rows.locator('.metric-detail').allTextContents()) { assert.match(detail, /sample \d+$/); }
    assert.match(await frame.locator('#band-source').textContent() ?? '', /Accelerate State of DevOps 2024.*report year 2024/);
    assert.deepStrictEqual(await frame.locator('#dora .dora-group').allTextContents(), ['Throughput', 'Instability']);
  });

  it('at the default sidebar height the text under the dial ("what holds you back") is in view', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const frame = gaugeFrame(page);
    await frame.locator('#limit-why').waitFor({ timeout: 30_000 });
    const fit = await frame.locator('#limit-why').evaluate((el) => {
      const win = el.ownerDocument.defaultView as unknown as { innerHeight: number; getComputedStyle(e: unknown): { overflowY: string } };
      const box = el.getBoundingClientRect();
      const root = el.ownerDocument.scrollingElement as unknown as { scrollHeight: number };
      return {
        bottom: box.bottom, height: box.height, viewport: win.innerHeight,
        scrolls: root.scrollHeight > win.innerHeight && win.getComputedStyle(el.ownerDocument.body).overflowY !== 'hidden',
      };
    });
    assert.ok(fit.height > 0, 'the limiting factor text is empty');
    assert.ok(fit.viewport > 0, JSON.stringify(fit));
    assert.ok(fit.bottom <= fit.viewport, `"what holds you back" ends at ${fit.bottom}px, below the ${fit.viewport}px view: ${JSON.stringify(fit)}`);
    // The rest of the gauge is reachable by scrolling, never cut off.
    const checklist = frame.locator('#checklist');
    await checklist.scrollIntoViewIfNeeded();
    assert.ok(await checklist.isVisible());
  });

  it('screenshots the five in light and dark themes', async () => {
    const { page } = e2e();
    await openGearshiftSidebar(page);
    const frame = gaugeFrame(page);
    await frame.locator('#dora-block').scrollIntoViewIfNeeded();
    await chooseTheme(page, 'Light Modern', 'vs');
    const light = await screenshot(page, 'gauge-dora-light');
    await chooseTheme(page, 'Dark Modern', 'vs-dark');
    const dark = await screenshot(page, 'gauge-dora-dark');
    assert.ok(fs.statSync(light).size > 10_000 && fs.statSync(dark).size > 10_000);
    const chip = frame.locator('#dora .band.band-withheld').first();
    const colours = await chip.evaluate((el) => (el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(el));
    assert.notStrictEqual(colours.backgroundColor, colours.color, 'the band chip is unreadable');
  });
});
