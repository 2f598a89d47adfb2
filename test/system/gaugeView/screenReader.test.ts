/**
 * The gauge webview (media/) in headless Chromium, as a screen reader is given it: Chromium's
 * accessibility tree through Playwright's aria snapshot and roles (a11y32 #12, #13, #14).
 */
import * as assert from 'node:assert/strict';
import { openGaugePage, type OpenGauge } from './page';
import { sparkLabels } from '../../../src/core/gears';
import type { GaugeView } from '../../../src/vscode/gauge/protocol';

const DEPLOYS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 2];
const DURATIONS = [61_000, 58_000, 125_000, 80_000];
const VIEW: GaugeView = {
  gear: { number: 3, name: '3rd gear', rhythm: 'weekly', limitingFactor: 'unready code', why: 'why', next: ['feature toggles'], provisional: null, heldBack: false, redTimer: null },
  dora: [], metrics: [], bandSource: 'DORA 2024', bandYear: 2024,
  sparklines: { deploysPerWeek: DEPLOYS, pipelineDurationsMs: DURATIONS }, sparkLabels: sparkLabels(DEPLOYS, DURATIONS, [0, 0.5]),
  stages: [{ name: 'Build', display: '2s', medianMs: 2000, longest: true }, { name: 'Test', display: '1s', medianMs: 1000, longest: false }],
  checklist: [{ id: 'a', gear: 1, label: 'a pipeline', status: 'done', how: 'h' }], rules: [],
  lastRun: { state: 'green', sha: 'abcdef12', branch: 'main', subject: 's', when: 'cli run, 1m ago' },
  pending: null, liveSlot: null, monitor: [0, 0.5], nextStep: null,
};

describe('gauge webview: what a screen reader is given', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => {
    gauge = await openGaugePage();
    await gauge.post({ type: 'state', view: VIEW, note: '' });
  });
  after(async () => { await gauge?.dispose(); });

  it('one h1 names the page, not drawn (the view\'s title says it above), and every section is an h2 under it', async () => {
    const page = gauge!.page;
    const headings = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((els) => els
      .filter((e) => (e as unknown as { checkVisibility(): boolean }).checkVisibility() || e.classList.contains('visually-hidden'))
      .map((e) => `${e.tagName} ${e.textContent}`));
    assert.deepEqual(headings, ['H1 Gear Gauge', 'H2 3rd gear', 'H2 What holds you back', 'H3 Shift up next', 'H2 DORA metrics', 'H2 Last run', 'H2 Speed limits', 'H2 Stage durations', 'H2 Readiness checklist', 'H2 How Gearshift picks your gear']);
    const h1 = page.getByRole('heading', { level: 1, name: 'Gear Gauge' });
    const box = await h1.boundingBox();
    assert.ok(box !== null && box.width <= 1 && box.height <= 1, `the h1 is drawn: ${JSON.stringify(box)}`);
    await gauge!.post({ type: 'state', view: null, note: 'no pipeline' });
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'the empty state has its h1 too');
    await gauge!.post({ type: 'state', view: VIEW, note: '' });
  });

  it('each folded section\'s summary is a heading (closed or open), reached by Tab and opened with Enter', async () => {
    const page = gauge!.page;
    const folds = [['next-block', 3, 'Shift up next'], ['dora-block', 2, 'DORA metrics'], ['speed-block', 2, 'Speed limits'], ['rules-block', 2, 'How Gearshift picks your gear']] as const;
    for (const [id, level, name] of folds) {
      await page.locator(`#${id}`).evaluate((d) => { d.removeAttribute('open'); });
      // As a screen reader is given it (the accessibility tree): a heading of that level, folded or not.
      assert.equal(await page.getByRole('heading', { level, name, exact: true }).count(), 1, `${name}: no heading while folded`);
      await page.locator('body').evaluate((b) => { (b as unknown as { focus(): void }).focus(); });
      let focused = '';
      for (let i = 0; i < 40 && focused !== name; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate('document.activeElement && document.activeElement.tagName === "SUMMARY" ? document.activeElement.textContent.trim() : ""');
      }
      assert.equal(focused, name, `${name}: its summary is not reached by Tab`);
      await page.keyboard.press('Enter');
      assert.equal(await page.locator(`#${id}`).evaluate((d) => d.hasAttribute('open')), true, `${name}: Enter does not open it`);
      assert.equal(await page.getByRole('heading', { level, name, exact: true }).count(), 1, `${name}: no heading while open`);
    }
  });

  it('each sparkline\'s name carries its values', async () => {
    const names = await gauge!.page.locator('svg.spark').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(names, [
      'Deploys per week, last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 2 (this week)',
      'Pipeline duration per run, last 4 runs: latest 1m 20s, lowest 58.0s, highest 2m 05s',
      'Error rate after the last deploy, last 2 samples, oldest first: 0%, 50%',
    ]);
    if (!await gauge!.page.locator('#speed-block').evaluate((d) => d.hasAttribute('open'))) { await gauge!.page.locator('#speed-block summary').click(); } // folded by default
    const tree = await gauge!.page.locator('#speed-block').ariaSnapshot();
    assert.match(tree, /img "Deploys per week, last 12 weeks, oldest first: 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 2 \(this week\)"/, tree);
  });

  it('the longest stage\'s row says "bottleneck" to a screen reader, the others do not', async () => {
    const tree = await gauge!.page.locator('#stage-bars').ariaSnapshot();
    assert.match(tree, /Build 2s longest stage: the bottleneck/, tree);
    assert.doesNotMatch(tree, /Test 1s.*bottleneck/, tree);
    const note = gauge!.page.locator('.bar-row.longest .bar-note');
    const box = await note.boundingBox();
    assert.ok(box !== null && box.width <= 1, `the note is drawn: ${JSON.stringify(box)}`);
  });
});
